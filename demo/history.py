"""Ninety days of made-up admissions work for the demo: referral sources, inquiries by every
channel with their contacts, moves and follow-ups, so the inbox and the dashboard show something.

All fictional: 555-01xx numbers, example.com addresses, "Demo" names. The same every time (a
fixed seed), relative to now.
"""

import random
from datetime import datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from intake.forms import CONSENT_TEXT
from intake.models import Assessment, Inquiry, Note, ReferralContact, ReferralSource, StatusChange

SOURCES = [
    ("Valley General Hospital (demo)", "hospital", [("Rita Moss", "Discharge planner")]),
    ("Harbor Counseling Group (demo)", "therapist", [("Dr. Lee Park", "Therapist")]),
    ("County Drug Court (demo)", "court", [("Omar Diaz", "Probation officer")]),
    ("Acme Employee Assistance (demo)", "eap", [("Jo Chen", "EAP counselor")]),
    ("Westside College Wellness (demo)", "school", [("Ana Ruiz", "Counselor")]),
    ("Magnolia Alumni (demo)", "alumni", [("Alumni coordinator", "")]),
]
CHANNELS = [("website", 55), ("phone", 25), ("referral", 12), ("email", 5), ("walk_in", 3)]
CAMPAIGNS = [("", 50), ("iop-search", 20), ("detox-search", 15), ("family-guide", 10), ("alumni-newsletter", 5)]
LEVELS = ["medical-detox", "residential", "partial-hospitalization", "intensive-outpatient", "outpatient", None]
PAYMENTS = [("insurance", 60), ("self_pay", 15), ("not_sure", 25)]
AREA_CODES = ["818", "323", "213", "310", "626"]
COUNT = 160
DAYS = 90


def _pick(rng, weighted):
    values, weights = zip(*weighted, strict=True)
    return rng.choices(values, weights)[0]


def load_sources():
    sources = []
    for name, kind, people in SOURCES:
        source, _ = ReferralSource.objects.get_or_create(name=name, defaults={"kind": kind})
        for person, role in people:
            ReferralContact.objects.get_or_create(source=source, name=person, defaults={"role": role})
        sources.append(source)
    return sources


def load_history(levels):
    """Create the demo history once; how many inquiries it made."""
    sources = load_sources()
    if Inquiry.objects.filter(name__startswith="Demo Caller").exists():
        return 0
    rng = random.Random(2026)
    staff = get_user_model().objects.filter(username="admissions").first()
    now = timezone.now()
    for number in range(COUNT):
        _one(rng, number, now, levels, sources, staff)
    return COUNT


def _one(rng, number, now, levels, sources, staff):
    created = now - timedelta(minutes=rng.randint(30, DAYS * 24 * 60))
    channel = _pick(rng, CHANNELS)
    inquiry = Inquiry(
        name=f"Demo Caller {number:03d}",
        phone=f"+1{rng.choice(AREA_CODES)}5550{rng.randint(100, 199)}",
        email=f"demo.caller{number}@example.com" if rng.random() < 0.5 else "",
        channel=channel,
        level=levels.get(rng.choice(LEVELS) or ""),
        payment=_pick(rng, PAYMENTS),
        inquiry_for=rng.choice(Inquiry.For.values),
        consent_text=CONSENT_TEXT if channel == "website" else "Entered by admissions (demo).",
        created_at=created,
        assigned_to=staff,
    )
    if channel == "website":
        campaign = _pick(rng, CAMPAIGNS)
        touch = {"landing_page": "/levels-of-care/"}
        if campaign:
            touch.update(utm_source="google", utm_medium="cpc", utm_campaign=campaign)
        inquiry.attribution = {"first_touch": touch, "last_touch": touch}
    inquiry.set_caller_from_inquiry_for()  # as the web form does: calling for themselves, they need the care
    if channel == "referral":
        inquiry.referral_source = rng.choice(sources)
        inquiry.referral_contact = inquiry.referral_source.contacts.first()
    inquiry.save()
    # Most get a first attempt within minutes to hours; a few recent ones are still waiting.
    if now - created < timedelta(hours=3) and rng.random() < 0.6:
        return
    first = created + timedelta(minutes=min(rng.lognormvariate(2.7, 1.1), 60 * 24))
    reached = rng.random() < 0.75
    _note(inquiry, first, "reached" if reached else "no_answer", staff)
    stage = "contacted" if reached else "contact_attempted"
    moves = [("new", stage, first)]
    if not reached and rng.random() < 0.6:
        first_reach = first + timedelta(hours=rng.uniform(1, 30))
        _note(inquiry, first_reach, "reached", staff)
        inquiry.first_reached_at = first_reach
        moves.append((stage, "contacted", first_reach))
        stage, reached = "contacted", True
    elif reached:
        inquiry.first_reached_at = first
    inquiry.first_contact_at = first
    end = moves[-1][2]
    roll = rng.random()
    if reached and roll < 0.45:
        moves.append((stage, "assessment_scheduled", end + timedelta(hours=4)))
        inquiry.assessment_scheduled_at = end + timedelta(hours=4)
        stage = "assessment_scheduled"
        if rng.random() < 0.55:
            moves.append((stage, "admitted", end + timedelta(days=2)))
            stage = "admitted"
    elif roll < 0.75:
        inquiry.close_reason = rng.choice(Inquiry.CloseReason.values)
        inquiry.closed_at = end + timedelta(days=3)
        moves.append((stage, "closed", inquiry.closed_at))
        stage = "closed"
    elif roll < 0.8:
        moves.append((stage, "referred_out", end + timedelta(days=1)))
        stage = "referred_out"
    moves = [move for move in moves if move[2] < now]
    inquiry.status = moves[-1][1]
    if inquiry.assessment_scheduled_at and inquiry.assessment_scheduled_at >= now:
        inquiry.assessment_scheduled_at = None
    if inquiry.status != "closed":
        inquiry.close_reason, inquiry.closed_at = "", None
    if inquiry.status not in Inquiry.FINISHED:
        inquiry.follow_up_step = "Call back about the assessment"
        inquiry.follow_up_at = now + timedelta(hours=rng.randint(-6, 48))
        inquiry.follow_up_owner = staff
    inquiry.save()
    StatusChange.objects.bulk_create(
        StatusChange(inquiry=inquiry, from_status=old, to_status=new, by=staff, at=at) for old, new, at in moves
    )
    if inquiry.status == "assessment_scheduled" and staff is not None:
        # Its assessment, some day of the coming week in working hours (the center's time): the day view's.
        day = timezone.localdate(now) + timedelta(days=rng.randint(0, 6))
        starts = datetime.combine(day, time(rng.randint(9, 16), rng.choice((0, 30))))
        Assessment.objects.create(
            inquiry=inquiry,
            starts_at=timezone.make_aware(starts),
            assessor=staff,
            mode=rng.choice(Assessment.Mode.values),
            scheduled_by=staff,
        )


def _note(inquiry, when, outcome, staff):
    text = {"reached": "Talked through the options.", "no_answer": "No answer; will try again."}[outcome]
    Note.objects.create(inquiry=inquiry, author=staff, kind="call", outcome=outcome, text=text, created_at=when)
