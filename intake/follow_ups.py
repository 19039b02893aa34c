"""Reminding a follow-up's owner when it falls due, by e-mail, without any personal data.

Saving a follow-up queues a reminder for its due time (the database queue waits for it); the
`send_follow_up_reminders` command, run from cron, sends any the queue missed. A reminder is sent
once per due time: moving the due time or the owner arms it again.
"""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django_tasks import default_task_backend, task

from .models import Inquiry

logger = logging.getLogger(__name__)


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
    try:
        if due > timezone.now():
            if not default_task_backend.supports_defer:
                return  # the cron command sends it when it falls due
            send_reminder.using(run_after=due).enqueue(inquiry_id, due.isoformat())
        else:
            send_reminder.enqueue(inquiry_id, due.isoformat())
    except Exception:
        logger.exception("could not queue the follow-up reminder of inquiry %s", inquiry_id)


@task()
def send_reminder(inquiry_id, due_iso):
    """Send the reminder if this follow-up is still the inquiry's, due, open and not yet reminded."""
    now = timezone.now()
    claimed = (
        Inquiry.objects.open()
        .filter(pk=inquiry_id, follow_up_at=due_iso, follow_up_at__lte=now, follow_up_notified_at__isnull=True)
        .exclude(follow_up_owner__email="")
        .update(follow_up_notified_at=now)  # claimed once, whichever worker gets here first
    )
    if not claimed:
        return "skipped"
    inquiry = Inquiry.objects.select_related("follow_up_owner").get(pk=inquiry_id)
    subject, body = reminder_message(inquiry)
    try:
        send_mail(subject, body, None, [inquiry.follow_up_owner.email], fail_silently=False)
    except Exception as error:
        Inquiry.objects.filter(pk=inquiry_id).update(follow_up_notified_at=None)  # the command tries again
        logger.warning("follow-up reminder for inquiry %s failed: %s", inquiry_id, type(error).__name__)
        return "failed"
    return "sent"


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
