"""A note typed through a long call survives the idle timeout, in Chromium with a short idle limit:
typing keeps the session alive, and what was typed when it did end is put back after signing in
again, on the same page, never sent without the person pressing the button again."""

import re
import time

import pytest
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from playwright.sync_api import expect

from intake.models import Inquiry

from ..factories import UserFactory
from .test_accessibility import VIEWPORTS, assert_no_violations

IDLE_SECONDS = 6
PAST_THE_LIMIT_MS = (IDLE_SECONDS + 3) * 1000
NOTE = "Spoke with her mother for 40 minutes.\nAsked about detox and the IOP schedule; call back at 6."
PUT_BACK = "Your unsaved text was put back. Check it and press “{}” again."


@pytest.fixture
def inquiry(transactional_db, settings):
    settings.STAFF_SESSION_IDLE_SECONDS = IDLE_SECONDS
    return Inquiry.objects.create(name="Kept Person", phone="+18185550166", consent_text="ok")


def sign_in_here(page, username, code=None):
    """Signs in on the sign-in page shown now (and gives a recovery code at the second step)."""
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill("a-strong-test-pass")
    with page.expect_navigation():
        page.get_by_role("button", name="Log in").click()
    if code:
        page.get_by_label("Code").fill(code)
        with page.expect_navigation():
            page.get_by_role("button", name="Sign in").click()
    # The page's own scripts (deferred, at its foot) run before "load": a form filled and sent earlier
    # would go out without them, as with no JavaScript.
    page.wait_for_load_state("load")


def kept_in_the_tab(page):
    return page.evaluate("Object.keys(sessionStorage)")


def test_a_note_typed_when_the_session_ended_is_put_back_after_two_step_sign_in(page, live_server, inquiry, settings):
    settings.STAFF_REQUIRE_2FA = True
    user = UserFactory(username="dana", group="Admissions")
    codes = StaticDevice.objects.create(user=user, name="Recovery codes")
    StaticToken.objects.bulk_create(StaticToken(device=codes, token=token) for token in ("first111", "second22"))
    path = f"/admin/intake/inquiry/{inquiry.pk}/change/"
    requests = []
    page.on("request", lambda request: requests.append((request.url, request.post_data or "")))

    page.goto(live_server.url + path)
    sign_in_here(page, "dana", code="first111")
    expect(page).to_have_url(live_server.url + path)
    page.get_by_label("Outcome").select_option("voicemail")
    page.get_by_label("Note", exact=True).fill(NOTE)
    page.wait_for_timeout(PAST_THE_LIMIT_MS)  # no typing: the session ends
    page.get_by_role("button", name="Log it").click()

    # Sent to sign in, with the page's own path to come back to (not the address the form posts to).
    expect(page).to_have_url(f"{live_server.url}/admin/login/?next={path}")
    assert inquiry.notes.count() == 0
    # The sign-in page says why, and that nothing is lost (never what was typed).
    expect(page.locator(".kept-text-sign-in li")).to_have_text(
        "Your session ended after a while without activity. What you were typing is kept in this tab: sign in "
        "again and it is put back on the same page, for you to check and send. Do not close this tab."
    )
    assert_no_violations(page, "sign-in page with kept text")
    sign_in_here(page, "dana", code="second22")
    expect(page).to_have_url(live_server.url + path)
    notice = page.locator("form.log-contact .kept-text-notice")
    expect(notice).to_have_text(PUT_BACK.format("Log it"))
    expect(notice).to_be_focused()
    expect(page.get_by_label("Note", exact=True)).to_have_value(NOTE)
    expect(page.get_by_label("Outcome")).to_have_value("voicemail")
    expect(page.locator(".kept-text-notice")).to_have_count(1)  # the details form had nothing typed
    assert inquiry.notes.count() == 0  # put back, not sent

    # Nothing typed has gone to the server yet, in an address or a body.
    assert not any("Spoke" in url or "Spoke" in body for url, body in requests)
    for viewport in ("phone", "desktop"):
        page.set_viewport_size(VIEWPORTS[viewport])
        assert_no_violations(page, f"inquiry page with a note put back at {viewport}")

    page.reload()  # still kept until it is sent (axe may have taken longer than the idle limit)
    if page.url.startswith(f"{live_server.url}/admin/login/"):
        pytest.fail("the session ended while axe ran: raise IDLE_SECONDS")
    expect(page.get_by_label("Note", exact=True)).to_have_value(NOTE)
    page.get_by_role("button", name="Log it").click()
    expect(page.locator(".messagelist")).to_contain_text("Contact logged.")
    expect(page.locator("#timeline")).to_contain_text("Spoke with her mother for 40 minutes.")
    # Once, as typed (a browser sends a textarea's line breaks as CRLF).
    assert list(inquiry.notes.values_list("text", flat=True)) == [NOTE.replace("\n", "\r\n")]
    expect(page.locator(".kept-text-notice")).to_have_count(0)
    expect(page.get_by_label("Note", exact=True)).to_have_value("")
    assert kept_in_the_tab(page) == []


