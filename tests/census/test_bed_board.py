"""The bed board: each bed's state by day (free, held, occupied, expected to free up from an expected
discharge, out of service), the filters ("men, detox, Thursday"), Find a bed from an inquiry with its
one-click Hold, who may see it, the access log, and a fixed number of queries."""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from census import board, services
from census.models import Hold, Serves
from intake.models import AccessRecord, Note
from screening.models import ConfirmationSection, LevelSection
from screening.services import open_screen

from ..factories import (
    BedFactory,
    InquiryFactory,
    LevelFactory,
    NoteFactory,
    ProgramFactory,
    UserFactory,
    WaitlistEntryFactory,
)
from ..markup import admin_messages, captioned, cells, one, parse, select, texts

pytestmark = pytest.mark.django_db

# 10:00 in Los Angeles on Friday, December 4, 2026; Thursday is December 10.
MORNING = datetime(2026, 12, 4, 18, 0, tzinfo=UTC)
TODAY = date(2026, 12, 4)
URL = "/admin/census/"


def reached(**fields):
    inquiry = InquiryFactory(**{"created_at": timezone.now() - timedelta(days=14), **fields})
    NoteFactory(inquiry=inquiry, outcome=Note.Outcome.REACHED)
    return inquiry


@pytest.fixture
def center(time_machine):
    """Detox and residential beds for men, women and anyone, in every state, and an IOP program."""
    time_machine.move_to(MORNING, tick=False)
    staff = UserFactory(username="casey", group="Admissions")
    detox = LevelFactory(short_name="Detox", lives_on_site=True, intensity_rank=1)
    residential = LevelFactory(short_name="Residential", lives_on_site=True, intensity_rank=2)
    iop = LevelFactory(short_name="IOP", lives_on_site=False, intensity_rank=5)
    beds = {
        "D1": BedFactory(unit="North", room="1", levels=[detox], serves=Serves.MEN),
        "D2": BedFactory(unit="North", room="2", levels=[detox], serves=Serves.WOMEN),
        "D3": BedFactory(unit="North", room="3", levels=[detox], serves=Serves.ANY, accessible=True),
        "R1": BedFactory(unit="South", room="1", levels=[residential], serves=Serves.MEN),
        "R2": BedFactory(
            unit="South",
            room="2",
            levels=[residential],
            serves=Serves.WOMEN,
            in_service=False,
            out_of_service_reason="Repairs",
            out_of_service_until=date(2026, 12, 6),
        ),
    }
    services.admit(
        inquiry=reached(),
        level=detox,
        bed=beds["D1"],
        on=date(2026, 12, 1),
        by=staff,
        expected_discharge_on=date(2026, 12, 7),
    )
    services.hold(inquiry=reached(), bed=beds["D2"], by=staff)
    services.admit(inquiry=reached(), level=residential, bed=beds["R1"], on=date(2026, 11, 20), by=staff)
    program = ProgramFactory(level=iop, name="IOP mornings", places=3)
    services.admit(
        inquiry=reached(),
        level=iop,
        program=program,
        on=date(2026, 12, 2),
        by=staff,
        expected_discharge_on=date(2026, 12, 8),
    )
    services.hold(inquiry=reached(), program=program, by=staff)
    AccessRecord.objects.all().delete()
    return {"staff": staff, "detox": detox, "residential": residential, "iop": iop, "beds": beds, "program": program}


def states(group):
    return [[cell.state for cell in row.cells] for row in group.rows]


def test_each_bed_by_day(center):
    result = board.build()
    assert result.days == [TODAY + timedelta(days=n) for n in range(15)]
    assert [
        (group.level.short_name, group.serves, [str(row.bed) for row in group.rows]) for group in result.groups
    ] == [
        ("Detox", "men", ["North 1A"]),
        ("Detox", "women", ["North 2A"]),
        ("Detox", "any", ["North 3A"]),
        ("Residential", "men", ["South 1A"]),
        ("Residential", "women", ["South 2A"]),
    ]
    d1, d2, d3, r1, r2 = (states(group)[0] for group in result.groups)
    assert d1 == ["occupied"] * 3 + ["leaving"] * 12  # expected to leave on Monday the 7th
    assert d2 == ["held"] * 2 + ["free"] * 13  # held until tomorrow 10:00
    assert d3 == ["free"] * 15
    assert r1 == ["occupied"] * 15
    assert r2 == ["out"] * 3 + ["free"] * 12  # out of service through the 6th
    (iop,) = result.programs
    assert [(day.free, day.held, day.in_use, day.leaving) for day in iop.days[:5]] == [
        (1, 1, 1, 0),
        (1, 1, 1, 0),
        (2, 0, 1, 0),
        (2, 0, 1, 0),
        (2, 0, 0, 1),
    ]


def test_filtered_for_men_in_detox_on_thursday(center):
    result = board.build(sex="men", level=center["detox"], first=date(2026, 12, 10), days=1)
    assert [(group.serves, [str(row.bed) for row in group.rows], states(group)) for group in result.groups] == [
        ("men", ["North 1A"], [["leaving"]]),
        ("any", ["North 3A"], [["free"]]),
    ]
    assert result.programs == []


