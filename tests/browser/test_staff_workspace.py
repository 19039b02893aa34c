"""The admissions workspace in Chromium at phone and desktop widths: no sideways page scroll, the
list's key columns in view, and no axe violations on the inquiry list and page."""

import pytest
from playwright.sync_api import expect

from intake.models import Inquiry

from ..factories import UserFactory
from .test_accessibility import VIEWPORTS, assert_no_violations
from .test_flows import log_in, log_in_with_the_form

KEY_COLUMNS = [
    "no.",
    "status",
    "name",
    "channel",
    "level",
    "age",
    "assigned to",
    "follow-up",
    "1st contact after",
    "duplicate?",
]


def page_scrolls_sideways(page):
    return page.evaluate("document.documentElement.scrollWidth > document.documentElement.clientWidth")


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_the_inbox_and_inquiry_page_fit_the_screen_and_pass_axe(browser, site, viewport):
    UserFactory(username="coordinator", first_name="Casey", last_name="Ng", group="Admissions")
    inquiry = Inquiry.objects.filter(notes__isnull=False).first()
    context = browser.new_context(viewport=VIEWPORTS[viewport])
    page = context.new_page()
    log_in(page, site, "coordinator")
    page.goto(site + "/admin/intake/inquiry/")
    assert not page_scrolls_sideways(page), "the inbox scrolls sideways"
    assert_no_violations(page, f"inbox at {viewport}")
    if viewport == "desktop":
        width = page.viewport_size["width"]
        for column in KEY_COLUMNS:
            header = page.locator("#result_list thead th", has_text=column).first
            box = header.bounding_box()
            assert box and box["x"] + box["width"] <= width, f"column {column} is cut off at {width} px"
    page.goto(f"{site}/admin/intake/inquiry/{inquiry.pk}/change/")
    expect(page.get_by_role("heading", name="Log a contact")).to_be_in_viewport()
    assert not page_scrolls_sideways(page), "the inquiry page scrolls sideways"
    assert_no_violations(page, f"inquiry page at {viewport}")
    page.get_by_role("button", name="Log it").click()  # nothing chosen: the errors are accessible too
    expect(page.get_by_role("alert")).to_contain_text("nothing was saved yet")
    assert_no_violations(page, f"inquiry page with errors at {viewport}")
    context.close()


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_the_dashboard_fits_the_screen_draws_under_the_csp_and_passes_axe(browser, site, viewport):
    UserFactory(username="coordinator", group="Admissions")
    context = browser.new_context(viewport=VIEWPORTS[viewport])
    page = context.new_page()
    refused = []
    page.on(
        "console", lambda message: refused.append(message.text) if "Content Security Policy" in message.text else None
    )
    log_in(page, site, "coordinator")
    page.goto(site + "/admin/intake/inquiry/")
    page.get_by_role("link", name="Speed to lead").click()
    expect(page.get_by_role("heading", name="Inquiries by day")).to_be_visible()
    bars = page.locator("svg.chart rect")
    assert bars.count() >= 30 + 4 and bars.first.bounding_box()["width"] > 0
    assert not page_scrolls_sideways(page), "the dashboard scrolls sideways"
    assert refused == []
    assert_no_violations(page, f"dashboard at {viewport}")
    page.get_by_label("From", exact=True).fill("2026-12-31")
    page.get_by_role("button", name="Show").click()
    expect(page.get_by_role("alert")).to_contain_text("Please correct the period")
    assert_no_violations(page, f"dashboard with errors at {viewport}")
    context.close()


def test_two_step_sign_in_on_a_phone(browser, site, settings):
    from base64 import b32decode

    from django_otp.oath import totp

    settings.STAFF_REQUIRE_2FA = True
    UserFactory(username="coordinator", group="Admissions")
    context = browser.new_context(viewport=VIEWPORTS["phone"])
    page = context.new_page()
    log_in_with_the_form(page, site, "coordinator")
    page.goto(site + "/admin/intake/inquiry/")
    expect(page.get_by_text("Scan this code")).to_be_visible()
    assert not page_scrolls_sideways(page)
    assert_no_violations(page, "two-step set-up at phone")
    key = b32decode(page.locator(".two-step-key").inner_text().replace(" ", ""))  # kept in the session only
    page.get_by_label("Code").fill(f"{totp(key):06d}")
    page.get_by_role("button", name="Turn on two-step sign-in").click()
    expect(page.locator(".two-step-codes li")).to_have_count(10)
    assert_no_violations(page, "recovery codes at phone")
    page.get_by_role("link", name="I have kept them: continue").click()
    expect(page.locator("#result_list")).to_be_visible()
    context.close()