def test_typing_keeps_the_session_alive_and_an_unattended_page_still_times_out(page, live_server, inquiry):
    UserFactory(username="dana", group="Admissions")
    path = f"/admin/intake/inquiry/{inquiry.pk}/change/"
    page.goto(live_server.url + path)
    sign_in_here(page, "dana")
    pings = []
    page.on("request", lambda request: pings.append(request.method) if request.url.endswith("/keep-alive/") else None)

    note = page.get_by_label("Note", exact=True)
    note.click()
    started = time.monotonic()
    for _ in range(2 * IDLE_SECONDS):  # twice the idle limit, typing all along
        note.press_sequentially("word ")
        page.wait_for_timeout(1000)
    # At most one ping per fifth of the idle limit while typing (a loaded machine types more slowly).
    most = (time.monotonic() - started) / (IDLE_SECONDS / 5) + 1
    assert 3 <= len(pings) <= most and set(pings) == {"POST"}
    page.get_by_label("Kind").select_option("note")
    page.get_by_role("button", name="Log it").click()
    expect(page.locator(".messagelist")).to_contain_text("Contact logged.")
    assert list(inquiry.notes.values_list("text", flat=True)) == ["word " * (2 * IDLE_SECONDS - 1) + "word"]

    # Unsaved text with no typing: no pings, and the session ends; reloading keeps the text.
    page.get_by_label("Kind").select_option("note")
    note.fill("Second call: no answer.")
    page.wait_for_timeout(1500)  # the one ping for that typing
    pings.clear()
    page.wait_for_timeout(PAST_THE_LIMIT_MS)
    assert pings == []
    page.goto(live_server.url + path)  # opened again (a reload, a link) after the session ended
    expect(page).to_have_url(f"{live_server.url}/admin/login/?next={path}")
    sign_in_here(page, "dana")
    expect(page).to_have_url(live_server.url + path)
    expect(page.locator("form.log-contact .kept-text-notice")).to_have_text(PUT_BACK.format("Log it"))
    expect(note).to_have_value("Second call: no answer.")
    expect(page.get_by_label("Kind")).to_have_value("note")
    assert inquiry.notes.count() == 1


def test_a_form_sent_as_the_session_ended_is_kept_and_brings_the_person_back_to_the_page(page, live_server, inquiry):
    UserFactory(username="dana", group="Admissions")
    path = f"/admin/intake/inquiry/{inquiry.pk}/change/"
    page.goto(live_server.url + path)
    sign_in_here(page, "dana")
    page.get_by_label("Outcome").select_option("reached")
    page.get_by_label("Note", exact=True).fill("Reached her at work.")
    page.wait_for_timeout(PAST_THE_LIMIT_MS)
    # The check before sending answers "signed in" (as if the session ended a moment after it).
    page.route("**/admin/keep-alive/", lambda route: route.fulfill(status=204))
    page.get_by_role("button", name="Log it").click()

    # The admin asks to sign in with the form's own address as `next`; the page points it back here.
    expect(page).to_have_url(f"{live_server.url}/admin/login/?next=/admin/intake/inquiry/{inquiry.pk}/log-contact/")
    expect(page.locator("#login-form input[name=next]")).to_have_value(path)
    page.unroute("**/admin/keep-alive/")
    sign_in_here(page, "dana")
    expect(page).to_have_url(live_server.url + path)
    expect(page.locator("form.log-contact .kept-text-notice")).to_have_text(PUT_BACK.format("Log it"))
    expect(page.get_by_label("Note", exact=True)).to_have_value("Reached her at work.")
    expect(page.get_by_label("Outcome")).to_have_value("reached")
    assert inquiry.notes.count() == 0


