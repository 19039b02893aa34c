"""Holding a bed or place, its expiry and release, admission (converting a hold, moving the inquiry),
discharge and the step-down that starts the next level's stay without retyping."""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from census import services
from census.models import BedTime, Hold, Stay
from intake.models import AccessRecord, Inquiry, Note, StatusChange

from ..factories import BedFactory, InquiryFactory, LevelFactory, NoteFactory, ProgramFactory, UserFactory

pytestmark = pytest.mark.django_db

# 10:00 in Los Angeles on Friday, December 4, 2026.
MORNING = datetime(2026, 12, 4, 18, 0, tzinfo=UTC)
TODAY = date(2026, 12, 4)


@pytest.fixture
def now(time_machine):
    time_machine.move_to(MORNING, tick=False)
    return MORNING


@pytest.fixture
def coordinator():
    return UserFactory(username="casey", group="Admissions")


@pytest.fixture
def detox():
    return LevelFactory(short_name="Detox", lives_on_site=True, intensity_rank=1)


@pytest.fixture
def residential():
    return LevelFactory(short_name="Residential", lives_on_site=True, intensity_rank=2)


def reached(**fields):
    inquiry = InquiryFactory(**fields)
    NoteFactory(inquiry=inquiry, outcome=Note.Outcome.REACHED)
    return inquiry


def test_a_hold_lasts_a_day_and_is_released_by_itself_when_it_passes(now, coordinator, detox, time_machine):
    bed = BedFactory(levels=[detox])
    inquiry = reached()
    held = services.hold(inquiry=inquiry, bed=bed, by=coordinator)
    assert (held.held_at, held.until, held.state()) == (now, now + timedelta(hours=24), "held")
    assert list(Hold.objects.live().values_list("pk", flat=True)) == [held.pk]
    with pytest.raises(services.AlreadyTaken):
        services.hold(inquiry=reached(), bed=bed, by=coordinator, now=now + timedelta(hours=23, minutes=59))
    time_machine.move_to(now + timedelta(hours=24), tick=False)
    assert list(Hold.objects.live()) == []
    assert Hold.objects.get().state() == "released"
    again = services.hold(inquiry=reached(), bed=bed, by=coordinator)
    assert again.state() == "held"
    assert list(AccessRecord.objects.order_by("pk").values_list("inquiry_ref", "detail")) == [
        (inquiry.pk, f"held {bed}"),
        (again.inquiry_id, f"held {bed}"),
    ]


def test_a_hold_released_by_hand_frees_the_bed_at_once(now, coordinator, detox):
    bed = BedFactory(levels=[detox])
    held = services.hold(inquiry=reached(), bed=bed, by=coordinator)
    assert services.release(hold=held, by=coordinator) is True
    assert (held.released_at, held.released_by, held.state()) == (now, coordinator, "released")
    assert BedTime.objects.get(hold=held).ends_at == now
    assert services.release(hold=held, by=coordinator) is False
    assert services.hold(inquiry=reached(), bed=bed, by=coordinator).state() == "held"


def test_an_out_of_service_bed_is_not_held(now, coordinator, detox):
    bed = BedFactory(levels=[detox], in_service=False, out_of_service_reason="Repairs")
    with pytest.raises(ValidationError) as refused:
        services.hold(inquiry=reached(), bed=bed, by=coordinator)
    assert refused.value.messages == [f"Bed {bed} is out of service."]


def test_a_program_never_takes_more_than_its_places(now, coordinator):
    program = ProgramFactory(places=2)
    first = services.hold(inquiry=reached(), program=program, by=coordinator)
    services.admit(inquiry=reached(), level=program.level, program=program, on=TODAY, by=coordinator)
    assert services.program_in_use(program) == 2
    with pytest.raises(services.AlreadyTaken) as refused:
        services.hold(inquiry=reached(), program=program, by=coordinator)
    assert refused.value.messages == [f"{program} has no place free: every place is already held or occupied."]
    # The person it was held for is admitted into their own held place.
    stay = services.admit(inquiry=first.inquiry, level=program.level, program=program, on=TODAY, by=coordinator)
    first.refresh_from_db()
    assert (first.converted_to, first.state(), services.program_in_use(program)) == (stay, "admitted", 2)


