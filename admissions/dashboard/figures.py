"""Speed-to-lead figures for a period, by the same queries on PostgreSQL and SQLite.

Counts are made in the database. Percentiles use the nearest-rank method (the value at rank ⌈p·n⌉ of
the sorted times): the database sorts the times, and Python counts them as they stream past, keeping
only a counter per group (insurance verifications, a few per period, are ranked in Python too).
"""

import math
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

from django.conf import settings
from django.db.models import (
    Count,
    DurationField,
    ExpressionWrapper,
    F,
    Min,
    Q,
    TextField,
    Value,
)
from django.db.models.fields.json import KT
from django.db.models.functions import Coalesce, NullIf, TruncDate
from django.http import HttpResponse
from django.utils import timezone

from common.spreadsheets import SafeWriter
from intake.models import Inquiry, InsuranceVerification, ReferralSource
from screening.models import OutcomeSection

REACHED = [Inquiry.Status.CONTACTED, Inquiry.Status.ASSESSMENT_SCHEDULED, Inquiry.Status.ADMITTED]
ASSESSED = [Inquiry.Status.ASSESSMENT_SCHEDULED, Inquiry.Status.ADMITTED]
TO_FIRST_ATTEMPT = ExpressionWrapper(F("first_contact_at") - F("created_at"), output_field=DurationField())
TO_FIRST_REACH = ExpressionWrapper(F("first_reached_at") - F("created_at"), output_field=DurationField())
# The times ranked, each with the field whose absence means there is none yet.
DURATIONS = {"attempt": (TO_FIRST_ATTEMPT, "first_contact_at"), "reach": (TO_FIRST_REACH, "first_reached_at")}
# The percentiles shown, in whole percent.
PERCENTILES = {"median": 50, "p90": 90}
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
    attempt_times: int = 0  # how many have a first attempt, the n of its percentiles
    reach_times: int = 0
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
class StepRow:
    """The funnel for one group: how many inquiries reached each step, and the median days (nearest
    rank) from one step to the next, over those that reached both, in that order."""

    group: str
    contacted: int = 0
    screened: int = 0
    recommended: int = 0
    confirmed: int = 0
    scheduled: int = 0
    admitted: int = 0
    contact_to_screened: float | None = None
    screened_to_recommended: float | None = None
    recommended_to_confirmed: float | None = None
    confirmed_to_scheduled: float | None = None
    scheduled_to_admitted: float | None = None
    contact_to_admitted: float | None = None


@dataclass
class Figures:
    start: datetime
    end: datetime
    total: Row
    verifications: VerificationFigures = field(default_factory=VerificationFigures)
    by_day: list = field(default_factory=list)
    close_reasons: list = field(default_factory=list)
    # Screens found not a fit: (referred to, why) and how many.
    referred_out: list = field(default_factory=list)
    breakdowns: dict = field(default_factory=dict)
    # Days between steps: the total's row, and rows by channel and by referral source.
    step_total: StepRow | None = None
    step_breakdowns: dict = field(default_factory=dict)


def period_inquiries(start, end):
    """Inquiries (not spam, not merged into another: the same person once) that arrived on the days
    start..end, local dates, both included."""
    zone = timezone.get_current_timezone()
    since = timezone.make_aware(datetime.combine(start, time.min), zone)
    until = timezone.make_aware(datetime.combine(end + timedelta(days=1), time.min), zone)
    return Inquiry.objects.inbox().filter(created_at__gte=since, created_at__lt=until, merged_into__isnull=True)


def figures(start, end):
    inquiries = period_inquiries(start, end)
    groupings = {"total": Value("all"), **{key: expression for key, (_, expression) in BREAKDOWNS.items()}}
    rows = {key: _rows(inquiries, expression) for key, expression in groupings.items()}
    _rank(inquiries, groupings, rows)
    result = Figures(start=start, end=end, total=rows["total"].get("all", Row("all")))
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
    result.referred_out = referred_out(inquiries)
    sources = dict(ReferralSource.objects.values_list("pk", "name"))
    result.step_total, result.step_breakdowns = step_days(inquiries, sources)
    for key, (label, _) in BREAKDOWNS.items():
        result.breakdowns[key] = (
            label,
            [_named(key, row, sources) for row in sorted(rows[key].values(), key=lambda r: -r.inquiries)],
        )
    return result


