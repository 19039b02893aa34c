"""Choosing Medi-Cal or Medicare on the insurance form shows at once whether the center takes it (the
demo does not), in both languages, at phone and desktop widths; the costs page and the form with its
note shown pass axe."""

import pytest
from playwright.sync_api import expect

from .test_accessibility import VIEWPORTS, assert_no_violations

NOTE = {
    "": ("No. We do not accept Medi-Cal. We accept: Private insurance, TRICARE, self-pay.", "Medicare"),
    "/es": ("No. No aceptamos Medi-Cal. Aceptamos: Seguro médico privado, TRICARE, pago propio.", "Medicare"),
}


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("prefix", ["", "/es"])
def test_choosing_medi_cal_says_at_once_what_the_center_accepts(browser, site, viewport, prefix):
    context = browser.new_context(viewport=VIEWPORTS[viewport])
    page = context.new_page()
    page.goto(f"{site}{prefix}/costs-and-coverage/")
    assert_no_violations(page, f"costs page{prefix} at {viewport}")
    page.goto(f"{site}{prefix}/insurance/verify/")
    medi_cal, medicare = page.locator("#payer-note-medi_cal"), page.locator("#payer-note-medicare")
    expect(medi_cal).to_be_hidden()
    expect(medicare).to_be_hidden()
    page.locator("#id_carrier").select_option("medi_cal")
    expect(medi_cal).to_be_visible()
    expect(medi_cal.locator("p.payer-answer")).to_have_text(NOTE[prefix][0])
    expect(medicare).to_be_hidden()
    expect(page.locator("#payer-notes")).to_have_attribute("aria-live", "polite")
    assert_no_violations(page, f"verify with the Medi-Cal note{prefix} at {viewport}")
    page.locator("#id_carrier").select_option("aetna")
    expect(medi_cal).to_be_hidden()
    context.close()