def test_the_page_answers_men_detox_thursday(center, client):
    client.force_login(center["staff"])
    query = {"filtered": "1", "sex": "men", "level": center["detox"].pk, "day": "2026-12-10"}
    page = parse(client.get(URL, query))
    assert one(page, "#answer-heading").text == "On Thursday, December 10"
    assert texts(page, ".census-answer li") == ["Detox, men: 0 free of 1 bed", "Detox, anyone: 1 free of 1 bed"]
    table = captioned(page, "Beds by day")
    assert texts(table, "thead th") == ["Bed", "Thu 10"]
    assert [th.attrs["scope"] for th in table.select("th")] == ["col", "col", "rowgroup", "row", "rowgroup", "row"]
    assert cells(table) == [
        ["Detox, men"],
        ["North 1A", "Expected to free up"],
        ["Detox, anyone"],
        ["North 3A accessible", "Free"],
    ]
    assert select(table, "button") == []  # no inquiry: nothing to hold


def test_the_whole_fortnight_with_programs_and_holds(center, client):
    client.force_login(center["staff"])
    page = parse(client.get(URL))
    assert one(page, "#answer-heading").text == "Free today"
    assert texts(page, ".census-answer li") == [
        "Detox, men: 0 free of 1 bed",
        "Detox, women: 0 free of 1 bed",
        "Detox, anyone: 1 free of 1 bed",
        "Residential, men: 0 free of 1 bed",
        "Residential, women: 0 free of 1 bed",
        "IOP, IOP mornings: 1 free of 3 places",
    ]
    programs = cells(captioned(page, "Program places by day"))
    assert programs[0][:6] == [
        "IOP mornings IOP, Mon–Thu 9:00–12:00",
        "1 free",
        "1 free",
        "2 free",
        "2 free",
        "2 free, 1 leaving",
    ]
    holds = cells(captioned(page, "Held now"))
    assert [row[:3] for row in holds] == [
        ["North 2A", f"#{Hold.objects.get(bed__isnull=False).inquiry_id}", "Sat, Dec 5, 10:00 AM"],
        ["IOP mornings", f"#{Hold.objects.get(program__isnull=False).inquiry_id}", "Sat, Dec 5, 10:00 AM"],
    ]
    assert list(AccessRecord.objects.values_list("user", "inquiry_ref", "action", "detail")) == [
        (center["staff"].pk, None, "list", "bed board")
    ]


def test_find_a_bed_opens_the_board_for_what_fits_and_holds_in_one_click(center, client):
    inquiry = reached(level=center["detox"])
    client.force_login(center["staff"])
    workspace = parse(client.get(inquiry.get_admin_url()))
    found = [(a.text, a.attrs["href"]) for a in select(workspace, ".workspace-census a") if a.text == "Find a bed"]
    assert found == [("Find a bed", f"/admin/census/?inquiry={inquiry.pk}")]

    page = parse(client.get(URL, {"inquiry": inquiry.pk}))
    assert one(page, "#id_level option[selected]").text == "Detox"
    assert texts(page, "tbody th[scope=row]")[:3] == ["North 1A", "North 2A", "North 3A accessible"]
    buttons = [button.attrs["aria-label"] for button in select(page, ".census-board button")]
    assert buttons == [f"Hold bed North 3A for inquiry #{inquiry.pk}"]
    assert list(AccessRecord.objects.order_by("pk").values_list("inquiry_ref", "action", "detail"))[-2:] == [
        (inquiry.pk, "view", "bed board"),
        (None, "list", "bed board"),
    ]

    bed = center["beds"]["D3"]
    response = client.post(
        "/admin/census/hold/", {"inquiry": inquiry.pk, "bed": bed.pk, "next": f"{URL}?inquiry={inquiry.pk}"}
    )
    assert (response.status_code, response["Location"]) == (302, f"{URL}?inquiry={inquiry.pk}")
    assert admin_messages(client.get(response["Location"])) == [
        f"North 3A is held for inquiry #{inquiry.pk} until Sat, Dec 5, 10:00 AM."
    ]
    assert Hold.objects.get(bed=bed).inquiry == inquiry

    # A colleague who had the board open a minute before is told clearly.
    other = reached(level=center["detox"])
    response = client.post("/admin/census/hold/", {"inquiry": other.pk, "bed": bed.pk}, follow=True)
    assert admin_messages(response) == ["Bed North 3A is already held or occupied. Choose another bed."]
    assert Hold.objects.filter(bed=bed).count() == 1


def test_holding_needs_the_forms_csrf_token(center):
    client = Client(enforce_csrf_checks=True)
    client.force_login(center["staff"])
    inquiry = reached()
    response = client.post("/admin/census/hold/", {"inquiry": inquiry.pk, "bed": center["beds"]["D3"].pk})
    assert response.status_code == 403
    assert not Hold.objects.filter(inquiry=inquiry).exists()