def test_details_typed_are_kept_for_the_same_person_only_and_erased_on_sign_out(browser, live_server, inquiry):
    UserFactory(username="dana", group="Admissions")
    UserFactory(username="sam", group="Admissions")
    path = f"/admin/intake/inquiry/{inquiry.pk}/change/"
    context = browser.new_context()
    page = context.new_page()
    page.goto(live_server.url + path)
    sign_in_here(page, "dana")
    page.locator("#id_message").fill("Prefers evening calls.")
    page.wait_for_timeout(PAST_THE_LIMIT_MS)
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page).to_have_url(f"{live_server.url}/admin/login/?next={path}")

    # Dana signs in again: her details are back, with the details form's own button named.
    sign_in_here(page, "dana")
    expect(page.locator("#inquiry_form .kept-text-notice")).to_have_text(PUT_BACK.format("Save"))
    expect(page.locator("#id_message")).to_have_value("Prefers evening calls.")
    inquiry.refresh_from_db()
    assert inquiry.message == ""

    # She signs out: the kept copy is erased with it.
    page.get_by_role("button", name="Log out").click()
    expect(page.get_by_text("Log in again")).to_be_visible()
    assert kept_in_the_tab(page) == []
    page.goto(live_server.url + path)
    sign_in_here(page, "dana")
    expect(page).to_have_url(live_server.url + path)
    expect(page.locator("#id_message")).to_have_value("")
    expect(page.locator(".kept-text-notice")).to_have_count(0)

    # Typed again and timed out; Sam signs in at the same tab: he does not see Dana's text.
    page.locator("#id_message").fill("Prefers evening calls.")
    page.wait_for_timeout(PAST_THE_LIMIT_MS)
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page).to_have_url(re.compile(r"/admin/login/\?next="))
    sign_in_here(page, "sam")
    expect(page).to_have_url(live_server.url + path)
    expect(page.locator("#id_message")).to_have_value("")
    expect(page.locator(".kept-text-notice")).to_have_count(0)
    assert kept_in_the_tab(page) == []
    context.close()


def test_a_page_left_open_while_its_person_signed_in_again_in_another_tab(browser, live_server, inquiry):
    # Signing in again gives a new CSRF token: the old tab's form would be refused (the bare 403).
    UserFactory(username="dana", group="Admissions")
    path = f"/admin/intake/inquiry/{inquiry.pk}/change/"
    context = browser.new_context()
    old_tab = context.new_page()
    old_tab.goto(live_server.url + path)
    sign_in_here(old_tab, "dana")
    old_tab.get_by_label("Outcome").select_option("voicemail")
    old_tab.get_by_label("Note", exact=True).fill("Left a voicemail.")
    old_tab.wait_for_timeout(PAST_THE_LIMIT_MS)
    new_tab = context.new_page()
    new_tab.goto(live_server.url + "/admin/")
    sign_in_here(new_tab, "dana")
    expect(new_tab).to_have_url(live_server.url + "/admin/")

    old_tab.get_by_role("button", name="Log it").click()
    expect(old_tab).to_have_url(live_server.url + path)  # opened again, signed in: no sign-in page
    expect(old_tab.locator("form.log-contact .kept-text-notice")).to_have_text(PUT_BACK.format("Log it"))
    expect(old_tab.get_by_label("Note", exact=True)).to_have_value("Left a voicemail.")
    assert inquiry.notes.count() == 0
    old_tab.get_by_role("button", name="Log it").click()
    expect(old_tab.locator(".messagelist")).to_contain_text("Contact logged.")
    assert list(inquiry.notes.values_list("text", flat=True)) == ["Left a voicemail."]
    context.close()


def test_a_check_that_keeps_failing_on_a_signed_in_page_lets_the_form_go(page, live_server, inquiry):
    UserFactory(username="dana", group="Admissions")
    path = f"/admin/intake/inquiry/{inquiry.pk}/change/"
    page.goto(live_server.url + path)
    sign_in_here(page, "dana")
    page.route("**/admin/keep-alive/", lambda route: route.fulfill(status=403, body="Forbidden"))
    page.get_by_label("Outcome").select_option("voicemail")
    page.get_by_label("Note", exact=True).fill("Left a voicemail.")
    page.get_by_role("button", name="Log it").click()
    expect(page.locator("form.log-contact .kept-text-notice")).to_have_text(PUT_BACK.format("Log it"))
    # Opened again once; the second press sends the form rather than opening the page again.
    page.get_by_role("button", name="Log it").click()
    expect(page.locator(".messagelist")).to_contain_text("Contact logged.")
    assert list(inquiry.notes.values_list("text", flat=True)) == ["Left a voicemail."]
