"""Duplicates in Chromium at phone and desktop widths: Add inquiry says a known number while it is
typed and keeps the referring person's list to the chosen source, and a duplicate is merged into the
earlier inquiry after the page that asks first; axe finds nothing on any of these pages."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from intake.models import Inquiry, Note

from ..factories import InquiryFactory, NoteFactory, ReferralContactFactory, UserFactory
from .test_accessibility import VIEWPORTS, assert_no_violations
from .test_flows import log_in


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_a_known_number_is_said_while_typed_and_a_duplicate_is_merged(browser, site, viewport):
    UserFactory(username="coordinator", group="Admissions")
    # Numbers outside the demo's 555-0100 to 555-0199.
    known = InquiryFactory(name="Known Caller", phone="+13235550242", email="")
    earlier = InquiryFactory(
        name="Pat Early", phone="+13235550277", email="", created_at=timezone.now() - timedelta(hours=3)
    )
    later = InquiryFactory(
        name="Pat Later", phone="+13235550277", email="", created_at=timezone.now() - timedelta(hours=1)
    )
    rita = ReferralContactFactory(name="Rita Moss", source__name="Dupes Test Hospital")
    sam = ReferralContactFactory(name="Sam Ortiz", source__name="Dupes Test Clinic")
    NoteFactory(inquiry=later, outcome=Note.Outcome.VOICEMAIL, text="Left a message.")
    context = browser.new_context(viewport=VIEWPORTS[viewport])
    page = context.new_page()
    log_in(page, site, "coordinator")

    page.goto(site + "/admin/intake/inquiry/add/")
    page.get_by_role("textbox", name="Phone").press_sequentially("(323) 555-0242", delay=20)
    warning = page.locator("#id_phone-duplicates")
    expect(warning).to_have_text(f"This phone number is on an open inquiry: #{known.pk} (New)")
    expect(warning.get_by_role("link", name=f"#{known.pk}")).to_have_attribute(
        "href", f"/admin/intake/inquiry/{known.pk}/change/"
    )
    assert_no_violations(page, f"add inquiry with a warning at {viewport}")
    page.get_by_role("textbox", name="Phone").fill("(323) 555-0299")
    expect(warning).to_be_empty()
    # The referring person's list narrows to the people of the chosen source.
    page.get_by_label("Referred by").select_option(label=rita.source.name)
    people = page.locator("#id_referral_contact option")
    expect(people).to_have_text(["---------", f"Rita Moss ({rita.source.name})"])
    page.get_by_label("Referring person").select_option(label=f"Rita Moss ({rita.source.name})")
    page.get_by_label("Referred by").select_option(label=sam.source.name)
    expect(people).to_have_text(["---------", f"Sam Ortiz ({sam.source.name})"])
    expect(page.get_by_label("Referring person")).to_have_value("")

    page.goto(f"{site}/admin/intake/inquiry/{later.pk}/change/")
    page.get_by_role("link", name=f"Merge into #{earlier.pk}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Merge inquiry #{later.pk} into #{earlier.pk}?")
    expect(page.locator(".merge-notes li")).to_have_count(1)
    assert_no_violations(page, f"merge confirmation at {viewport}")
    page.get_by_role("button", name=f"Yes, merge #{later.pk} into #{earlier.pk}").click()
    expect(page).to_have_url(re.compile(rf"/admin/intake/inquiry/{earlier.pk}/change/$"))
    expect(page.locator(".messagelist .success")).to_contain_text(f"Inquiry #{later.pk} is merged into this one.")
    assert_no_violations(page, f"the earlier inquiry after a merge at {viewport}")

    page.goto(f"{site}/admin/intake/inquiry/{later.pk}/change/")
    expect(page.locator(".merged-banner")).to_contain_text(f"Merged into #{earlier.pk}")
    assert_no_violations(page, f"a merged inquiry's banner at {viewport}")
    assert Inquiry.objects.get(pk=later.pk).merged_into_id == earlier.pk
    context.close()
