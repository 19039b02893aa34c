"""Speed-to-lead figures for a period, all counted and ranked in the database.

Percentiles use the nearest-rank method (the value at rank ⌈p·n⌉ of the sorted times), found with a
window function, so they come out the same on PostgreSQL and SQLite and no inquiry rows reach Python
(insurance verifications, a few per period, are ranked in Python the same way).
"""

import math
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

from django.conf import settings
from django.db import connection
from django.db.models import (
    Aggregate,
    Count,
    DurationField,
    ExpressionWrapper,
    F,
    Q,
    TextField,
    Value,
    Window,
)
from django.db.models.fields.json import KT
from django.db.models.functions import Ceil, Coalesce, NullIf, RowNumber, TruncDate
from django.http import HttpResponse
from django.utils import timezone

from common.spreadsheets import SafeWriter

from .models import Inquiry, InsuranceVerification, ReferralSource

REACHED = [Inquiry.Status.CONTACTED, Inquiry.Status.ASSESSMENT_SCHEDULED, Inquiry.Status.ADMITTED]
ASSESSED = [Inquiry.Status.ASSESSMENT_SCHEDULED, Inquiry.Status.ADMITTED]
TO_FIRST_ATTEMPT = ExpressionWrapper(F("first_contact_at") - F("created_at"), output_field=DurationField())
TO_FIRST_REACH = ExpressionWrapper(F("first_reached_at") - F("created_at"), output_field=DurationField())
NONE = "(none)"

# How an inquiry is grouped for each breakdown: a label and the expression naming its group.
BREAKDOWNS = {
    "channel": ("Channel", F("channel")),
    "referral": ("Referral source", F("referral_source_id")),
    "campaign": (
        "First-touch campaign",
        Coalesce(
            NullIf(KT("attribution__first_touch__utm_campaign"), Value("")), Value(NONE), output_field=TextField()
        ),
    ),
    "level": ("Level of care", F("level__short_name")),
    "payment": ("Payment", F("payment")),
}


@dataclass
class Row:
    group: str
    inquiries: int = 0
    contacted: int = 0
    assessed: int = 0
    admitted: int = 0
    within_target: int = 0
    attempt_median: float | None = None
    attempt_p90: float | None = None
    reach_median: float | None = None
    reach_p90: float | None = None

    @property
    def within_target_share(self):
        return self.within_target / self.inquiries if self.inquiries else None


@dataclass
class VerificationFigures:
    requested: int = 0
    done: int = 0
    done_median: float | None = None
    done_p90: float | None = None


@dataclass
class Figures:
    start: datetime
    end: datetime
    total: Row
    verifications: VerificationFigures = field(default_factory=VerificationFigures)
    by_day: list = field(default_factory=list)
    close_reasons: list = field(default_factory=list)
    breakdowns: dict = field(default_factory=dict)


def period_inquiries(start, end):
    """Inquiries (not spam) that arrived on the days start..end, local dates, both included."""
    zone = timezone.get_current_timezone()
    since = timezone.make_aware(datetime.combine(start, time.min), zone)
    until = timezone.make_aware(datetime.combine(end + timedelta(days=1), time.min), zone)
    return Inquiry.objects.inbox().filter(created_at__gte=since, created_at__lt=until)


def figures(start, end):
    inquiries = period_inquiries(start, end)
    total = _rows(inquiries, Value("all"))["all"] if inquiries.exists() else Row("all")
    result = Figures(start=start, end=end, total=total)
    days = (
        inquiries.annotate(day=TruncDate("created_at", tzinfo=timezone.get_current_timezone()))
        .values("day")
        .annotate(count=Count("pk"))
        .order_by("day")
    )
    counts = {row["day"]: row["count"] for row in days}
    result.by_day = [
        (start + timedelta(days=n), counts.get(start + timedelta(days=n), 0)) for n in range((end - start).days + 1)
    ]
    closed = inquiries.filter(status=Inquiry.Status.CLOSED).values("close_reason").annotate(count=Count("pk"))
    labels = dict(Inquiry.CloseReason.choices)
    result.close_reasons = sorted(
        ((labels.get(r["close_reason"], r["close_reason"]), r["count"]) for r in closed), key=lambda r: -r[1]
    )
    result.verifications = verification_figures(inquiries)
    sources = dict(ReferralSource.objects.values_list("pk", "name"))
    for key, (label, expression) in BREAKDOWNS.items():
        rows = _rows(inquiries, expression)
        result.breakdowns[key] = (
            label,
            [_named(key, row, sources) for row in sorted(rows.values(), key=lambda r: -r.inquiries)],
        )
    return result


def verification_figures(inquiries):
    """Verifications of the period's inquiries: how many, how many done, and the time from request
    to done (median and 90th percentile, nearest rank). There are few per period: ranked here."""
    times = InsuranceVerification.objects.filter(inquiry__in=inquiries).values_list("requested_at", "completed_at")
    durations = sorted(_minutes(done - asked) for asked, done in times if done)
    result = VerificationFigures(requested=len(times), done=len(durations))
    if durations:
        result.done_median = durations[math.ceil(len(durations) * 0.5) - 1]
        result.done_p90 = durations[math.ceil(len(durations) * 0.9) - 1]
    return result


