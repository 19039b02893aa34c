"""Where the keyboard and the eyes are after a section of the screen saves without reloading: on the
crisis card when it first appears (thousands of pixels above), else on the saved section's status."""

import re

import pytest
from playwright.sync_api import expect

from demo.screening import load_risk_screen
from screening import services
from screening.models import Substance

from ..factories import InquiryFactory, LevelFactory, UserFactory
from .test_flows import log_in
from .test_screen import SAVED


@pytest.fixture
def inquiry(transactional_db):
    UserFactory(username="coordinator", group="Admissions")
    load_risk_screen()
    Substance.objects.get_or_create(name="Alcohol", defaults={"position": 1, "withdrawal_red_flag": True})
    LevelFactory(name="Medical detox", short_name="Detox", slug="medical-detox")
    return InquiryFactory(name="Jordan Caller")


def answer_risk(page, yes):
    risk = page.locator("#risk")
    risk.get_by_label("The caller, on their behalf").check()
    questions = risk.locator(".screen-question")
    for number in range(1, 7):
        # The question's own buttons (the first group in its box), not its follow-up's.
        questions.nth(number - 1).get_by_label("Yes" if number in yes else "No", exact=True).first.check()
    risk.get_by_role("button", name="Save risk screen").click()


def test_the_crisis_card_takes_focus_when_it_appears_and_says_when_the_email_went(
    page, live_server, inquiry, monkeypatch
):
    monkeypatch.setattr(services, "_enqueue_on_call", lambda screen_id: None)  # the e-mail not sent yet
    log_in(page, live_server.url, "coordinator")
    page.goto(f"{live_server.url}/admin/screening/screen/{inquiry.pk}/")
    answer_risk(page, yes={1, 2, 4})
    card = page.locator("#crisis-card")
    expect(card).to_be_focused()
    expect(card).to_be_in_viewport()
    expect(page.locator("#risk .screen-crisis-notice")).to_have_text(
        "Crisis card shown at the top of the page: go to it."
    )
    expect(page.locator("#risk [data-status]")).to_have_text(SAVED)
    on_call = page.locator("#crisis-on-call")
    expect(on_call).to_have_text(
        "Notify the clinician on call: an e-mail with a link to this screen is being sent. Until this card says "
        "it was sent, call them."
    )
    services.notify_on_call.call(services.screen_of(inquiry.pk).pk)
    sent = services.screen_of(inquiry.pk).on_call_notified_at
    expect(on_call).to_have_text(
        re.compile(r"^Notify the clinician on call: they were e-mailed a link to this screen at \d{1,2}:\d\d [AP]M\.$"),
        timeout=12000,
    )
    assert sent is not None


def test_focus_stays_on_the_saved_section_after_a_save(page, live_server, inquiry):
    log_in(page, live_server.url, "coordinator")
    page.goto(f"{live_server.url}/admin/screening/screen/{inquiry.pk}/")
    page.get_by_label("Reason for calling, in their words").fill("My drinking is out of control")
    page.keyboard.press("Tab")  # to the Save button, by keyboard
    expect(page.get_by_role("button", name="Save reason for calling")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("#reason [data-status]")).to_have_text(SAVED)
    expect(page.get_by_role("button", name="Save reason for calling")).to_be_focused()
    # The next Tab goes on to the next section, not back to the top of the page.
    page.keyboard.press("Tab")
    expect(page.get_by_label("Uses alcohol")).to_be_focused()

    # An error: focus on its summary, as before.
    page.get_by_label("Another level", exact=True).select_option(label="Medical detox")
    page.get_by_role("button", name="Save provisional level of care").focus()
    page.keyboard.press("Enter")
    expect(page.locator("#level .screen-error-summary")).to_be_focused()
