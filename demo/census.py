"""The demo center's census: detox and residential beds for men, women and anyone (one out of
service), PHP and IOP programs with places, and the demo's admitted inquiries in them: some still in
(with expected discharges, a few leaving this week), some discharged (completed, stepped down, left
against advice), two holds and a waitlist. Made through the census's own services, so every rule
(no double booking, step-downs) holds; dates relative to today. Safe to run again: made once."""

from contextlib import suppress
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from census import services, waitlist
from census.models import Bed, Program, Serves, Stay, WaitlistEntry
from intake.models import Inquiry

DETOX_ROOMS = [("1", Serves.MEN), ("2", Serves.MEN), ("3", Serves.WOMEN), ("4", Serves.ANY)]
RESIDENTIAL_ROOMS = [
    ("1", Serves.MEN),
    ("2", Serves.MEN),
    ("3", Serves.MEN),
    ("4", Serves.WOMEN),
    ("5", Serves.WOMEN),
    ("6", Serves.ANY),
]
PROGRAMS = [
    ("partial-hospitalization", "PHP days", "Mon–Fri 9:00–15:00", 10),
    ("intensive-outpatient", "IOP mornings", "Mon–Thu 9:00–12:00", 12),
    ("intensive-outpatient", "IOP evenings", "Mon–Thu 18:00–21:00", 12),
    ("outpatient", "Outpatient groups", "Tue and Thu 18:00–19:30", 20),
]
# Typical days in each level: past stays end after this; current ones are expected to.
TYPICAL_DAYS = {"medical-detox": 6, "residential": 28, "partial-hospitalization": 21, "intensive-outpatient": 42}


def load_census(levels):
    """Beds, programs, stays, holds and a waitlist; (beds, stays) made, (0, 0) when already there."""
    if Bed.objects.exists():
        return 0, 0
    beds = _beds(levels)
    programs = dict(_programs(levels))
    today = timezone.localdate()
    staff = get_user_model().objects.filter(username="admissions").first()
    stays = 0
    admitted = Inquiry.objects.filter(status=Inquiry.Status.ADMITTED, merged_into__isnull=True).select_related("level")
    for number, inquiry in enumerate(admitted.order_by("created_at", "pk")):
        change = inquiry.status_changes.filter(to_status=Inquiry.Status.ADMITTED).order_by("at").first()
        on = timezone.localdate(change.at) if change else today - timedelta(days=number % 20)
        slug = inquiry.level.slug if inquiry.level_id and inquiry.level.slug in TYPICAL_DAYS else "residential"
        stays += _stay(inquiry, slug, on, today, levels, beds, programs, staff, number)
    _holds_and_waitlist(levels, beds, programs, staff)
    return len(beds["medical-detox"]) + len(beds["residential"]), stays


def _beds(levels):
    made = {"medical-detox": [], "residential": []}
    for slug, unit, rooms in (("medical-detox", "Cedar", DETOX_ROOMS), ("residential", "Oak", RESIDENTIAL_ROOMS)):
        for room, serves in rooms:
            for label in "AB":
                bed = Bed.objects.create(
                    unit=unit, room=room, label=label, serves=serves, accessible=room == rooms[-1][0]
                )
                bed.levels.set([levels[slug]])
                made[slug].append(bed)
    out = made["residential"][9]  # Oak 5B
    out.in_service, out.out_of_service_reason = False, "Plumbing repair"
    out.out_of_service_until = timezone.localdate() + timedelta(days=3)
    out.save()
    return made


def _programs(levels):
    for slug, name, schedule, places in PROGRAMS:
        yield name, Program.objects.create(level=levels[slug], name=name, schedule=schedule, places=places)


def _stay(inquiry, slug, on, today, levels, beds, programs, staff, number):
    """Admit them where there is room, and discharge those whose typical stay is over; 1 if admitted."""
    days = TYPICAL_DAYS.get(slug, 28)
    for bed, program in _places(slug, beds, programs):
        try:
            stay = services.admit(
                inquiry=inquiry,
                level=levels[slug],
                bed=bed,
                program=program,
                on=on,
                by=staff,
                expected_discharge_on=on + timedelta(days=days),
            )
        except services.AlreadyTaken:
            continue
        break
    else:
        return 0
    ends = on + timedelta(days=days + number % 3 - 1)
    if ends < today:
        if slug == "medical-detox" and number % 3:
            _step_down(stay, ends, levels, beds, staff)
        else:
            kind = Stay.DischargeKind.AGAINST_ADVICE if number % 7 == 3 else Stay.DischargeKind.COMPLETED
            services.discharge(stay=stay, on=ends, kind=kind, by=staff)
    return 1


def _places(slug, beds, programs):
    if slug in beds:
        return [(bed, None) for bed in beds[slug] if bed.in_service]
    return [(None, program) for program in programs.values() if program.level.slug == slug]


def _step_down(stay, on, levels, beds, staff):
    for bed in beds["residential"]:
        if not bed.in_service:
            continue
        try:
            services.discharge(
                stay=stay,
                on=on,
                kind=Stay.DischargeKind.STEPPED_DOWN,
                by=staff,
                next_level=levels["residential"],
                next_bed=bed,
                next_expected=on + timedelta(days=28),
            )
        except services.AlreadyTaken:
            continue
        return
    services.discharge(stay=stay, on=on, kind=Stay.DischargeKind.COMPLETED, by=staff)


def _holds_and_waitlist(levels, beds, programs, staff):
    waiting = list(
        Inquiry.objects.filter(status__in=[Inquiry.Status.CONTACTED, Inquiry.Status.ASSESSMENT_SCHEDULED])
        .filter(merged_into__isnull=True)
        .order_by("-created_at", "pk")[:6]
    )
    if len(waiting) < 6:
        return
    for bed in beds["medical-detox"]:
        try:
            services.hold(inquiry=waiting[0], bed=bed, by=staff)
            break
        except services.AlreadyTaken:
            continue
    with suppress(services.AlreadyTaken):
        services.hold(inquiry=waiting[1], program=programs["IOP mornings"], by=staff)
    now = timezone.now()
    wishes = [
        (waiting[2], "residential", "a men's residential bed", 9),
        (waiting[3], "residential", "a women's residential bed", 6),
        (waiting[4], "medical-detox", "a detox bed, accessible", 2),
        (waiting[5], "intensive-outpatient", "an IOP evening place", 1),
    ]
    for inquiry, slug, what, days_ago in wishes:
        entry = waitlist.join(
            inquiry=inquiry,
            level=levels[slug],
            waiting_for=what,
            by=staff,
            owner=staff,
            now=now - timedelta(days=days_ago),
        )
        if slug == "medical-detox":
            WaitlistEntry.objects.filter(pk=entry.pk).update(
                priority=WaitlistEntry.Priority.URGENT,
                priority_reason="Daily heavy drinking, past withdrawal seizure (demo)",
                priority_set_at=now,
            )
