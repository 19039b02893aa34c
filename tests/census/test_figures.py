"""The census figures against a hand-made week: the census by day and level (occupied, held, out of
service, free), length of stay and discharges by kind, the waitlist's length and days waited; the page
with its charts and tables, and the CSV through the formula guard."""

import csv
import io
from datetime import UTC, date, datetime

import pytest

from census import services
from census.figures import figures
from census.models import Stay, WaitlistEntry
from intake.models import AccessRecord, Note

from ..factories import BedFactory, InquiryFactory, LevelFactory, NoteFactory, ProgramFactory, UserFactory
from ..markup import captioned, cells, definition, parse

pytestmark = pytest.mark.django_db

# Tuesday, December 8, 2026, 10:00 in Los Angeles; the week counted is December 1 to 7.
NOW = datetime(2026, 12, 8, 18, 0, tzinfo=UTC)
START, END = date(2026, 12, 1), date(2026, 12, 7)


def at(day, hour=10):
    return datetime(2026, day.month, day.day, hour + 8, 0, tzinfo=UTC)


def reached():
    inquiry = InquiryFactory()
    NoteFactory(inquiry=inquiry, outcome=Note.Outcome.REACHED)
    return inquiry


@pytest.fixture
def week(time_machine):
    time_machine.move_to(NOW, tick=False)
    staff = UserFactory(username="casey", group="Admissions")
    detox = LevelFactory(short_name="Detox", lives_on_site=True, intensity_rank=1)
    residential = LevelFactory(short_name="+Residential", lives_on_site=True, intensity_rank=2)
    iop = LevelFactory(short_name="IOP", lives_on_site=False, intensity_rank=4)
    one, two = BedFactory(levels=[detox]), BedFactory(levels=[detox])
    BedFactory(
        levels=[residential], in_service=False, out_of_service_reason="Repairs", out_of_service_until=date(2026, 12, 3)
    )
    program = ProgramFactory(level=iop, places=3)

    def admit(bed=None, program=None, level=detox, on=None):
        return services.admit(inquiry=reached(), level=level, bed=bed, program=program, on=on, by=staff)

    first = admit(one, on=date(2026, 11, 28))
    services.discharge(stay=first, on=date(2026, 12, 3), kind=Stay.DischargeKind.COMPLETED, by=staff)
    admit(one, on=date(2026, 12, 4))
    third = admit(two, on=date(2026, 12, 2))
    services.discharge(stay=third, on=date(2026, 12, 5), kind=Stay.DischargeKind.AGAINST_ADVICE, by=staff)
    held = services.hold(inquiry=reached(), bed=two, by=staff, now=at(date(2026, 12, 6)))
    services.release(hold=held, by=staff, now=at(date(2026, 12, 6), 12))
    fourth = admit(program=program, level=iop, on=date(2026, 12, 1))
    services.discharge(stay=fourth, on=date(2026, 12, 6), kind=Stay.DischargeKind.TRANSFERRED, by=staff)
    services.hold(inquiry=reached(), program=program, by=staff, now=at(date(2026, 12, 7)))
    wait = WaitlistEntry.objects.create
    wait(
        inquiry=reached(),
        level=detox,
        waiting_for="a bed",
        added_at=at(date(2026, 11, 30)),
        ended_at=at(date(2026, 12, 4)),
        end_reason="admitted",
    )
    wait(inquiry=reached(), level=detox, waiting_for="a bed", added_at=at(date(2026, 12, 5)))
    return staff


def test_the_figures_match_the_hand_made_week(week):
    result = figures(START, END)
    by_level = {
        entry.level.short_name: (entry.capacity, [(d.occupied, d.held, d.out, d.free) for d in entry.days])
        for entry in result.census
    }
    assert by_level == {
        "Detox": (
            2,
            [(1, 0, 0, 1), (2, 0, 0, 0), (1, 0, 0, 1), (2, 0, 0, 0), (1, 0, 0, 1), (1, 1, 0, 0), (1, 0, 0, 1)],
        ),
        "+Residential": (1, [(0, 0, 1, 0)] * 3 + [(0, 0, 0, 1)] * 4),
        "IOP": (3, [(1, 0, 0, 2)] * 5 + [(0, 0, 0, 3), (0, 1, 0, 2)]),
    }
    assert result.length_of_stay == [("Detox", 2, 4.0), ("IOP", 1, 5.0)]
    assert result.discharges == [
        ("Completed", 1),
        ("Stepped down to another level here", 0),
        ("Left against advice", 1),
        ("Transferred", 1),
    ]
    assert [count for _, count in result.waitlist_by_day] == [1, 1, 1, 0, 1, 1, 1]
    assert result.waited == {"ended": 1, "average": 4.0, "longest": 4}


def test_the_page_shows_charts_with_tables_and_a_csv_through_the_formula_guard(week, client):
    client.force_login(week)
    query = {"start": "2026-12-01", "end": "2026-12-07"}
    page = parse(client.get("/admin/census/figures/", query))
    assert cells(captioned(page, "Detox: the census by day"))[:2] == [
        ["Tue, Dec 1", "1", "0", "0", "1"],
        ["Wed, Dec 2", "2", "0", "0", "0"],
    ]
    assert cells(captioned(page, "Stays discharged in the period, by level")) == [
        ["Detox", "2", "4.0"],
        ["IOP", "1", "5.0"],
    ]
    assert definition(page, "Days waited: average / longest") == "4.0 / 4"
    assert len(page.select("svg[role=img]")) == 6  # three levels, length of stay, discharges, waitlist
    download = client.get("/admin/census/figures/", {**query, "format": "csv"})
    assert download["Content-Disposition"] == 'attachment; filename="census-2026-12-01-2026-12-07.csv"'
    rows = list(csv.reader(io.StringIO(download.content.decode())))
    assert ["census", "IOP", "2026-12-07", "0", "1", "0", "2"] in rows
    assert ["length of stay", "Detox", "2", "4.0"] in rows
    assert ["waited", "1", "4.0", "4"] in rows
    assert ["census", "'+Residential", "2026-12-01", "0", "0", "1", "0"] in rows  # a level's name is no formula
    assert list(AccessRecord.objects.filter(action="list").values_list("detail", flat=True)) == [
        "census figures (figures only)",
        "census figures (figures only)",
    ]


def test_only_admissions_and_superusers_see_the_figures(week, editor_client):
    assert editor_client.get("/admin/census/figures/").status_code == 403
