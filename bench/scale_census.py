"""Scale data for the census pass: 120 beds (30 detox, 90 residential, for men, women and anyone)
filled back to back for five years (about 14,000 stays, one inquiry each), six programs with five
years of stays, today's holds and a waitlist of 40; a coordinator's session for the benchmark.

Run through `manage.py shell` by bench/run.py on a database of its own after load_demo (whose census,
if any, is left out: beds are added in units of their own). Prints the session key, the user and an
inquiry waiting for a bed on its last line.
"""

import random
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.contrib.auth.models import Group
from django.contrib.sessions.backends.db import SessionStore
from django.db import connection
from django.utils import timezone

from census.models import Bed, BedTime, Hold, Program, Serves, Stay, WaitlistEntry, start_of
from intake.forms import CONSENT_TEXT
from intake.models import Inquiry
from levels.models import LevelOfCare

YEARS, BATCH = 5, 5000
rng = random.Random(28)
today = timezone.localdate()
first_day = today - timedelta(days=365 * YEARS)
coordinator, _ = get_user_model().objects.get_or_create(username="bench-census", defaults={"is_staff": True})
coordinator.groups.add(Group.objects.get(name="Admissions"))
by_slug = {level.slug: level for level in LevelOfCare.objects.all()}
detox, residential = by_slug["medical-detox"], by_slug["residential"]
SEXES = [Serves.MEN, Serves.MEN, Serves.WOMEN, Serves.WOMEN, Serves.ANY]

beds = []
for number in range(120):
    level = detox if number < 30 else residential
    bed = Bed.objects.create(
        unit=f"Bench {'D' if level == detox else 'R'}{number // 20}",
        room=str(number // 2),
        label="AB"[number % 2],
        serves=SEXES[number % 5],
        accessible=number % 10 == 0,
    )
    bed.levels.set([level])
    beds.append((bed, level))
programs = [
    Program.objects.create(level=by_slug[slug], name=f"Bench {name}", places=12)
    for slug, name in [
        ("partial-hospitalization", "PHP days"),
        ("intensive-outpatient", "IOP mornings"),
        ("intensive-outpatient", "IOP evenings"),
        ("outpatient", "OP groups"),
        ("outpatient", "OP evenings"),
        ("intensive-outpatient", "IOP weekends"),
    ]
]

plan = []  # (bed, program, level, admitted, discharged or None, expected)
for bed, level in beds:
    day = first_day + timedelta(days=rng.randint(0, 10))
    while day <= today:
        length = rng.randint(3, 8) if level == detox else rng.randint(14, 40)
        leaves = day + timedelta(days=length)
        plan.append((bed, None, level, day, leaves if leaves <= today else None, leaves))
        day = leaves + timedelta(days=rng.randint(0, 3))
for program in programs:
    for _seat in range(program.places - 2):
        day = first_day + timedelta(days=rng.randint(0, 20))
        while day <= today:
            leaves = day + timedelta(days=rng.randint(21, 60))
            plan.append((None, program, program.level, day, leaves if leaves <= today else None, leaves))
            day = leaves + timedelta(days=rng.randint(0, 10))

now = timezone.now()
inquiries = Inquiry.objects.bulk_create(
    (
        Inquiry(
            name=f"Census Person {n}",
            phone=f"+1818555{n % 10000:04d}",
            consent_text=CONSENT_TEXT,
            status="admitted",
            created_at=start_of(admitted) - timedelta(days=3),
            level=level,
        )
        for n, (_, _, level, admitted, _, _) in enumerate(plan)
    ),
    batch_size=BATCH,
)
kinds = ["completed", "completed", "completed", "stepped_down", "against_advice", "transferred"]
stays = Stay.objects.bulk_create(
    (
        Stay(
            inquiry=inquiry,
            level=level,
            bed=bed,
            program=program,
            admitted_on=admitted,
            admitted_at=start_of(admitted),
            expected_discharge_on=expected,
            discharged_on=leaves,
            discharged_at=start_of(leaves) if leaves else None,
            discharge_kind=rng.choice(kinds) if leaves else "",
        )
        for inquiry, (bed, program, level, admitted, leaves, expected) in zip(inquiries, plan, strict=True)
    ),
    batch_size=BATCH,
)
BedTime.objects.bulk_create(
    (
        BedTime(bed=stay.bed, starts_at=stay.admitted_at, ends_at=stay.discharged_at, stay=stay)
        for stay in stays
        if stay.bed
    ),
    batch_size=BATCH,
)
waiting = Inquiry.objects.bulk_create(
    Inquiry(
        name=f"Census Waiting {n}", phone=f"+1323555{n:04d}", consent_text=CONSENT_TEXT, status="contacted", level=detox
    )
    for n in range(60)
)
occupied = set(BedTime.objects.filter(ends_at__isnull=True).values_list("bed_id", flat=True))
free = [bed for bed, _ in beds if bed.pk not in occupied][:10]
for inquiry, bed in zip(waiting, free, strict=False):
    held = Hold.objects.create(
        inquiry=inquiry, bed=bed, held_at=now, until=now + timedelta(hours=24), held_by=coordinator
    )
    BedTime.objects.create(bed=bed, starts_at=now, ends_at=held.until, hold=held)
WaitlistEntry.objects.bulk_create(
    WaitlistEntry(
        inquiry=inquiry,
        level=residential if n % 2 else detox,
        waiting_for="a bed",
        owner=coordinator,
        added_at=now - timedelta(days=n),
    )
    for n, inquiry in enumerate(waiting[20:])
)
if connection.vendor == "postgresql":
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
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
    Bed.objects.count(),
    "beds,",
    Stay.objects.count(),
    f"stays over {YEARS} years,",
    Hold.objects.live().count(),
    "holds",
)
print(session.session_key, coordinator.pk, waiting[15].pk, detox.pk)
