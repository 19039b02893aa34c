"""The Spanish site in Chromium: a person switches to Spanish, is told in Spanish what to fix, and their
inquiry reaches the inbox marked Spanish; axe on every Spanish page type at phone and desktop widths."""

import re

import pytest
from playwright.sync_api import expect

from intake.models import Inquiry

from ..factories import UserFactory
from .test_accessibility import PAGES, VIEWPORTS, assert_no_violations
from .test_flows import log_in


def test_a_spanish_inquiry_from_a_phone_reaches_the_inbox_marked_spanish(browser, site):
    context = browser.new_context(viewport=VIEWPORTS["phone"])
    page = context.new_page()
    page.goto(site + "/contact/")
    page.get_by_role("link", name="Hablamos español").click()
    expect(page).to_have_url(re.compile(r"/es/contact/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Contactar a admisiones")
    expect(page.locator("html")).to_have_attribute("lang", "es")
    page.get_by_label(re.compile(r"Algo más que quiera contarnos")).fill("Mi hijo necesita ayuda.")
    page.get_by_role("button", name="Enviar a admisiones").click()
    summary = page.locator("#error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Todo lo que escribió sigue aquí")
    expect(summary).to_contain_text("Su nombre: Escriba su nombre. Basta con el nombre de pila.")
    expect(summary).to_contain_text("Escriba un número de teléfono, un correo electrónico más abajo, o ambos")
    expect(page.get_by_label(re.compile(r"Algo más que quiera contarnos"))).to_have_value("Mi hijo necesita ayuda.")
    assert_no_violations(page, "Spanish contact with errors at phone")
    page.get_by_label(re.compile(r"Su nombre")).fill("Lucía Torres")
    page.get_by_label(re.compile(r"^\s*Teléfono\s*$")).fill("818 555 0188")
    page.get_by_label("Acepto que el equipo de admisiones me contacte", exact=False).check()
    page.get_by_role("button", name="Enviar a admisiones").click()
    expect(page).to_have_url(re.compile(r"/es/contact/thanks/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Gracias. Recibimos su mensaje.")
    inquiry = Inquiry.objects.get(name="Lucía Torres")
    assert inquiry.language == "es" and inquiry.message == "Mi hijo necesita ayuda."
    context.close()

    UserFactory(username="coordinator", group="Admissions")
    staff = browser.new_context(viewport=VIEWPORTS["desktop"])
    page = staff.new_page()
    log_in(page, site, "coordinator")
    page.goto(site + "/admin/intake/inquiry/?language__exact=es")
    row = page.locator("#result_list tbody tr", has_text="Lucía Torres")
    expect(row.locator("td.field-language")).to_have_text("Spanish")
    expect(page.locator("#result_list tbody tr")).to_have_count(Inquiry.objects.inbox().filter(language="es").count())
    row.get_by_role("link", name="Lucía Torres").click()
    expect(page.locator(".workspace")).to_contain_text("Spanish: call back in Spanish")
    staff.close()


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_spanish_pages_have_no_wcag_violations(browser, site, viewport):
    context = browser.new_context(viewport=VIEWPORTS[viewport])
    page = context.new_page()
    for name, path in PAGES.items():
        page.goto(f"{site}/es{path}")
        expect(page.locator("html")).to_have_attribute("lang", "es")
        assert_no_violations(page, f"Spanish {name} at {viewport}")
    page.goto(site + "/es/insurance/verify/")
    page.get_by_role("button", name="Pedir que revisen mis beneficios").click()
    page.locator("#error-summary").wait_for()
    assert_no_violations(page, f"Spanish insurance form with errors at {viewport}")
    context.close()
