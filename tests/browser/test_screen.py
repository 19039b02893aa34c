"""The pre-admission screen in Chromium at phone and desktop widths: a coordinator runs it during a
call, section by section without reloading; a section saved before the connection drops is kept, and
the one being saved when it drops keeps what was typed; axe finds nothing."""

import re

import pytest
from playwright.sync_api import expect

from demo.screening import load_risk_screen
from screening import services
from screening.models import Substance

from ..factories import InquiryFactory, LevelFactory, UserFactory
from .test_accessibility import VIEWPORTS, assert_no_violations
from .test_flows import log_in

SAVED = re.compile(r"^Saved at \d{1,2}:\d\d [AP]M$")


def page_scrolls_sideways(page):
    return page.evaluate("document.documentElement.scrollWidth > document.documentElement.clientWidth")


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_a_coordinator_completes_a_screen(browser, live_server, transactional_db, viewport):
    UserFactory(username="coordinator", first_name="Casey", last_name="Ng", group="Admissions")
    inquiry = InquiryFactory(name="Jordan Caller")
    # A flushed database (transactional tests) has lost what the data migration loaded.
    Substance.objects.get_or_create(name="Alcohol", defaults={"position": 1, "withdrawal_red_flag": True})
    Substance.objects.get_or_create(name="Cannabis", defaults={"position": 5})
    load_risk_screen()
    LevelFactory(name="Medical detox", short_name="Detox", slug="medical-detox")
    context = browser.new_context(viewport=VIEWPORTS[viewport])
    page = context.new_page()
    log_in(page, live_server.url, "coordinator")
    page.goto(f"{live_server.url}/admin/intake/inquiry/{inquiry.pk}/change/")
    page.get_by_role("link", name="Open the screen").click()
    expect(page.get_by_role("heading", name="1. Reason for calling")).to_be_visible()
    assert not page_scrolls_sideways(page), "the screen scrolls sideways"
    assert_no_violations(page, f"screen at {viewport}")

    reason = page.locator("#reason")
    reason.get_by_label("Reason for calling, in their words").fill("My drinking is out of control")
    reason.get_by_role("button", name="Save reason for calling").click()
    expect(page.locator("#reason [data-status]")).to_have_text(SAVED)
    url = page.url  # no reload: the page's address is the same

    substances = page.locator("#substances")
    # A substance's details show once it is ticked.
    expect(substances.get_by_label("How much").first).to_be_hidden()
    substances.get_by_label("Uses alcohol").check()
    expect(substances.get_by_label("How much").first).to_be_visible()
    expect(substances.get_by_label("How much").nth(1)).to_be_hidden()
    substances.locator("select[name$=_frequency]").first.select_option("daily")
    substances.get_by_label("Heavy use").first.check()
    substances.get_by_role("button", name="Save substances").click()
    expect(page.locator("#substances [data-status]")).to_have_text(SAVED)
    expect(page.locator(".detox-flag")).to_contain_text("Medical detox evaluation needed")

    # The connection drops while the medical section is being saved.
    context.set_offline(True)
    medical = page.locator("#medical")
    medical.get_by_label("Medical conditions").fill("Type 2 diabetes")
    medical.get_by_role("button", name="Save medical").click()
    expect(page.locator("#medical [data-status]")).to_contain_text("not saved. The connection dropped")
    expect(medical.get_by_label("Medical conditions")).to_have_value("Type 2 diabetes")
    context.set_offline(False)
    medical.get_by_role("button", name="Save medical").click()
    expect(page.locator("#medical [data-status]")).to_have_text(SAVED)

    risk = page.locator("#risk")
    risk.get_by_label("The person themselves").check()
    for number in range(1, 7):
        risk.locator("fieldset", has_text=f"{number}. ").first.get_by_label("No", exact=True).check()
    risk.get_by_role("button", name="Save risk screen").click()
    expect(page.locator("#risk [data-status]")).to_have_text(SAVED)
    expect(page.locator(".crisis-card")).to_have_count(0)

    # An error is shown in the section, accessibly, and what was typed stays.
    level = page.locator("#level")
    level.get_by_label("Another level", exact=True).select_option(label="Medical detox")
    level.get_by_role("button", name="Save provisional level of care").click()
    expect(level.get_by_role("alert")).to_contain_text("Nothing in this section was saved yet")
    assert_no_violations(page, f"screen with an error at {viewport}")
    assert page.url == url

    # What was saved is there on opening the page again.
    page.goto(url)
    expect(page.get_by_label("Reason for calling, in their words")).to_have_value("My drinking is out of control")
    expect(page.get_by_label("Medical conditions")).to_have_value("Type 2 diabetes")
    screen = services.screen_of(inquiry.pk)
    assert (screen.reasonsection.reason, screen.medicalsection.conditions) == (
        "My drinking is out of control",
        "Type 2 diabetes",
    )
    assert screen.risksection.risk_level == "none"
    context.close()
