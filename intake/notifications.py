"""Telling admissions that an inquiry arrived, without any personal data in the message."""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django_tasks import default_task_backend, task

from .models import Notification

logger = logging.getLogger(__name__)


def notification_message(notification):
    """Subject and body: only that an inquiry arrived and where to open it."""
    url = f"{settings.SITE_URL}{notification.inquiry.get_admin_url()}"
    if notification.inquiry.verifications.exists():
        subject = f"Insurance verification requested, inquiry #{notification.inquiry_id}"
        what = "A request to verify insurance benefits has arrived through the website."
    else:
        subject = f"New inquiry #{notification.inquiry_id} on the website"
        what = "A new inquiry has arrived through the website."
    if notification.inquiry.language != notification.inquiry.Language.ENGLISH:
        # The language only: admissions can call back in it. Nothing about the person.
        language = notification.inquiry.get_language_display()
        subject = f"{subject} ({language})"
        what = f"{what} It was written in {language}: reply in {language}."
    body = (
        f"{what}\n\n"
        f"Open it in the admissions inbox (log in required):\n{url}\n\n"
        "For privacy, this e-mail carries no details about the person.\n"
    )
    return subject, body


def queue_notification(inquiry):
    """Create the notification now and send it once the inquiry is committed."""
    notification = Notification.objects.create(inquiry=inquiry)
    transaction.on_commit(lambda: enqueue_delivery(notification.pk))
    return notification


def enqueue_delivery(notification_id, *, delay=None):
    try:
        runner = deliver_notification
        if delay and default_task_backend.supports_defer:
            runner = deliver_notification.using(run_after=timezone.now() + delay)
        runner.enqueue(notification_id)
    except Exception:
        # The inquiry is saved and the notification stays pending: the retry command picks it up.
        logger.exception("could not queue notification %s", notification_id)


@task()
def deliver_notification(notification_id):
    notification = Notification.objects.select_related("inquiry").filter(pk=notification_id).first()
    if notification is None or notification.status == Notification.Status.SENT:
        return "skipped"
    subject, body = notification_message(notification)
    notification.attempts += 1
    try:
        send_mail(subject, body, None, settings.INTAKE_NOTIFY_EMAILS, fail_silently=False)
    except Exception as error:
        notification.status = Notification.Status.FAILED
        notification.last_error = f"{type(error).__name__}: {error}"[:200]
        notification.save(update_fields=["status", "attempts", "last_error"])
        logger.warning(
            "notification %s failed (attempt %s): %s", notification.pk, notification.attempts, type(error).__name__
        )
        # Backends that cannot wait (the immediate one) leave retries to `retry_notifications`.
        if notification.attempts < settings.INTAKE_NOTIFY_MAX_ATTEMPTS and default_task_backend.supports_defer:
            enqueue_delivery(notification.pk, delay=retry_delay(notification.attempts))
        return "failed"
    notification.status = Notification.Status.SENT
    notification.sent_at = timezone.now()
    notification.last_error = ""
    notification.save(update_fields=["status", "attempts", "last_error", "sent_at"])
    return "sent"


def retry_delay(attempts):
    """Back off: 1, 2, 4, 8 ... minutes, at most an hour."""
    return timedelta(minutes=min(2 ** (attempts - 1), 60))


def retry_unsent(max_attempts=None):
    """Queue again every notification not yet sent; returns how many."""
    limit = max_attempts or settings.INTAKE_NOTIFY_MAX_ATTEMPTS * 4
    unsent = Notification.objects.exclude(status=Notification.Status.SENT).filter(attempts__lt=limit)
    ids = list(unsent.values_list("pk", flat=True))
    for pk in ids:
        enqueue_delivery(pk)
    return len(ids)