def referred_out(inquiries):
    """The period's screens found not a fit, by where they were referred and why, most first. The
    outcome and its reason are encrypted: the period's outcomes are read and counted here."""
    outcomes = OutcomeSection.objects.filter(screen__inquiry__in=inquiries).values_list(
        "outcome", "referred_to__name", "not_fit_reason"
    )
    counts = Counter(
        (to or "", reason) for outcome, to, reason in outcomes if outcome == OutcomeSection.Outcome.NOT_A_FIT
    )
    reasons = dict(OutcomeSection.NotFitReason.choices)
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0][0] == "", item[0]))
    return [(to or "Not referred", reasons.get(reason, ""), count) for (to, reason), count in ranked]


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


# The steps timed. A first contact is the first move to any status that claims one (contact attempted,
# contacted, or further on); assessment scheduled and admitted, the first move there (StatusChange);
# screened, recommended and confirmed, the pre-admission screen's own times.
CONTACT_STEPS = [
    Inquiry.Status.CONTACT_ATTEMPTED,
    Inquiry.Status.CONTACTED,
    Inquiry.Status.ASSESSMENT_SCHEDULED,
    Inquiry.Status.ADMITTED,
    Inquiry.Status.REFERRED_OUT,
]
STEPS = {
    "contacted": Min("status_changes__at", filter=Q(status_changes__to_status__in=CONTACT_STEPS)),
    "screened": Min("screen__first_saved_at"),
    "recommended": Min("screen__levelsection__recommended_at"),
    "confirmed": Min("screen__confirmationsection__confirmed_at"),
    "scheduled": Min("status_changes__at", filter=Q(status_changes__to_status=Inquiry.Status.ASSESSMENT_SCHEDULED)),
    "admitted": Min("status_changes__at", filter=Q(status_changes__to_status=Inquiry.Status.ADMITTED)),
}
STEP_BREAKDOWNS = {"channel": "Channel", "referral": "Referral source"}
# (the row's field, from step, to step)
STEP_SPANS = [
    ("contact_to_screened", "contacted", "screened"),
    ("screened_to_recommended", "screened", "recommended"),
    ("recommended_to_confirmed", "recommended", "confirmed"),
    ("confirmed_to_scheduled", "confirmed", "scheduled"),
    ("scheduled_to_admitted", "scheduled", "admitted"),
    ("contact_to_admitted", "contacted", "admitted"),
]


def step_days(inquiries, sources):
    """The funnel (contacted, screened, recommended, confirmed, assessment scheduled, admitted) of the
    period's inquiries: the total's row, and {key: (label, rows)} by channel and by referral source.
    One query; the steps' times come as they stream past, kept per group."""
    firsts = inquiries.values("pk", "channel", "referral_source_id").annotate(**STEPS).order_by()
    spans = {}  # (grouping, group): {"counts": {step: n}, span: [days]}
    for row in firsts.iterator(chunk_size=2000):
        reached = {step: row[step] for step in STEPS}
        if not any(reached.values()):
            continue
        for key in (("total", "all"), ("channel", row["channel"]), ("referral", row["referral_source_id"])):
            found = spans.setdefault(key, {"counts": dict.fromkeys(STEPS, 0), **{f: [] for f, *_ in STEP_SPANS}})
            for step, at in reached.items():
                found["counts"][step] += at is not None
            for name, begin, end in STEP_SPANS:
                if reached[begin] is not None and reached[end] is not None and reached[end] >= reached[begin]:
                    found[name].append((reached[end] - reached[begin]).total_seconds() / 86400)
    rows = {key: _step_row(key, found, sources) for key, found in spans.items()}
    total = rows.pop(("total", "all"), StepRow("all"))
    breakdowns = {
        grouping: (label, sorted((row for (g, _), row in rows.items() if g == grouping), key=lambda r: r.group))
        for grouping, label in STEP_BREAKDOWNS.items()
    }
    return total, breakdowns


