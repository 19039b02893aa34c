"""The dashboard's funnel (contacted → screened → recommended → confirmed → assessment scheduled →
admitted) and the days between steps, read from the moves recorded and the pre-admission screens of
hand-made inquiries, in total, by channel and by referral source."""

import csv
import io
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from admissions.dashboard.figures import StepRow, figures
from intake.models import StatusChange
from screening.models import ConfirmationSection, LevelSection, OutcomeSection, ReferralOut, Screen
from screening.services import open_screen, record_saved

from ..factories import InquiryFactory, ReferralSourceFactory
from ..markup import captioned, cells, one

pytestmark = pytest.mark.django_db

LA = ZoneInfo("America/Los_Angeles")
NOW = datetime(2026, 6, 15, 12, 0, tzinfo=LA)
ARRIVED = NOW - timedelta(days=10)
START, END = date(2026, 5, 17), date(2026, 6, 15)


def moved(steps, screen=(), **fields):
    """An inquiry that arrived ten days ago and moved through `steps`: (status, days after arriving);
    with `screen`, the days after arriving when its screen was first saved, [a level recommended, [confirmed]]."""
    inquiry = InquiryFactory(created_at=ARRIVED, status=steps[-1][0] if steps else "new", **fields)
    before = "new"
    for status, days in steps:
        StatusChange.objects.create(
            inquiry=inquiry, from_status=before, to_status=status, at=ARRIVED + timedelta(days=days)
        )
        before = status
    times = [ARRIVED + timedelta(days=days) for days in screen]
    if times:
        opened = open_screen(inquiry, None)
        Screen.objects.filter(pk=opened.pk).update(created_at=times[0], first_saved_at=times[0])
        stamps = times[1:] + [None, None]
        LevelSection.objects.filter(screen=opened).update(recommended_at=stamps[0])
        ConfirmationSection.objects.filter(screen=opened).update(confirmed_at=stamps[1])
    return inquiry


@pytest.fixture
def known():
    valley = ReferralSourceFactory(name="Valley Hospital")
    moved([("contacted", 0), ("assessment_scheduled", 2), ("admitted", 5)], screen=(0, 0.5, 1.5))  # website
    moved([("contact_attempted", 0), ("contacted", 1), ("assessment_scheduled", 4)], screen=(1, 3), channel="phone")
    moved(
        [("contacted", 0), ("assessment_scheduled", 1), ("admitted", 2)], screen=(0, 0.5, 0.5),
        channel="referral", referral_source=valley,
    )  # fmt: skip
    moved([("contacted", 0)], screen=(0.5,))  # website, screened, no further
    moved([("contacted", 0), ("admitted", 6)], channel="phone")  # admitted with no screen or assessment recorded
    moved([("spam", 0)], screen=(0,), phone="+18185550111", email="")  # spam: not counted
    moved([], screen=(2,), phone="+18185550113", email="")  # screened before any move: counted as screened


def test_the_days_between_steps_match_the_moves(known):
    result = figures(START, END)
    # contact→screened: 0, 1, 0, 0.5 → 0 (nearest rank); screened→recommended: 0.5, 2, 0.5 → 0.5;
    # recommended→confirmed: 1, 0 → 0; confirmed→scheduled: 0.5, 0.5 → 0.5; scheduled→admitted: 3, 1 → 1.
    assert result.step_total == StepRow("all", 5, 5, 3, 2, 3, 3, 0.0, 0.5, 0.0, 0.5, 1.0, 5.0)
    assert result.step_breakdowns == {
        "channel": (
            "Channel",
            [
                StepRow("Phone call", 2, 1, 1, 0, 1, 1, 1.0, 2.0, None, None, None, 6.0),
                StepRow("Referral", 1, 1, 1, 1, 1, 1, 0.0, 0.5, 0.0, 0.5, 1.0, 2.0),
                StepRow("Website form", 2, 3, 1, 1, 1, 1, 0.0, 0.5, 1.0, 0.5, 3.0, 5.0),
            ],
        ),
        "referral": (
            "Referral source",
            [
                StepRow("(none)", 4, 4, 2, 1, 2, 2, 0.5, 0.5, 1.0, 0.5, 3.0, 5.0),
                StepRow("Valley Hospital", 1, 1, 1, 1, 1, 1, 0.0, 0.5, 0.0, 0.5, 1.0, 2.0),
            ],
        ),
    }


def test_an_inquiry_outside_the_period_is_left_out(known):
    early = InquiryFactory(created_at=NOW - timedelta(days=60), phone="+18185550112", email="")
    StatusChange.objects.create(inquiry=early, from_status="new", to_status="contacted", at=early.created_at)
    assert figures(START, END).step_total.contacted == 5


