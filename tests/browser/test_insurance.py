"""A visitor asks to verify their insurance on a phone, with both card photos; a coordinator does it."""

from io import BytesIO

from PIL import Image
from playwright.sync_api import expect

from intake.models import InsuranceVerification

from ..factories import UserFactory
from .test_accessibility import assert_no_violations
from .test_flows import log_in


def card_photo(colour):
    out = BytesIO()
    Image.new("RGB", (1000, 630), colour).save(out, "JPEG")
    return out.getvalue()


def test_a_verification_sent_from_a_phone_and_completed_by_a_coordinator(browser, site):
    phone = browser.new_context(viewport={"width": 390, "height": 844})
    page = phone.new_page()
    page.goto(site + "/")
    page.get_by_role("link", name="Check my insurance").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Verify your insurance")
    page.get_by_label("First name").fill("Robin")
    page.get_by_label("Phone", exact=True).fill("(818) 555-0199")
    page.locator("#id_carrier").select_option(label="Cigna")
    page.get_by_label("Member ID").fill("U99887766")
    birth = page.get_by_role("group", name="Date of birth of the person who needs care")
    for part, typed in (("Month", "7"), ("Day", "4"), ("Year", "1988")):  # as a number pad types them
        birth.get_by_label(part).press_sequentially(typed)
    page.get_by_label("Photo of the front of your card (optional)").set_input_files(
        {"name": "front.jpg", "mimeType": "image/jpeg", "buffer": card_photo("navy")}
    )
    page.get_by_label("Photo of the back of your card (optional)").set_input_files(
        {"name": "back.jpg", "mimeType": "image/jpeg", "buffer": card_photo("gray")}
    )
    page.get_by_label("I agree that the admissions team may contact me").check()
    page.get_by_role("button", name="Ask us to check my benefits").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you. We will check your benefits.")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    phone.close()

    # The member ID is encrypted: it can be read, not searched for.
    verification = next(v for v in InsuranceVerification.objects.all() if v.member_id == "U99887766")
    assert verification.cards.count() == 2

    UserFactory(username="coordinator", group="Admissions")
    desk = browser.new_context(viewport={"width": 1280, "height": 900})
    page = desk.new_page()
    log_in(page, site, "coordinator")
    page.goto(site + "/admin/intake/insuranceverification/?status__exact=requested")
    page.get_by_role("link", name=f"#{verification.pk}", exact=True).click()
    expect(page.locator(".field-member_id_shown")).to_contain_text("•••••7766")
    assert_no_violations(page, "verification in the queue")
    with page.expect_popup() as popup:
        page.get_by_role("link", name="Front of the card").click()
    assert popup.value.evaluate("document.images[0].naturalWidth") == 1000
    page.locator("#id_status").select_option(label="Verified")
    page.locator("#id_result").select_option(label="In network")
    page.locator("#id_plan_type").select_option(label="PPO")
    page.locator("#id_deductible").fill("2000")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    verification.refresh_from_db()
    assert verification.status == "verified" and verification.completed_by.username == "coordinator"
    desk.close()
