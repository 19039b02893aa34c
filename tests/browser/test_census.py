"""The census pages in Chromium at phone and desktop widths, on the demo center: Find a bed from an
inquiry opens the board for what fits, Hold holds in one click; the board scrolls in its own box with
the bed column fixed, prints without its controls; the waitlist. No sideways page scroll, no axe
violations."""

import pytest
from django.utils import timezone
from django.utils.formats import date_format
from playwright.sync_api import expect

from census.models import Hold
from intake.models import Inquiry
from levels.models import LevelOfCare

from ..factories import UserFactory
from .test_accessibility import VIEWPORTS, assert_no_violations
from .test_flows import log_in
from .test_staff_workspace import page_scrolls_sideways


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_find_a_bed_hold_it_and_work_the_waitlist(browser, site, viewport):
    UserFactory(username=f"census-{viewport}", group="Admissions")
    detox = LevelOfCare.objects.get(slug="medical-detox")
    inquiry = Inquiry.objects.filter(status=Inquiry.Status.CONTACTED, holds__isnull=True).order_by("pk").first()
    Inquiry.objects.filter(pk=inquiry.pk).update(level=detox)
    context = browser.new_context(viewport=VIEWPORTS[viewport])
    page = context.new_page()
    log_in(page, site, f"census-{viewport}")

    page.goto(f"{site}{inquiry.get_admin_url()}")
    page.get_by_role("link", name="Find a bed").click()
    expect(page.get_by_label("Level")).to_have_value(str(detox.pk))
    board = page.locator("div.census-scroll[aria-labelledby=beds-heading]")
    expect(board.get_by_role("table")).to_be_visible()
    assert not page_scrolls_sideways(page), "the bed board scrolls the page sideways"
    if viewport == "phone":  # the fortnight scrolls in its own box, the bed column staying in view
        assert board.evaluate("box => box.scrollWidth > box.clientWidth")
        first = board.locator("tbody th[scope=row]").first
        assert first.evaluate("cell => getComputedStyle(cell).position") == "sticky"
    assert_no_violations(page, f"bed board at {viewport}")

    hold = board.get_by_role("button", name=f"for inquiry #{inquiry.pk}").first
    bed_name = hold.get_attribute("aria-label").removeprefix("Hold bed ").split(" for ")[0]
    hold.click()
    expect(page.locator("ul.messagelist li")).to_have_text(
        f"{bed_name} is held for inquiry #{inquiry.pk} until " + _until(inquiry)
    )
    expect(page.locator("div.census-scroll[aria-labelledby=holds-heading] tbody th", has_text=bed_name)).to_be_visible()
    assert_no_violations(page, f"bed board after a hold at {viewport}")

    page.emulate_media(media="print")
    expect(page.locator(".census-filter")).to_be_hidden()
    page.emulate_media(media="screen")

    page.goto(f"{site}{inquiry.get_admin_url()}")
    page.get_by_role("link", name="Add to the waitlist").click()
    page.get_by_label("Waiting for").fill("a detox bed")
    page.get_by_role("button", name="Add to the waitlist").click()
    expect(page.locator("ul.messagelist li")).to_have_text(f"Inquiry #{inquiry.pk} is on the waitlist for Detox.")
    expect(page.get_by_role("link", name=f"#{inquiry.pk}", exact=True)).to_be_visible()
    assert not page_scrolls_sideways(page), "the waitlist scrolls the page sideways"
    assert_no_violations(page, f"waitlist at {viewport}")
    context.close()


def _until(inquiry):
    held = Hold.objects.filter(inquiry=inquiry).latest("held_at")
    return date_format(timezone.localtime(held.until), "D, M j, g:i A") + "."
