"""Reminding a follow-up's owner when it falls due, by e-mail, without any personal data.

Saving a follow-up queues a reminder for its due time (the database queue waits for it); the
`send_follow_up_reminders` command, run from cron, sends any the queue missed. A reminder is sent
once per due time: moving the due time or the owner arms it again.
"""

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from common.reminders import enqueue_at, send_once

from .models import Inquiry


def reminder_message(inquiry):
    url = f"{settings.SITE_URL}{inquiry.get_admin_url()}"
    subject = f"Follow-up due: inquiry #{inquiry.pk}"
    body = (
        f"A follow-up you own is due now on inquiry #{inquiry.pk}.\n\n"
        f"Open it in the admissions inbox (log in required):\n{url}\n\n"
        "For privacy, this e-mail carries no details about the person.\n"
    )
    return subject, body


def schedule(inquiry):
    """Queue the reminder for the inquiry's follow-up, once the save is committed."""
    if inquiry.follow_up_at is None or inquiry.follow_up_owner_id is None:
        return
    due = inquiry.follow_up_at
    transaction.on_commit(lambda: _enqueue(inquiry.pk, due))


def _enqueue(inquiry_id, due):
    enqueue_at(send_reminder, due, inquiry_id, due.isoformat(), what=f"the follow-up reminder of inquiry {inquiry_id}")


@task()
def send_reminder(inquiry_id, due_iso):
    """Send the reminder if this follow-up is still the inquiry's, due, open and not yet reminded."""
    now = timezone.now()
    owed = (
        Inquiry.objects.open()
        .filter(pk=inquiry_id, follow_up_at=due_iso, follow_up_at__lte=now, follow_up_notified_at__isnull=True)
        .exclude(follow_up_owner__email="")
    )
    return send_once(
        owed,
        load=lambda: Inquiry.objects.select_related("follow_up_owner").get(pk=inquiry_id),
        stamp="follow_up_notified_at",
        now=now,
        message=reminder_message,
        to=lambda inquiry: inquiry.follow_up_owner.email,
        what=f"follow-up reminder for inquiry {inquiry_id}",
    )


def send_due():
    """Queue a reminder for every follow-up due and not yet reminded; how many."""
    due = (
        Inquiry.objects.follow_up_due()
        .filter(follow_up_notified_at__isnull=True, follow_up_owner__isnull=False)
        .values_list("pk", "follow_up_at")
    )
    count = 0
    for pk, when in due.iterator():
        _enqueue(pk, when)
        count += 1
    return count