def test_a_hold_released_from_the_board(center, client):
    client.force_login(center["staff"])
    held = Hold.objects.get(bed=center["beds"]["D2"])
    response = client.post(f"/admin/census/hold/{held.pk}/release/", follow=True)
    assert admin_messages(response) == ["The hold on North 2A is released."]
    held.refresh_from_db()
    assert held.state() == "released"


def test_only_admissions_and_superusers_see_the_board(center, client, editor_client, superuser):
    assert editor_client.get(URL).status_code == 403
    assert editor_client.post("/admin/census/hold/", {}).status_code == 403
    client.force_login(superuser)
    assert client.get(URL).status_code == 200
    client.logout()
    assert client.get(URL).status_code == 302


def _queries(client, query=None):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(URL, query or {}).status_code == 200
    return len(captured)


def test_the_board_takes_as_many_queries_whatever_the_beds_and_stays(center, client):
    client.force_login(center["staff"])
    inquiry = reached(level=center["detox"])
    _queries(client)  # the first page of a session reads what later ones keep
    few = (_queries(client), _queries(client, {"inquiry": inquiry.pk}))
    for number in range(10):
        bed = BedFactory(unit="East", room=str(number), levels=[center["detox"], center["residential"]])
        services.admit(
            inquiry=reached(), level=center["detox"], bed=bed, on=TODAY - timedelta(days=number), by=center["staff"]
        )
        ProgramFactory(level=center["iop"], name=f"IOP group {number}")
    more = (_queries(client), _queries(client, {"inquiry": inquiry.pk}))
    assert few == more == (19, 22)


def test_an_inquirys_holds_read_released_once_their_time_has_passed(center, client, time_machine):
    client.force_login(center["staff"])
    held = Hold.objects.get(bed=center["beds"]["D2"])
    query = {"inquiry": held.inquiry_id}
    assert texts(parse(client.get(URL, query)), "#content-main section[aria-labelledby=inquiry-holds-heading] li") == [
        "North 2A: held until Sat, Dec 5, 10:00 AM held Dec 4, 10:00 AM"
    ]
    time_machine.move_to(MORNING + timedelta(days=1), tick=False)
    client.force_login(center["staff"])  # the session ended while nobody used it
    assert texts(parse(client.get(URL, query)), "#content-main section[aria-labelledby=inquiry-holds-heading] li") == [
        "North 2A: released held Dec 4, 10:00 AM"
    ]


def test_find_a_bed_reads_the_screens_level_and_the_patients_sex(center, client):
    inquiry = reached(level=center["detox"], patient_sex_at_birth="female")
    screen = open_screen(inquiry, center["staff"])
    LevelSection.objects.filter(screen=screen).update(chosen_level=center["residential"])
    client.force_login(center["staff"])
    page = parse(client.get(URL, {"inquiry": inquiry.pk}))
    assert (one(page, "#id_level option[selected]").text, one(page, "#id_sex option[selected]").text) == (
        "Residential",
        "Women",
    )
    assert texts(page, ".census-answer li") == ["Residential, women: 0 free of 1 bed"]
    # A clinician's confirmed level wins over the provisional one.
    ConfirmationSection.objects.filter(screen=screen).update(
        level=center["detox"], confirmed_level=center["detox"], recommended_level=center["residential"],
        confirmed_at=MORNING, confirmed_by=center["staff"],
    )  # fmt: skip
    page = parse(client.get(URL, {"inquiry": inquiry.pk}))
    assert texts(page, ".census-answer li") == ["Detox, women: 0 free of 1 bed", "Detox, anyone: 1 free of 1 bed"]


def test_the_inquiry_page_says_where_the_person_is_held_waiting_or_staying(center, client):
    inquiry = reached(level=center["detox"])
    client.force_login(center["staff"])
    hold = services.hold(inquiry=inquiry, bed=center["beds"]["D3"], by=center["staff"])
    WaitlistEntryFactory(inquiry=inquiry, level=center["residential"], added_at=MORNING)
    workspace = parse(client.get(inquiry.get_admin_url()))
    assert texts(workspace, ".workspace-census p") == [
        "North 3A held until Dec 5, 10:00 AM: Admit",
        "On the waitlist for Residential since Dec 4: its entry",
        "Bed or place: Find a bed",
    ]
    assert one(workspace, ".workspace-census a[aria-label]").attrs == {
        "href": f"/admin/census/hold/{hold.pk}/admit/",
        "aria-label": f"Admit inquiry #{inquiry.pk} to North 3A",
    }
    stay = services.admit(
        inquiry=inquiry, level=center["detox"], bed=center["beds"]["D3"], on=TODAY, by=center["staff"],
        expected_discharge_on=date(2026, 12, 9),
    )  # fmt: skip
    workspace = parse(client.get(inquiry.get_admin_url()))
    assert texts(workspace, ".workspace-census p") == [
        "In Detox, North 3A since Dec 4; expected discharge Dec 9.",
        "On the waitlist for Residential since Dec 4: its entry",
    ]
    assert select(workspace, ".workspace-census p")[0].select("a")[0].attrs["href"] == stay.get_absolute_url()