def test_admitting_converts_the_hold_and_moves_the_inquiry_through_the_pipeline(now, coordinator, detox):
    bed = BedFactory(levels=[detox])
    inquiry = reached()
    held = services.hold(inquiry=inquiry, bed=bed, by=coordinator)
    stay = services.admit(
        inquiry=inquiry, level=detox, bed=bed, on=TODAY, by=coordinator, expected_discharge_on=date(2026, 12, 9)
    )
    held.refresh_from_db()
    inquiry.refresh_from_db()
    assert (held.converted_to, held.state()) == (stay, "admitted")
    assert (stay.admitted_on, stay.admitted_at, stay.bed, stay.level, stay.expected_discharge_on) == (
        TODAY,
        now,
        bed,
        detox,
        date(2026, 12, 9),
    )
    assert list(BedTime.objects.values_list("stay", "hold", "starts_at", "ends_at")) == [(stay.pk, None, now, None)]
    assert inquiry.status == Inquiry.Status.ADMITTED
    assert list(StatusChange.objects.values_list("from_status", "to_status", "by")) == [
        (Inquiry.Status.NEW.value, Inquiry.Status.ADMITTED.value, coordinator.pk)
    ]


def test_an_admission_refused_by_the_pipeline_saves_nothing(now, coordinator, detox):
    bed = BedFactory(levels=[detox])
    never_contacted = InquiryFactory()
    with pytest.raises(ValidationError):
        services.admit(inquiry=never_contacted, level=detox, bed=bed, on=TODAY, by=coordinator)
    assert (Stay.objects.count(), BedTime.objects.count()) == (0, 0)


def test_an_occupied_bed_is_neither_held_nor_filled_until_discharged(now, coordinator, detox):
    bed = BedFactory(levels=[detox])
    stay = services.admit(inquiry=reached(), level=detox, bed=bed, on=TODAY - timedelta(days=3), by=coordinator)
    with pytest.raises(services.AlreadyTaken) as refused:
        services.hold(inquiry=reached(), bed=bed, by=coordinator)
    assert refused.value.messages == [f"Bed {bed} is already held or occupied. Choose another bed."]
    with pytest.raises(services.AlreadyTaken):
        services.admit(inquiry=reached(), level=detox, bed=bed, on=TODAY, by=coordinator)
    services.discharge(stay=stay, on=TODAY, kind=Stay.DischargeKind.COMPLETED, by=coordinator)
    # Freed this morning: a new admission today takes the bed.
    assert services.admit(inquiry=reached(), level=detox, bed=bed, on=TODAY, by=coordinator).bed == bed


def test_a_bed_serves_only_its_levels_and_admissions_are_not_in_the_future(now, coordinator, detox, residential):
    bed = BedFactory(levels=[detox])
    with pytest.raises(ValidationError) as refused:
        services.admit(inquiry=reached(), level=residential, bed=bed, on=TODAY, by=coordinator)
    assert refused.value.messages == [f"Bed {bed} does not serve Residential."]
    with pytest.raises(ValidationError) as refused:
        services.admit(inquiry=reached(), level=detox, bed=bed, on=TODAY + timedelta(days=1), by=coordinator)
    assert refused.value.messages == ["An admission is recorded on its day: hold the bed or place until then."]


