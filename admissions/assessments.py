"""The assessments of the coming week, day by day in the center's time: a staff page inside the admin
(its login, idle logout and look), for whoever may read inquiries (Admissions and superusers), noted in
the access log as a list is (by InquiryAdmin.assessments_view)."""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone

from intake.models import Assessment

DAYS = 7


@dataclass
class Day:
    day: date
    assessments: list = field(default_factory=list)


def day_bounds(first, days=1):
    """The moments `days` of the center's dates from `first` begin and end (its midnights)."""
    zone = timezone.get_current_timezone()
    start = timezone.make_aware(datetime.combine(first, time.min), zone)
    return start, timezone.make_aware(datetime.combine(first + timedelta(days=days), time.min), zone)


def week(today=None, assessor=None):
    """The DAYS days from `today` (the center's date), each with its assessments still scheduled, in order;
    only `assessor`'s when given."""
    today = today or timezone.localdate()
    found = (
        Assessment.objects.between(*day_bounds(today, DAYS))
        .select_related("inquiry", "assessor")
        .defer("inquiry__patient_birth_date")  # not shown: nothing decrypted
        .order_by("starts_at", "pk")
    )
    if assessor is not None:
        found = found.filter(assessor=assessor)
    days = {today + timedelta(days=n): Day(today + timedelta(days=n)) for n in range(DAYS)}
    for assessment in found:
        days[timezone.localdate(assessment.starts_at)].assessments.append(assessment)
    return list(days.values())


def assessments(request, admin_site):
    if not request.user.has_perm("intake.view_inquiry"):
        raise PermissionDenied
    mine = request.GET.get("mine") == "1"
    here = reverse("admin:intake_inquiry_assessments")
    context = {
        **admin_site.each_context(request),
        "title": "Assessments, the next 7 days",
        "days": week(assessor=request.user if mine else None),
        "today": timezone.localdate(),
        "mine": mine,
        "views": [("Everyone's", here, not mine), ("Mine", f"{here}?mine=1", mine)],
    }
    return TemplateResponse(request, "admin/intake/inquiry/assessments.html", context)
