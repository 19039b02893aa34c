"""No double booking: twenty coordinators holding one bed at once (each thread its own database
connection), on SQLite (the services' lock) and PostgreSQL (the lock and the exclusion constraint);
the constraint itself refusing overlapping times written around the services; a program's places."""

import threading
from datetime import timedelta

import pytest
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from census import services
from census.models import BedTime, Hold

from ..factories import BedFactory, InquiryFactory, LevelFactory, ProgramFactory, UserFactory

ATTEMPTS = 20


def _at_once(attempt, count=ATTEMPTS):
    """Run `attempt(n)` in `count` threads released together; what each returned or raised."""
    barrier, outcomes, lock = threading.Barrier(count), [], threading.Lock()

    def run(number):
        try:
            barrier.wait(timeout=30)
            result = attempt(number)
        except services.AlreadyTaken as refused:
            result = refused.messages[0]
        except Exception as error:  # noqa: BLE001 - anything else is the test's failure, shown in the list
            result = repr(error)
        finally:
            connection.close()
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=run, args=(number,)) for number in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return outcomes


@pytest.mark.django_db(transaction=True)
def test_twenty_coordinators_holding_one_bed_at_once_leave_one_hold():
    bed = BedFactory(levels=[LevelFactory(lives_on_site=True)])
    people = [UserFactory(group="Admissions") for _ in range(ATTEMPTS)]
    inquiries = [InquiryFactory() for _ in range(ATTEMPTS)]

    outcomes = _at_once(lambda n: services.hold(inquiry=inquiries[n], bed=bed, by=people[n]).pk)
    held = list(Hold.objects.values_list("pk", flat=True))
    assert len(held) == 1
    refusal = f"Bed {bed} is already held or occupied. Choose another bed."
    assert sorted(outcomes, key=str) == sorted([held[0], *[refusal] * (ATTEMPTS - 1)], key=str)
    assert BedTime.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_twenty_holds_of_a_program_with_five_places_leave_five():
    program = ProgramFactory(places=5)
    people = [UserFactory(group="Admissions") for _ in range(ATTEMPTS)]
    inquiries = [InquiryFactory() for _ in range(ATTEMPTS)]

    outcomes = _at_once(lambda n: services.hold(inquiry=inquiries[n], program=program, by=people[n]).pk)
    refusal = f"{program} has no place free: every place is already held or occupied."
    assert sorted(str(outcome) for outcome in outcomes) == sorted(
        [*(str(pk) for pk in Hold.objects.values_list("pk", flat=True)), *[refusal] * (ATTEMPTS - 5)]
    )
    assert Hold.objects.count() == 5


@pytest.mark.postgres
@pytest.mark.django_db
def test_the_database_refuses_overlapping_times_written_around_the_services():
    bed = BedFactory(levels=[LevelFactory(lives_on_site=True)])
    now = timezone.now()
    first = Hold.objects.create(inquiry=InquiryFactory(), bed=bed, held_at=now, until=now + timedelta(hours=24))
    second = Hold.objects.create(inquiry=InquiryFactory(), bed=bed, held_at=now, until=now + timedelta(hours=24))
    BedTime.objects.create(bed=bed, starts_at=now, ends_at=now + timedelta(hours=24), hold=first)
    with pytest.raises(IntegrityError, match="census_bedtime_no_overlap"), transaction.atomic():
        BedTime.objects.create(bed=bed, starts_at=now + timedelta(hours=23), ends_at=None, hold=second)
    # Touching ends are not an overlap: the next hold starts when the first ends.
    BedTime.objects.create(bed=bed, starts_at=now + timedelta(hours=24), ends_at=None, hold=second)
    assert BedTime.objects.count() == 2
