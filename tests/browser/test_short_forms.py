"""Issue 25's forms in Chromium, on a phone and a desktop, in English and Spanish: an inquiry from the home page
in three inputs, a date of birth typed on a number pad, tap targets of 24 px and help beside fields."""

import re

import pytest
from playwright.sync_api import expect

from intake.models import Inquiry, InsuranceVerification

from .test_accessibility import assert_no_violations

VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 800}}
# Where the contact form's button was before issue 25, at 390 px: 2,138 px down the page.
OLD_BUTTON_TOP = 2138
WORDS = {
    "en": {
        "home": "/", "contact": "Contact", "name": "First name", "phone": "Phone", "consent": "I agree that",
        "send": "Send to admissions", "thanks": "Thank you. We have your message.",
        "callback": "we'll call from (818) 431-2224 within 15 minutes. Save the number.",
    },
    "es": {
        "home": "/es/", "contact": "Contacto", "name": "Nombre", "phone": "Teléfono", "consent": "Acepto que",
        "send": "Enviar a admisiones", "thanks": "Gracias. Recibimos su mensaje.",
        "callback": "le llamaremos desde el (818) 431-2224 en menos de 15 minutos. Guarde el número.",
    },
}  # fmt: skip


def boxes_smaller_than_24_px(page, form):
    """The visible controls of the form whose box is under 24 x 24 CSS pixels."""
    return page.evaluate(
        """form => [...document.querySelectorAll(`${form} input:not([type=hidden]), ${form} select,
                     ${form} textarea, ${form} button, ${form} a[href]`)]
            .filter(e => e.offsetParent && !e.closest('.form-honeypot'))
            .map(e => [e.name || e.id || e.textContent.trim(), e.getBoundingClientRect()])
            .filter(([, box]) => box.width < 24 || box.height < 24)
            .map(([name, box]) => `${name}: ${box.width}x${box.height}`)""",
        form,
    )


@pytest.mark.parametrize("language", WORDS)
@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_an_inquiry_from_the_home_page_in_three_inputs(browser, site, viewport, language):
    words = WORDS[language]
    context = browser.new_context(viewport=VIEWPORTS[viewport])
    page = context.new_page()
    page.goto(site + words["home"])
    page.get_by_role("link", name=words["contact"], exact=True).first.click()
    expect(page).to_have_url(re.compile(r"/contact/$"))
    send = page.locator("#submit-id-submit")
    button_top = send.bounding_box()["y"] + page.evaluate("scrollY")
    assert button_top < OLD_BUTTON_TOP / 1.5, button_top
    assert not boxes_smaller_than_24_px(page, "#inquiry-form")
    consent = page.get_by_label(words["consent"], exact=False)
    box = consent.bounding_box()
    assert box["width"] >= 24 and box["height"] >= 24, box
    touched = []

    def touch(control, value=None):
        touched.append(control)
        control.fill(value) if value is not None else control.check()

    touch(page.get_by_label(re.compile(rf"^\s*{words['name']}\*?\s*$")), "Robin")
    touch(page.get_by_role("textbox", name=words["phone"], exact=True), "818 555 0177")
    touch(consent)
    send.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(words["thanks"])
    expect(page.locator("#callback-promise p").first).to_contain_text(words["callback"])
    expect(page.locator("#callback-promise a[href='tel:+18184312224']")).to_be_visible()
    assert len(touched) == 3
    inquiry = Inquiry.objects.get(name="Robin")
    assert (str(inquiry.phone), inquiry.language, inquiry.voicemail_ok) == ("+18185550177", language, "unanswered")
    context.close()


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_the_date_of_birth_takes_digits_typed_in_three_boxes(browser, site, viewport):
    context = browser.new_context(viewport=VIEWPORTS[viewport])
    page = context.new_page()
    page.goto(site + "/insurance/verify/")
    assert not boxes_smaller_than_24_px(page, "#verification-form")
    birth = page.get_by_role("group", name="Date of birth of the person who needs care")
    for box in birth.get_by_role("textbox").all():
        expect(box).to_have_attribute("inputmode", "numeric")
    member_id = page.get_by_label("Member ID")
    for name, value in (("autocapitalize", "characters"), ("spellcheck", "false"), ("autocomplete", "off")):
        expect(member_id).to_have_attribute(name, value)
    page.get_by_label(re.compile(r"^\s*First name\*?\s*$")).fill("Robin")
    page.get_by_label("Phone", exact=True).fill("(818) 555-0199")
    page.locator("#id_carrier").select_option(label="Cigna")
    member_id.fill("U99887766")
    # Month typed, then the year left out: one message, what was typed kept.
    birth.get_by_label("Month").press_sequentially("3")
    birth.get_by_label("Day").press_sequentially("14")
    page.get_by_label("I agree that the admissions team may contact me").check()
    page.get_by_role("button", name="Ask us to check my benefits").click()
    expect(page.locator("#error-summary li")).to_have_text(["Date of birth must include a year"])
    assert_no_violations(page, f"verify with a date error at {viewport}")
    birth = page.get_by_role("group", name="Date of birth of the person who needs care")
    expect(birth.get_by_label("Month")).to_have_value("3")
    expect(birth.get_by_label("Day")).to_have_value("14")
    birth.get_by_label("Year").press_sequentially("1990")
    page.get_by_label("I agree that the admissions team may contact me").check()
    page.get_by_role("button", name="Ask us to check my benefits").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you. We will check your benefits.")
    (verification,) = [v for v in InsuranceVerification.objects.all() if v.member_id == "U99887766"]
    assert verification.patient_birth_date.isoformat() == "1990-03-14"
    context.close()


def test_spanish_date_boxes_are_month_day_year_and_labelled_in_spanish(page, site):
    page.set_viewport_size(VIEWPORTS["phone"])
    page.goto(site + "/es/insurance/verify/")
    birth = page.get_by_role("group", name="Fecha de nacimiento de la persona que necesita atención")
    assert birth.locator("label").all_inner_texts() == ["Mes", "Día", "Año"]
    assert birth.locator("input").evaluate_all("boxes => boxes.map(b => b.name)") == [
        "patient_birth_date_month",
        "patient_birth_date_day",
        "patient_birth_date_year",
    ]


HELPED = [("/contact/", "name"), ("/insurance/verify/", "member_id"), ("/insurance/verify/", "card_front")]


def test_on_a_desktop_help_sits_beside_its_field_and_on_a_phone_below_it(browser, site):
    for viewport, beside in (("desktop", True), ("phone", False)):
        context = browser.new_context(viewport=VIEWPORTS[viewport])
        page = context.new_page()
        for path, name in HELPED:
            page.goto(site + path)
            field = page.locator(f"#id_{name}").bounding_box()
            help_text = page.locator(f"#id_{name}_helptext").bounding_box()
            if beside:
                assert help_text["x"] >= field["x"] + field["width"], name
                assert help_text["y"] < field["y"] + field["height"], name
            else:
                assert (help_text["y"] >= field["y"] + field["height"], help_text["x"]) == (True, field["x"]), name
            assert page.evaluate("document.documentElement.scrollWidth") <= VIEWPORTS[viewport]["width"]
        context.close()