def test_the_dashboard_shows_them_as_tables(admissions_client, known):
    page = admissions_client.get(f"/admin/intake/inquiry/speed-to-lead/?start={START}&end={END}")
    by_channel = captioned(page, "Funnel and median days between steps, by channel")
    assert [cell.text for cell in by_channel.select("thead th")] == [
        "Channel", "Contacted", "Screened", "Recommended", "Confirmed", "Assessment scheduled", "Admitted",
        "Days, contact to screened", "Days, screened to recommended", "Days, recommended to confirmed",
        "Days, confirmed to assessment scheduled", "Days, assessment scheduled to admitted",
        "Days, contact to admitted",
    ]  # fmt: skip
    assert cells(by_channel) == [
        ["Phone call", "2", "1", "1", "0", "1", "1", "1.0", "2.0", "—", "—", "—", "6.0"],
        ["Referral", "1", "1", "1", "1", "1", "1", "0.0", "0.5", "0.0", "0.5", "1.0", "2.0"],
        ["Website form", "2", "3", "1", "1", "1", "1", "0.0", "0.5", "1.0", "0.5", "3.0", "5.0"],
    ]
    total = [cell.text for cell in one(by_channel, "tfoot tr").select("th") + one(by_channel, "tfoot tr").select("td")]
    assert total == ["All", "5", "5", "3", "2", "3", "3", "0.0", "0.5", "0.0", "0.5", "1.0", "5.0"]
    assert cells(captioned(page, "Funnel and median days between steps, by referral source")) == [
        ["(none)", "4", "4", "2", "1", "2", "2", "0.5", "0.5", "1.0", "0.5", "3.0", "5.0"],
        ["Valley Hospital", "1", "1", "1", "1", "1", "1", "0.0", "0.5", "0.0", "0.5", "1.0", "2.0"],
    ]


def test_screens_found_not_a_fit_are_counted_by_where_they_were_referred(admissions_client, known):
    hospital = ReferralOut.objects.create(name="County hospital detox")
    for inquiry, reason, to in [
        (InquiryFactory(created_at=ARRIVED), "medical", hospital),
        (InquiryFactory(created_at=ARRIVED), "medical", hospital),
        (InquiryFactory(created_at=ARRIVED), "declined", None),
        (InquiryFactory(created_at=NOW - timedelta(days=60)), "medical", hospital),  # outside the period
    ]:
        OutcomeSection.objects.filter(screen=open_screen(inquiry, None)).update(
            outcome="not_a_fit", not_fit_reason=reason, referred_to=to
        )
    assert figures(START, END).referred_out == [
        ("County hospital detox", "Medical needs beyond the center", 2),
        ("Not referred", "They declined", 1),
    ]
    page = admissions_client.get(f"/admin/intake/inquiry/speed-to-lead/?start={START}&end={END}")
    assert cells(captioned(page, "Screened and not a fit: where they were referred")) == [
        ["County hospital detox", "Medical needs beyond the center", "2"],
        ["Not referred", "They declined", "1"],
    ]


def test_the_csv_carries_the_funnel(admissions_client, known):
    download = admissions_client.get(
        "/admin/intake/inquiry/speed-to-lead/", {"start": str(START), "end": str(END), "format": "csv"}
    )
    rows = list(csv.reader(io.StringIO(download.content.decode())))
    start = rows.index(next(row for row in rows if row[0] == "funnel" and row[1] == "group"))
    assert rows[start:] == [
        ["funnel", "group", "contacted", "screened", "recommended", "confirmed", "scheduled", "admitted",
         "contact to screened", "screened to recommended", "recommended to confirmed", "confirmed to scheduled",
         "scheduled to admitted", "contact to admitted"],
        ["funnel", "all", "5", "5", "3", "2", "3", "3", "0.0", "0.5", "0.0", "0.5", "1.0", "5.0"],
        ["funnel by channel", "Phone call", "2", "1", "1", "0", "1", "1", "1.0", "2.0", "", "", "", "6.0"],
        ["funnel by channel", "Referral", "1", "1", "1", "1", "1", "1", "0.0", "0.5", "0.0", "0.5", "1.0", "2.0"],
        ["funnel by channel", "Website form", "2", "3", "1", "1", "1", "1", "0.0", "0.5", "1.0", "0.5", "3.0", "5.0"],
        ["funnel by referral source", "(none)", "4", "4", "2", "1", "2", "2", "0.5", "0.5", "1.0", "0.5", "3.0", "5.0"],
        ["funnel by referral source", "Valley Hospital", "1", "1", "1", "1", "1", "1", "0.0", "0.5", "0.0", "0.5",
         "1.0", "2.0"],
    ]  # fmt: skip


def test_a_screen_opened_but_never_saved_is_not_screened(known, admissions_user):
    inquiry = moved([("contacted", 0)], phone="+18185550114", email="")
    screen = open_screen(inquiry, admissions_user)
    assert figures(START, END).step_total.screened == 5
    # Its first save counts it, at that moment; a later save does not move it.
    record_saved(screen.reasonsection, admissions_user, "reason for calling")
    first = Screen.objects.get(pk=screen.pk).first_saved_at
    assert first is not None
    record_saved(screen.medicalsection, admissions_user, "medical")
    assert Screen.objects.get(pk=screen.pk).first_saved_at == first
    assert figures(START, END).step_total.screened == 6
