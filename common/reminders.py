"""Reminder e-mails the task queue sends once, at their time, with no personal data: what the inbox's
follow-ups, the assessments and the waitlist's follow-ups have in common.

A reminder is queued for its time (at once when that has passed); a backend that cannot defer leaves
it to the cron command that queues whatever fell due. Sending claims it with a stamp on its row, so
two workers never both send it, and takes the stamp back when the mail fails, so cron tries again.
"""

import logging

from django.core.mail import send_mail
from django.utils import timezone
from django_tasks import default_task_backend

logger = logging.getLogger(__name__)


def enqueue_at(task, when, *args, what):
    """Queue `task(*args)` to run at `when`; a queue that fails is logged ("could not queue `what`")."""
    try:
        if when > timezone.now():
            if not default_task_backend.supports_defer:
                return  # the cron command sends it when it falls due
            task.using(run_after=when).enqueue(*args)
        else:
            task.enqueue(*args)
    except Exception:
        logger.exception("could not queue %s", what)


def send_once(owed, *, load, stamp, now, message, to, what):
    """Claim the reminder by stamping `stamp` (at `now`) on `owed`, the row still owed it, then mail
    `message(row)` to `to(row)`, the row as `load()` reads it: "sent", "skipped" (not owed, or claimed
    by another worker) or "failed" (the stamp taken back, logged as "`what` failed")."""
    if not owed.update(**{stamp: now}):
        return "skipped"
    row = load()
    subject, body = message(row)
    try:
        send_mail(subject, body, None, [to(row)], fail_silently=False)
    except Exception as error:
        type(row).objects.filter(pk=row.pk).update(**{stamp: None})  # the cron command tries again
        logger.warning("%s failed: %s", what, type(error).__name__)
        return "failed"
    return "sent"
