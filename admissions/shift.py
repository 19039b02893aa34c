"""What is waiting for the person signed in, counted for the admin's home page: a coordinator
starting a shift sees at once how much is new, overdue and due, each a link to that queue."""

from django.urls import reverse
from django.utils import timezone

from intake.models import Assessment, Inquiry, InsuranceVerification

from .assessments import day_bounds


def shift_counts(user, now=None):
    """(label, count, address) for each queue this person may see; none for content staff."""
    if not user.has_perm("intake.view_inquiry"):
        return []
    now = now or timezone.now()
    inbox = reverse("admin:intake_inquiry_changelist")
    inquiries = Inquiry.objects.all()
    counts = [
        ("New", inquiries.filter(status=Inquiry.Status.NEW).count(), f"{inbox}?status=new"),
        ("Overdue", inquiries.overdue(now).count(), f"{inbox}?queue=overdue"),
        ("Follow-ups due", inquiries.follow_up_due(now).count(), f"{inbox}?queue=follow_up"),
        ("Yours, open", inquiries.mine(user).count(), f"{inbox}?queue=mine"),
        ("Assessments today", _today(Assessment.objects), reverse("admin:intake_inquiry_assessments")),
    ]
    if user.has_perm("intake.view_insuranceverification"):
        waiting = InsuranceVerification.objects.filter(status=InsuranceVerification.Status.REQUESTED).count()
        verifications = reverse("admin:intake_insuranceverification_changelist")
        counts.append(("Verifications requested", waiting, f"{verifications}?status__exact=requested"))
    return counts


def _today(assessments):
    """How many of `assessments` are on today's date, the center's."""
    return assessments.between(*day_bounds(timezone.localdate())).count()
