"""Reminding an assessment's assessor before it, by e-mail, without any personal data: the inquiry's
number and a link, nothing about the person (not even the time, which the page shows once signed in).

Scheduling an assessment queues its reminder for REMIND_BEFORE its start (at once, if that has passed);
the `send_assessment_reminders` command, run from cron, sends any the queue missed. A reminder is
sent once per start time and assessor: moving either arms it again.
"""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from common.reminders import enqueue_at, send_once

from .models import Assessment

REMIND_BEFORE = timedelta(hours=24)


def reminder_message(assessment):
    url = f"{settings.SITE_URL}{assessment.inquiry.get_admin_url()}"
    subject = f"Assessment coming up: inquiry #{assessment.inquiry_id}"
    body = (
        f"You are down to assess inquiry #{assessment.inquiry_id} within the next day.\n\n"
        f"Open it in the admissions inbox for the time and the details (log in required):\n{url}\n\n"
        "For privacy, this e-mail carries no details about the person.\n"
    )
    return subject, body


def schedule(assessment):
    """Queue the reminder of this assessment, once the save is committed."""
    starts, assessor = assessment.starts_at, assessment.assessor_id
    transaction.on_commit(lambda: _enqueue(assessment.pk, starts, assessor))


def _enqueue(assessment_id, starts, assessor_id):
    if starts <= timezone.now():
        return  # already begun: nothing to remind of
    what = f"the reminder of assessment {assessment_id}"
    enqueue_at(send_reminder, starts - REMIND_BEFORE, assessment_id, starts.isoformat(), assessor_id, what=what)


def due(now=None):
    """Assessments still scheduled, starting within REMIND_BEFORE and not yet reminded."""
    now = now or timezone.now()
    return Assessment.objects.scheduled().filter(
        starts_at__gt=now, starts_at__lte=now + REMIND_BEFORE, reminded_at__isnull=True
    )


@task()
def send_reminder(assessment_id, starts_iso, assessor_id):
    """Send the reminder if the assessment is still at this time with this assessor, due, its inquiry
    still waiting for it, and not yet reminded."""
    now = timezone.now()
    owed = due(now).filter(pk=assessment_id, starts_at=starts_iso, assessor_id=assessor_id).exclude(assessor__email="")
    return send_once(
        owed,
        load=lambda: Assessment.objects.select_related("assessor").get(pk=assessment_id),
        stamp="reminded_at",
        now=now,
        message=reminder_message,
        to=lambda assessment: assessment.assessor.email,
        what=f"assessment reminder {assessment_id}",
    )


def send_due():
    """Queue a reminder for every assessment due one; how many."""
    count = 0
    for pk, starts, assessor in due().values_list("pk", "starts_at", "assessor_id").iterator():
        _enqueue(pk, starts, assessor)
        count += 1
    return count
