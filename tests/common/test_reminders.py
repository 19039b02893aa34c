"""A reminder is sent once: claimed by its stamp, the stamp taken back when the mail fails (cron tries
again), and skipped once sent. Shown with the inbox's follow-up reminder; the assessments' and the
waitlist's go through the same two functions (common/reminders.py)."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from common import reminders
from intake import follow_ups
from intake.models import Inquiry

from ..factories import InquiryFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_a_failed_mail_gives_the_reminder_back_and_a_sent_one_is_not_sent_again(monkeypatch):
    owner = UserFactory(username="casey", email="casey@example.com", group="Admissions")
    due = timezone.now() - timedelta(minutes=5)
    inquiry = InquiryFactory(status="contacted", follow_up_at=due, follow_up_owner=owner)

    def refuse(*args, **kwargs):
        raise ConnectionRefusedError

    monkeypatch.setattr(reminders, "send_mail", refuse)
    assert follow_ups.send_reminder.call(inquiry.pk, due.isoformat()) == "failed"
    assert Inquiry.objects.get(pk=inquiry.pk).follow_up_notified_at is None
    monkeypatch.undo()

    assert follow_ups.send_reminder.call(inquiry.pk, due.isoformat()) == "sent"
    assert [(message.to, message.subject) for message in mail.outbox] == [
        (["casey@example.com"], f"Follow-up due: inquiry #{inquiry.pk}")
    ]
    assert Inquiry.objects.get(pk=inquiry.pk).follow_up_notified_at is not None
    assert follow_ups.send_reminder.call(inquiry.pk, due.isoformat()) == "skipped"
    assert len(mail.outbox) == 1
