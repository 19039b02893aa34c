"""The dashboard's days between steps (first contact → assessment scheduled → admitted), read from the
moves recorded on hand-made inquiries, in total, by channel and by referral source."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from admissions.dashboard.figures import StepRow, figures
from intake.models import StatusChange

from ..factories import InquiryFactory, ReferralSourceFactory
from ..markup import captioned, cells, one

pytestmark = pytest.mark.django_db

LA = ZoneInfo("America/Los_Angeles")
NOW = datetime(2026, 6, 15, 12, 0, tzinfo=LA)
ARRIVED = NOW - timedelta(days=10)
START, END = date(2026, 5, 17), date(2026, 6, 15)


def moved(steps, **fields):
    """An inquiry that arrived ten days ago and moved through `steps`: (status, days after arriving)."""
    inquiry = InquiryFactory(created_at=ARRIVED, status=steps[-1][0] if steps else "new", **fields)
    before = "new"
    for status, days in steps:
        StatusChange.objects.create(
            inquiry=inquiry, from_status=before, to_status=status, at=ARRIVED + timedelta(days=days)
        )
        before = status
    return inquiry


@pytest.fixture
def known():
    valley = ReferralSourceFactory(name="Valley Hospital")
    moved([("contacted", 0), ("assessment_scheduled", 2), ("admitted", 5)])  # website
    moved([("contact_attempted", 0), ("contacted", 1), ("assessment_scheduled", 4)], channel="phone")
    moved([("contacted", 0), ("assessment_scheduled", 1), ("admitted", 2)], channel="referral", referral_source=valley)
    moved([("contacted", 0)])  # website, no further
    moved([("contacted", 0), ("admitted", 6)], channel="phone")  # admitted with no assessment recorded
    moved([("spam", 0)], phone="+18185550111", email="")  # spam: not counted


def test_the_days_between_steps_match_the_moves(known):
    result = figures(START, END)
    assert result.step_total == StepRow("all", 5, 3, 3, 2.0, 1.0, 5.0)
    assert result.step_breakdowns == {
        "channel": (
            "Channel",
            [
                StepRow("Phone call", 2, 1, 1, 4.0, None, 6.0),
                StepRow("Referral", 1, 1, 1, 1.0, 1.0, 2.0),
                StepRow("Website form", 2, 1, 1, 2.0, 3.0, 5.0),
            ],
        ),
        "referral": (
            "Referral source",
            [StepRow("(none)", 4, 2, 2, 2.0, 3.0, 5.0), StepRow("Valley Hospital", 1, 1, 1, 1.0, 1.0, 2.0)],
        ),
    }


def test_an_inquiry_outside_the_period_is_left_out(known):
    early = InquiryFactory(created_at=NOW - timedelta(days=60), phone="+18185550112", email="")
    StatusChange.objects.create(inquiry=early, from_status="new", to_status="contacted", at=early.created_at)
    assert figures(START, END).step_total.contacted == 5


def test_the_dashboard_shows_them_as_tables(admissions_client, known):
    page = admissions_client.get(f"/admin/intake/inquiry/speed-to-lead/?start={START}&end={END}")
    by_channel = captioned(page, "Median days between steps, by channel")
    assert cells(by_channel) == [
        ["Phone call", "2", "1", "1", "4.0", "—", "6.0"],
        ["Referral", "1", "1", "1", "1.0", "1.0", "2.0"],
        ["Website form", "2", "1", "1", "2.0", "3.0", "5.0"],
    ]
    total = [cell.text for cell in one(by_channel, "tfoot tr").select("th") + one(by_channel, "tfoot tr").select("td")]
    assert total == ["All", "5", "3", "3", "2.0", "1.0", "5.0"]
    assert cells(captioned(page, "Median days between steps, by referral source")) == [
        ["(none)", "4", "2", "2", "2.0", "3.0", "5.0"],
        ["Valley Hospital", "1", "1", "1", "1.0", "1.0", "2.0"],
    ]
