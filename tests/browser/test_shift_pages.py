"""The admissions pages a shift changed, in Chromium at phone and desktop widths: the admin home's
"Waiting now", the inbox's queues, Add inquiry (how it reached you, the known-number warning) and the
insurance verifications naming the person. No sideways page scroll, no axe violations."""

import pytest
from playwright.sync_api import expect

from intake.models import Inquiry, InsuranceVerification

from ..factories import UserFactory
from .test_accessibility import VIEWPORTS, assert_no_violations
from .test_flows import log_in
from .test_staff_workspace import page_scrolls_sideways


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_the_shift_pages_fit_the_screen_and_pass_axe(browser, site, viewport):
    UserFactory(username=f"shift-{viewport}", group="Admissions")
    known = Inquiry.objects.exclude(phone="").filter(status__in=["new", "contacted"]).first()
    verification = InsuranceVerification.objects.secrets_withheld().first()
    context = browser.new_context(viewport=VIEWPORTS[viewport])
    page = context.new_page()
    log_in(page, site, f"shift-{viewport}")

    page.goto(site + "/admin/")
    expect(page.get_by_role("heading", name="Waiting now")).to_be_visible()
    assert not page_scrolls_sideways(page), "the admin home scrolls sideways"
    assert_no_violations(page, f"admin home at {viewport}")

    page.goto(site + "/admin/intake/inquiry/")
    queues = page.get_by_role("navigation", name="Queues")
    expect(queues.get_by_role("link", name="Every open one")).to_have_attribute("aria-current", "page")
    expect(queues).to_be_in_viewport()  # above the list, on a phone too
    assert_no_violations(page, f"inbox at {viewport}")

    page.goto(site + "/admin/intake/inquiry/add/")
    page.get_by_label("Phone:").fill(str(known.phone.as_national))
    page.get_by_label("Phone:").blur()
    expect(page.get_by_role("link", name=f"#{known.pk}").first).to_be_visible(timeout=10_000)
    assert not page_scrolls_sideways(page), "Add inquiry scrolls sideways"
    assert_no_violations(page, f"add inquiry with a known number at {viewport}")

    page.goto(site + "/admin/intake/insuranceverification/")
    assert not page_scrolls_sideways(page), "the verification list scrolls sideways"
    assert_no_violations(page, f"verification list at {viewport}")
    page.goto(f"{site}/admin/intake/insuranceverification/{verification.pk}/change/")
    assert_no_violations(page, f"verification page at {viewport}")
    context.close()
