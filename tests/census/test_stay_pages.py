"""Admitting from a hold on the board, and a stay's page: the expected discharge edited, and a
step-down discharge that opens the next level's stay for the same inquiry."""

from datetime import UTC, date, datetime

import pytest

from census import services
from census.models import Stay
from intake.models import AccessRecord, Inquiry, Note

from ..factories import BedFactory, InquiryFactory, LevelFactory, NoteFactory, ProgramFactory, UserFactory
from ..markup import admin_messages, definition, parse

pytestmark = pytest.mark.django_db

MORNING = datetime(2026, 12, 4, 18, 0, tzinfo=UTC)


@pytest.fixture
def setting(time_machine, client):
    time_machine.move_to(MORNING, tick=False)
    staff = UserFactory(username="casey", group="Admissions")
    client.force_login(staff)
    detox = LevelFactory(short_name="Detox", lives_on_site=True, intensity_rank=1)
    iop = LevelFactory(short_name="IOP", lives_on_site=False, intensity_rank=5)
    inquiry = InquiryFactory()
    NoteFactory(inquiry=inquiry, outcome=Note.Outcome.REACHED)
    bed = BedFactory(unit="North", room="4", levels=[detox])
    return {
        "staff": staff,
        "detox": detox,
        "iop": iop,
        "inquiry": inquiry,
        "bed": bed,
        "program": ProgramFactory(level=iop, name="IOP evenings"),
    }


def test_admitting_from_a_hold_then_stepping_down_without_retyping(setting, client):
    held = services.hold(inquiry=setting["inquiry"], bed=setting["bed"], by=setting["staff"])
    assert client.get(f"/admin/census/hold/{held.pk}/admit/").status_code == 200
    response = client.post(
        f"/admin/census/hold/{held.pk}/admit/",
        {"level": setting["detox"].pk, "admitted_on": "2026-12-04", "expected_discharge_on": "2026-12-09"},
        follow=True,
    )
    stay = Stay.objects.get()
    assert admin_messages(response) == [f"Inquiry #{setting['inquiry'].pk} is admitted to North 4A."]
    page = parse(response)
    assert (definition(page, "Bed or place"), definition(page, "Expected discharge")) == (
        "North 4A",
        "Wed, Dec 9, 2026",
    )
    setting["inquiry"].refresh_from_db()
    assert setting["inquiry"].status == Inquiry.Status.ADMITTED

    response = client.post(
        f"/admin/census/stay/{stay.pk}/", {"expected": "1", "expected_discharge_on": "2026-12-06"}, follow=True
    )
    assert admin_messages(response) == ["The expected discharge is saved."]
    stay.refresh_from_db()
    assert stay.expected_discharge_on == date(2026, 12, 6)

    response = client.post(
        f"/admin/census/stay/{stay.pk}/",
        {
            "discharge": "1",
            "discharged_on": "2026-12-04",
            "kind": "stepped_down",
            "next_level": setting["iop"].pk,
            "next_program": setting["program"].pk,
        },
        follow=True,
    )
    following = Stay.objects.get(stepped_down_from=stay)
    assert (following.inquiry, following.level, following.program, following.admitted_on) == (
        setting["inquiry"], setting["iop"], setting["program"], date(2026, 12, 4)
    )  # fmt: skip
    assert admin_messages(response) == ["Discharged, and admitted to IOP evenings (IOP)."]
    assert definition(parse(response), "Stepped down from") == "the earlier stay"
    details = list(AccessRecord.objects.filter(inquiry_ref=setting["inquiry"].pk).values_list("action", "detail"))
    assert ("view", "stay") in details and ("change", "discharged (stepped_down)") in details


def test_a_step_down_without_its_next_place_is_refused(setting, client):
    stay = services.admit(
        inquiry=setting["inquiry"],
        level=setting["detox"],
        bed=setting["bed"],
        on=date(2026, 12, 1),
        by=setting["staff"],
    )
    response = client.post(
        f"/admin/census/stay/{stay.pk}/", {"discharge": "1", "discharged_on": "2026-12-04", "kind": "stepped_down"}
    )
    assert response.status_code == 200
    assert response.context["discharge"].errors == {
        "next_level": ["Choose the level they step down to."],
        "next_bed": ["Choose a bed or a program place for the next level (one of them)."],
    }
    stay.refresh_from_db()
    assert stay.discharged_on is None


def test_content_editors_see_no_stay(setting, editor_client):
    stay = services.admit(
        inquiry=setting["inquiry"],
        level=setting["detox"],
        bed=setting["bed"],
        on=date(2026, 12, 1),
        by=setting["staff"],
    )
    assert editor_client.get(f"/admin/census/stay/{stay.pk}/").status_code == 403
