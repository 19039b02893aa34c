"""A large export's page in Chromium: its state is updated in place while it is prepared, never by
reloading the page (focus and scroll stay), and it passes axe at phone and desktop widths."""

import pytest
from django.contrib.auth.models import Permission
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.utils import timezone
from playwright.sync_api import expect

from intake.models import InquiryExport

from ..factories import UserFactory
from .test_accessibility import VIEWPORTS, assert_no_violations
from .test_flows import log_in


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_the_export_page_shows_it_ready_without_reloading(browser, site, viewport):
    lead = UserFactory(username=f"lead-{viewport}", group="Admissions")
    lead.user_permissions.add(Permission.objects.get(codename="export_inquiry"))
    export = InquiryExport.objects.create(requested_by=lead, inquiry_ids=[1, 2], row_count=2, filters="every one")
    context = browser.new_context(viewport=VIEWPORTS[viewport])
    page = context.new_page()
    log_in(page, site, lead.username)
    page.goto(f"{site}{export.get_absolute_url()}")
    state = page.locator("#export-state")
    expect(state).to_contain_text("Your export of 2 inquiries is being prepared.")
    assert_no_violations(page, f"export being prepared at {viewport}")
    page.evaluate("window.stillTheSamePage = true")
    page.locator("#export-state").get_by_role("link", name="Your exports").focus()

    name = storages["private"].save("exports/browser-test.csv", ContentFile(b"id\n1\n2\n"))
    InquiryExport.objects.filter(pk=export.pk).update(
        state=InquiryExport.State.READY, file_name=name, finished_at=timezone.now()
    )
    expect(state.get_by_role("link", name="Download the CSV")).to_be_visible(timeout=15_000)
    assert page.evaluate("window.stillTheSamePage === true"), "the page was reloaded"
    # Focus was in the part replaced: it moves to the download, not to the top of the page.
    assert page.evaluate("document.activeElement.textContent") == "Download the CSV"
    assert_no_violations(page, f"export ready at {viewport}")
    page.goto(f"{site}/admin/intake/inquiry/exports/")
    assert not page.evaluate("document.documentElement.scrollWidth > document.documentElement.clientWidth")
    assert_no_violations(page, f"your exports at {viewport}")
    context.close()