def test_stepping_down_starts_the_next_levels_stay_for_the_same_person(now, coordinator, detox, residential):
    detox_bed, residential_bed = BedFactory(levels=[detox]), BedFactory(levels=[residential])
    inquiry = reached()
    stay = services.admit(inquiry=inquiry, level=detox, bed=detox_bed, on=TODAY - timedelta(days=5), by=coordinator)
    following = services.discharge(
        stay=stay,
        on=TODAY,
        kind=Stay.DischargeKind.STEPPED_DOWN,
        by=coordinator,
        next_level=residential,
        next_bed=residential_bed,
        next_expected=date(2026, 12, 30),
    )
    stay.refresh_from_db()
    assert (stay.discharged_on, stay.discharge_kind, stay.days) == (TODAY, "stepped_down", 5)
    assert (following.inquiry, following.level, following.bed, following.admitted_on) == (
        inquiry,
        residential,
        residential_bed,
        TODAY,
    )
    assert (following.stepped_down_from, following.expected_discharge_on) == (stay, date(2026, 12, 30))
    # One move to Admitted, at the first admission: the step-down is not a second one.
    assert StatusChange.objects.filter(to_status=Inquiry.Status.ADMITTED).count() == 1
    # The detox bed is free from now; the residential one taken.
    assert services.hold(inquiry=reached(), bed=detox_bed, by=coordinator).state() == "held"
    with pytest.raises(services.AlreadyTaken):
        services.hold(inquiry=reached(), bed=residential_bed, by=coordinator)


def test_a_step_down_that_cannot_start_leaves_the_first_stay_open(now, coordinator, detox, residential):
    detox_bed, residential_bed = BedFactory(levels=[detox]), BedFactory(levels=[residential])
    stay = services.admit(inquiry=reached(), level=detox, bed=detox_bed, on=TODAY - timedelta(days=2), by=coordinator)
    services.hold(inquiry=reached(), bed=residential_bed, by=coordinator)
    with pytest.raises(services.AlreadyTaken):
        services.discharge(
            stay=stay,
            on=TODAY,
            kind=Stay.DischargeKind.STEPPED_DOWN,
            by=coordinator,
            next_level=residential,
            next_bed=residential_bed,
        )
    stay.refresh_from_db()
    assert (stay.discharged_on, BedTime.objects.get(stay=stay).ends_at) == (None, None)


def test_the_expected_discharge_is_edited_and_checked(now, coordinator, detox):
    stay = services.admit(
        inquiry=reached(), level=detox, bed=BedFactory(levels=[detox]), on=TODAY - timedelta(days=1), by=coordinator
    )
    services.set_expected_discharge(stay=stay, on=date(2026, 12, 8), by=coordinator)
    assert Stay.objects.get().expected_discharge_on == date(2026, 12, 8)
    with pytest.raises(ValidationError):
        services.set_expected_discharge(stay=stay, on=date(2026, 12, 1), by=coordinator)


def test_expired_holds_are_noticed_once(now, coordinator, detox, time_machine):
    held = services.hold(inquiry=reached(), bed=BedFactory(levels=[detox]), by=coordinator)
    assert services.notice_expired_holds() == 0
    time_machine.move_to(now + timedelta(days=1, minutes=1), tick=False)
    assert services.notice_expired_holds() == 1
    assert services.notice_expired_holds() == 0
    held.refresh_from_db()
    assert held.expiry_noticed_at == timezone.now()


def test_a_bed_for_men_or_women_follows_the_patients_recorded_sex(now, coordinator, detox):
    mens, anyones = BedFactory(levels=[detox], serves="men"), BedFactory(levels=[detox], serves="any")
    inquiry = reached(patient_sex_at_birth="female")
    with pytest.raises(ValidationError) as refused:
        services.hold(inquiry=inquiry, bed=mens, by=coordinator)
    assert refused.value.messages == [f"Bed {mens} is for men."]
    with pytest.raises(ValidationError):
        services.admit(inquiry=inquiry, level=detox, bed=mens, on=TODAY, by=coordinator)
    assert services.hold(inquiry=inquiry, bed=anyones, by=coordinator).bed == anyones
    # Not recorded: the coordinator decides.
    assert services.hold(inquiry=reached(), bed=mens, by=coordinator).bed == mens
