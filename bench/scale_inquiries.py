"""Scale data for the inbox pass: 200,000 inquiries over two years with 238,000 notes, a
pre-admission screen (every section, a reason typed) for each of the 60,000 latest contacted ones,
and a coordinator's session for the benchmark to use.

Run through `manage.py shell` by bench/run.py on a database of its own, made afresh each run (the
pass ends with a real purge). Prints the session key on its last line.
"""

import random
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.sessions.backends.db import SessionStore
from django.db import connection
from django.utils import timezone

from intake.forms import CONSENT_TEXT
from intake.models import Inquiry, Note, StatusChange
from levels.models import LevelOfCare
from screening.models import SECTIONS, ReasonSection, Screen

COUNT, NOTES, SCREENS = 200_000, 238_000, 60_000
BATCH = 5000
AREAS = ["818", "323", "213", "310", "626", "562", "661", "714", "805", "909"]
rng = random.Random(7)
now = timezone.now()
levels = list(LevelOfCare.objects.values_list("pk", flat=True)) + [None]
coordinator, _ = get_user_model().objects.get_or_create(username="bench-coordinator", defaults={"is_staff": True})
coordinator.groups.add(Group.objects.get(name="Admissions"))
coordinator.user_permissions.add(Permission.objects.get(codename="export_inquiry"))


def one(i):
    age = timedelta(minutes=rng.randint(5, 730 * 24 * 60))
    created = now - age
    old = age > timedelta(days=365)
    roll = rng.random()
    if old:
        status = "closed" if roll < 0.90 else "spam" if roll < 0.96 else "admitted"
    else:
        status = rng.choice(["new", "contact_attempted", "contacted", "assessment_scheduled", "admitted", "closed"])
    area, number = rng.choice(AREAS), rng.randint(0, 99_999)
    phone = f"+1{area}55{number:05d}"
    email = f"person{i}@example.com" if rng.random() < 0.5 else ""
    contacted = status not in ("new", "spam")
    closed = status == "closed"
    follow_up = now + timedelta(hours=rng.randint(-48, 48)) if status in ("contacted", "contact_attempted") else None
    first = created + timedelta(minutes=rng.lognormvariate(2.7, 1.1)) if contacted else None
    return Inquiry(
        name=f"Scale Person {i}", phone=phone, phone_national=phone[2:], phone_last7=phone[-7:], email=email,
        channel=rng.choice(Inquiry.Channel.values), level_id=rng.choice(levels),
        payment=rng.choice(Inquiry.Payment.values),
        consent_text=CONSENT_TEXT, status=status, created_at=created, first_contact_at=first,
        first_reached_at=first if contacted and roll < 0.7 else None,
        close_reason="other" if closed else "", closed_at=created + timedelta(days=3) if closed else None,
        spam_reason="honeypot" if status == "spam" else "", assigned_to=coordinator if rng.random() < 0.3 else None,
        follow_up_at=follow_up,
        assessment_scheduled_at=first if status in ("assessment_scheduled", "admitted") else None,
        follow_up_owner=coordinator if status == "contacted" else None,
        attribution={"first_touch": {"utm_campaign": rng.choice(["iop-search", "detox-search", ""])}},
    )  # fmt: skip


def analyze():
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


if Inquiry.objects.count() < COUNT:
    for start in range(0, COUNT, BATCH):
        Inquiry.objects.bulk_create(one(i) for i in range(start, start + BATCH))
    ids = list(Inquiry.objects.exclude(first_contact_at=None).values_list("pk", "first_contact_at"))
    notes = (
        Note(inquiry_id=pk, author=coordinator, kind="call", outcome="reached", text="Talked.", created_at=when)
        for pk, when in (ids[n % len(ids)] for n in range(NOTES))
    )
    Note.objects.bulk_create(notes, batch_size=BATCH)
    StatusChange.objects.bulk_create(
        (StatusChange(inquiry_id=pk, from_status="new", to_status="contacted", at=when) for pk, when in ids),
        batch_size=BATCH,
    )
    analyze()  # the flag's lookups need the planner to know the new rows
    Inquiry.objects.flag_all_duplicates()  # bulk_create skips save(), which keeps the flag
if Screen.objects.count() < SCREENS:  # the demo's few are there already
    screened = list(
        Inquiry.objects.exclude(first_contact_at=None)
        .filter(screen__isnull=True)
        .order_by("-created_at")
        .values_list("pk", flat=True)[:SCREENS]
    )
    Screen.objects.bulk_create((Screen(inquiry_id=pk, created_by=coordinator) for pk in screened), batch_size=BATCH)
    screens = list(Screen.objects.filter(created_by=coordinator).values_list("pk", flat=True))
    for model in SECTIONS.values():
        values = {"reason": "Drinks every day; wants to stop before the baby comes."} if model is ReasonSection else {}
        model.objects.bulk_create((model(screen_id=pk, **values) for pk in screens), batch_size=BATCH)
analyze()
session = SessionStore()
session.update(
    {
        SESSION_KEY: str(coordinator.pk),
        BACKEND_SESSION_KEY: settings.AUTHENTICATION_BACKENDS[-1],
        HASH_SESSION_KEY: coordinator.get_session_auth_hash(),
    }
)
session.create()
print(
    Inquiry.objects.count(),
    "inquiries,",
    Note.objects.count(),
    "notes,",
    Inquiry.objects.filter(has_duplicate=True).count(),
    "flagged,",
    Screen.objects.count(),
    "screens",
)
example = Screen.objects.values_list("inquiry_id", flat=True).first()
print(session.session_key, coordinator.pk, example)