def _step_row(key, found, sources):
    grouping, group = key
    if grouping == "channel":
        name = Inquiry.Channel(group).label if group else NONE
    elif grouping == "referral":
        name = sources.get(group, NONE)
    else:
        name = group
    row = StepRow(name, **found["counts"])
    for span, *_ in STEP_SPANS:
        days = sorted(found[span])
        if days:
            setattr(row, span, round(days[math.ceil(len(days) * 0.5) - 1], 1))
    return row


def _rows(inquiries, group):
    """A row of counts per group, in one query, whatever the groups."""
    target = timedelta(minutes=settings.INTAKE_RESPONSE_TARGET_MINUTES)
    figures = {
        "inquiries": Count("pk"),
        "contacted": Count("pk", filter=Q(first_reached_at__isnull=False) | Q(status__in=REACHED)),
        "assessed": Count("pk", filter=Q(status__in=ASSESSED) | Q(assessment_scheduled_at__isnull=False)),
        "admitted": Count("pk", filter=Q(status=Inquiry.Status.ADMITTED)),
        "within_target": Count("pk", filter=Q(first_contact_at__lte=F("created_at") + target)),
        **{f"{name}_times": Count(present) for name, (_, present) in DURATIONS.items()},
    }
    counted = inquiries.annotate(group=group).values("group").annotate(**figures).order_by()
    return {row["group"]: Row(**row) for row in counted}


def _rank(inquiries, groupings, rows):
    """Set the rows' percentiles: in each group, the time at rank ⌈p·n⌉ of its n times sorted.

    One query per kind of time sends the period's times in order, each with its group in every
    grouping; counting them as they pass, each group's time is taken at the ranks it wants, found in
    whole numbers (⌊(p·n + 99) / 100⌋ for p percent). Only the counters stay: memory grows with the
    groups, not with the inquiries."""
    for name, (duration, present) in DURATIONS.items():
        # Per grouping: its rows, a counter per group, and the fields to fill at each (group, rank).
        plan = [(rows[key], {}, {}) for key in groupings]
        for grouped, _, wanted in plan:
            for group, row in grouped.items():
                size = getattr(row, f"{name}_times")
                for suffix, percent in PERCENTILES.items() if size else ():
                    wanted.setdefault((group, (size * percent + 99) // 100), []).append(f"{name}_{suffix}")
        if not any(wanted for _, _, wanted in plan):
            continue
        times = (
            inquiries.exclude(**{present: None})
            .annotate(**{f"{key}_group": expression for key, expression in groupings.items()}, duration=duration)
            .values_list(*(f"{key}_group" for key in groupings), "duration")
            .order_by("duration", "pk")
        )
        for *groups, value in times.iterator(chunk_size=2000):
            for (grouped, passed, wanted), group in zip(plan, groups, strict=True):
                rank = passed[group] = passed.get(group, 0) + 1
                for attribute in wanted.get((group, rank), ()):
                    setattr(grouped[group], attribute, _minutes(value))


def _minutes(duration):
    return round(duration.total_seconds() / 60, 1)


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


STEP_COLUMNS = [name for name in StepRow.__dataclass_fields__ if name != "group"]


def _blank(value):
    return "" if value is None else value


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
    for where, why, count in result.referred_out:
        writer.writerow(["referred out", f"{where}: {why}", count])
    # The funnel, under its own heading row: its columns are not the ones above.
    writer.writerow(["funnel", "group", *[name.replace("_", " ") for name in STEP_COLUMNS]])
    funnel = [("funnel", [result.step_total])] + [
        (f"funnel by {label.lower()}", rows) for label, rows in result.step_breakdowns.values()
    ]
    for section, rows in funnel:
        for row in rows:
            writer.writerow([section, row.group, *[_blank(getattr(row, name)) for name in STEP_COLUMNS]])
    return response
