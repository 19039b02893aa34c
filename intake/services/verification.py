"""Admissions' work on an insurance verification (VOB): who started it and who finished it, and when."""

from django.utils import timezone

from ..models import InsuranceVerification

Status = InsuranceVerification.Status
DONE = (Status.VERIFIED, Status.NOT_VERIFIED)


def save_verification(*, verification, by, changed):
    """Save staff's work on a verification (its fields set from their form; `changed`: the fields they
    changed, each with its value before), stamped now by `by`: started when it first moves on (in
    progress, or straight to done); finished when its status changes to done, or is done unstamped."""
    now = timezone.now()
    if verification.status == Status.IN_PROGRESS and not verification.started_at:
        verification.started_by, verification.started_at = by, now
    if verification.status in DONE:
        if not verification.started_at:
            verification.started_by, verification.started_at = by, now
        if "status" in changed or not verification.completed_at:
            verification.completed_by, verification.completed_at = by, now
    verification.save()
    return verification
