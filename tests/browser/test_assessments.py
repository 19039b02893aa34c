"""Scheduling an assessment in Chromium at phone and desktop widths: the move refused beside the empty
boxes, then saved; the week's assessments reached from the inbox; no sideways scroll, no axe violations."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from intake.models import Assessment, Inquiry, Note

from ..factories import UserFactory
from .test_accessibility import VIEWPORTS, assert_no_violations
from .test_flows import log_in
from .test_staff_workspace import page_scrolls_sideways


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_a_coordinator_schedules_an_assessment_and_finds_it_in_the_week(browser, site, viewport):
    UserFactory(username="coordinator", first_name="Casey", last_name="Ng", group="Admissions")
    inquiry = Inquiry.objects.create(
        name="Week Person",
        phone="+18185550177",
        consent_text="ok",
        status="contacted",
        first_contact_at=timezone.now() - timedelta(minutes=30),
    )
    Note.objects.create(inquiry=inquiry, kind="call", outcome="reached", text="Spoke with them.")
    context = browser.new_context(viewport=VIEWPORTS[viewport])
    page = context.new_page()
    log_in(page, site, "coordinator")
    page.goto(f"{site}/admin/intake/inquiry/{inquiry.pk}/change/")
    page.locator("#id_status").select_option("assessment_scheduled")
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".field-assessment_mode .errorlist")).to_have_text("Choose in person or by video.")
    assert_no_violations(page, f"inquiry page with assessment errors at {viewport}")
    tomorrow = timezone.localdate() + timedelta(days=1)
    page.get_by_label("Assessment: date").fill(f"{tomorrow:%Y-%m-%d}")
    page.get_by_label("Assessment: time").fill("10:30:00")
    page.locator("#id_assessment_assessor").select_option(label="Casey Ng")
    page.locator("#id_assessment_mode").select_option("video")
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    expect(page.locator("dd.assessment")).to_have_text(
        f"{tomorrow:%b} {tomorrow.day}, {tomorrow.year}, 10:30 AM, by video, with Casey Ng"
    )
    assert Assessment.objects.get(inquiry=inquiry).assessor.username == "coordinator"
    page.goto(site + "/admin/intake/inquiry/")
    page.get_by_role("link", name="Assessments", exact=True).click()
    row = page.get_by_role("row", name=f"#{inquiry.pk}")
    expect(row.get_by_role("cell")).to_have_text(["10:30 AM", f"#{inquiry.pk}", "Week Person", "Casey Ng", "By video"])
    assert not page_scrolls_sideways(page), "the week's assessments scroll sideways"
    assert_no_violations(page, f"assessments at {viewport}")
    context.close()
