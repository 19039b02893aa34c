"""The screen's typed text survives the idle timeout as the inquiry page's does (staff/kept-text.js):
typing is activity, text typed when the session ended is put back after signing in again, and a save
that meets an ended session says so and succeeds once the person has signed in again elsewhere."""

import pytest
from playwright.sync_api import expect

from intake.models import Inquiry
from screening import services

from ..factories import UserFactory
from .test_kept_notes import IDLE_SECONDS, PAST_THE_LIMIT_MS, PUT_BACK, kept_in_the_tab, sign_in_here
from .test_screen import SAVED

REASON = "My drinking is out of control"


@pytest.fixture
def inquiry(transactional_db, settings):
    settings.STAFF_SESSION_IDLE_SECONDS = IDLE_SECONDS
    UserFactory(username="dana", group="Admissions")
    return Inquiry.objects.create(name="Kept Person", phone="+18185550166", consent_text="ok")


def test_typing_on_the_screen_keeps_the_session_alive(page, live_server, inquiry):
    path = f"/admin/screening/screen/{inquiry.pk}/"
    page.goto(live_server.url + path)
    sign_in_here(page, "dana")
    pings = []
    page.on("request", lambda request: pings.append(request.method) if request.url.endswith("/keep-alive/") else None)
    reason = page.get_by_label("Reason for calling, in their words")
    reason.click()
    for _ in range(2 * IDLE_SECONDS):  # twice the idle limit, typing all along
        reason.press_sequentially("word ")
        page.wait_for_timeout(1000)
    assert len(pings) >= 3 and set(pings) == {"POST"}
    page.get_by_role("button", name="Save reason for calling").click()
    expect(page.locator("#reason [data-status]")).to_have_text(SAVED)
    assert services.screen_of(inquiry.pk).reasonsection.reason == "word " * (2 * IDLE_SECONDS - 1) + "word"


def test_text_typed_when_the_session_ended_is_put_back_after_signing_in(page, live_server, inquiry):
    path = f"/admin/screening/screen/{inquiry.pk}/"
    page.goto(live_server.url + path)
    sign_in_here(page, "dana")
    page.get_by_label("Reason for calling, in their words").fill(REASON)
    page.wait_for_timeout(PAST_THE_LIMIT_MS)  # no typing: the session ends
    page.get_by_role("button", name="Save reason for calling").click()

    expect(page).to_have_url(f"{live_server.url}/admin/login/?next={path}")
    sign_in_here(page, "dana")
    expect(page).to_have_url(live_server.url + path)
    notice = page.locator("#reason form .kept-text-notice")
    expect(notice).to_have_text(PUT_BACK.format("Save reason for calling"))
    expect(notice).to_be_focused()
    expect(page.get_by_label("Reason for calling, in their words")).to_have_value(REASON)
    expect(page.locator(".kept-text-notice")).to_have_count(1)
    assert services.screen_of(inquiry.pk).reasonsection.reason == ""  # put back, not sent

    page.get_by_role("button", name="Save reason for calling").click()
    expect(page.locator("#reason [data-status]")).to_have_text(SAVED)
    assert services.screen_of(inquiry.pk).reasonsection.reason == REASON
    assert kept_in_the_tab(page) == []


def test_a_save_that_meets_an_ended_session_says_so_and_saves_after_signing_in_elsewhere(browser, live_server, inquiry):
    path = f"/admin/screening/screen/{inquiry.pk}/"
    context = browser.new_context()
    old_tab = context.new_page()
    old_tab.goto(live_server.url + path)
    sign_in_here(old_tab, "dana")
    old_tab.get_by_label("Reason for calling, in their words").fill(REASON)
    old_tab.wait_for_timeout(PAST_THE_LIMIT_MS)
    # The check before sending answers "signed in" (as if the session ended a moment after it).
    old_tab.route("**/admin/keep-alive/", lambda route: route.fulfill(status=204))
    old_tab.get_by_role("button", name="Save reason for calling").click()
    status = old_tab.locator("#reason [data-status]")
    expect(status).to_have_text(
        "Reason for calling: not saved. Your session ended: sign in again in another tab, then save again."
    )
    expect(old_tab.get_by_label("Reason for calling, in their words")).to_have_value(REASON)
    assert (
        old_tab.evaluate("JSON.parse(sessionStorage.getItem(`kept-text:${location.pathname}`)).forms")[
            f"action:/admin/screening/screen/{inquiry.pk}/save/reason/"
        ]["state"]
        == "kept"
    )

    new_tab = context.new_page()
    new_tab.goto(live_server.url + "/admin/")
    sign_in_here(new_tab, "dana")  # a new CSRF token: the old tab's is refused now
    old_tab.get_by_role("button", name="Save reason for calling").click()
    expect(status).to_have_text(SAVED)
    expect(status).to_have_class("screen-saved")
    assert services.screen_of(inquiry.pk).reasonsection.reason == REASON
    assert old_tab.evaluate("Object.keys(sessionStorage)") == []
    context.close()