def _rows(inquiries, group):
    """Counts and percentiles per group: one query on PostgreSQL, five elsewhere, whatever the groups."""
    target = timedelta(minutes=settings.INTAKE_RESPONSE_TARGET_MINUTES)
    figures = {
        "inquiries": Count("pk"),
        "contacted": Count("pk", filter=Q(first_reached_at__isnull=False) | Q(status__in=REACHED)),
        "assessed": Count("pk", filter=Q(status__in=ASSESSED) | Q(assessment_scheduled_at__isnull=False)),
        "admitted": Count("pk", filter=Q(status=Inquiry.Status.ADMITTED)),
        "within_target": Count("pk", filter=Q(first_contact_at__lte=F("created_at") + target)),
    }
    ranked_in_sql = connection.vendor == "postgresql"
    if ranked_in_sql:  # PostgreSQL ranks in the same pass, one query for everything
        for name, duration in (("attempt", TO_FIRST_ATTEMPT), ("reach", TO_FIRST_REACH)):
            figures[f"{name}_median"] = PercentileDisc(duration, 0.5)
            figures[f"{name}_p90"] = PercentileDisc(duration, 0.9)
    counted = inquiries.annotate(group=group).values("group").annotate(**figures).order_by()
    rows = {}
    for row in counted:
        for key in ("attempt_median", "attempt_p90", "reach_median", "reach_p90"):
            if row.get(key) is not None:
                row[key] = _minutes(row[key])
        rows[row["group"]] = Row(**row)
    if ranked_in_sql:
        return rows
    for name, duration, null_field in (
        ("attempt", TO_FIRST_ATTEMPT, "first_contact_at"),
        ("reach", TO_FIRST_REACH, "first_reached_at"),
    ):
        for p, suffix in ((0.5, "median"), (0.9, "p90")):
            for key, minutes in _percentile(inquiries.exclude(**{null_field: None}), group, duration, p):
                if key in rows:
                    setattr(rows[key], f"{name}_{suffix}", minutes)
    return rows


def _percentile(inquiries, group, duration, p):
    """(group, minutes) at rank ⌈p·n⌉ of each group's sorted durations."""
    ranked = (
        inquiries.annotate(
            group=group,
            duration=duration,
            rank=Window(RowNumber(), partition_by=[group], order_by=[duration.asc(), F("pk").asc()]),
            size=Window(Count("pk"), partition_by=[group]),
        )
        .filter(rank=Ceil(F("size") * p))
        .values_list("group", "duration")
    )
    return [(key, _minutes(value)) for key, value in ranked]


def _minutes(duration):
    return round(duration.total_seconds() / 60, 1)


class PercentileDisc(Aggregate):
    """PostgreSQL's PERCENTILE_DISC: the value at rank ⌈p·n⌉ of the sorted values, NULLs left out
    (the same nearest rank as the window-function way used elsewhere)."""

    function = "PERCENTILE_DISC"
    template = "%(function)s(%(fraction)s) WITHIN GROUP (ORDER BY %(expressions)s)"

    def __init__(self, expression, fraction, **extra):
        super().__init__(expression, fraction=float(fraction), output_field=DurationField(), **extra)


def _named(key, row, sources):
    """The row with its group shown in words."""
    if key == "channel":
        row.group = Inquiry.Channel(row.group).label if row.group else NONE
    elif key == "payment":
        row.group = Inquiry.Payment(row.group).label if row.group else NONE
    elif key == "referral":
        row.group = sources.get(row.group, NONE)
    elif key == "level":
        row.group = row.group or "Not sure"
    return row


FIELDS = [
    ("inquiries", "inquiries"),
    ("contacted", "reached"),
    ("assessed", "assessment scheduled"),
    ("admitted", "admitted"),
    ("within_target", "first attempt within target"),
    ("attempt_median", "median minutes to first attempt"),
    ("attempt_p90", "90th percentile minutes to first attempt"),
    ("reach_median", "median minutes to first reach"),
    ("reach_p90", "90th percentile minutes to first reach"),
]


def csv_response(result):
    """The figures as a CSV download; group names (campaign tags come from visitors' links) cannot run
    as formulas."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="speed-to-lead-{result.start}-{result.end}.csv"'
    writer = SafeWriter(response)
    writer.writerow(["section", "group", *[label for _, label in FIELDS]])
    sections = [("total", [result.total])] + [(label, rows) for label, rows in result.breakdowns.values()]
    for section, rows in sections:
        for row in rows:
            writer.writerow([section, row.group, *[getattr(row, name) for name, _ in FIELDS]])
    for day, count in result.by_day:
        writer.writerow(["inquiries by day", day.isoformat(), count])
    for reason, count in result.close_reasons:
        writer.writerow(["close reasons", reason, count])
    return response
