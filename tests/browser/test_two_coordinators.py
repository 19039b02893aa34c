"""Two coordinators at once, in Chromium: a save based on an old copy is refused, and nothing is lost."""

from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from intake.models import Inquiry

from ..factories import UserFactory
from .test_flows import log_in


def test_a_second_coordinators_log_is_kept_and_his_stale_save_refused(browser, site):
    UserFactory(username="dana", first_name="Dana", last_name="Ruiz", group="Admissions")
    UserFactory(username="sam", group="Admissions")
    inquiry = Inquiry.objects.create(
        name="Shared Person",
        phone="+18185550166",
        consent_text="ok",
        created_at=timezone.now() - timedelta(minutes=9),
        first_contact_at=timezone.now() - timedelta(minutes=5),  # tried already: an assessment may be booked
    )
    url = f"{site}/admin/intake/inquiry/{inquiry.pk}/change/"
    contexts = [browser.new_context(), browser.new_context()]
    dana, sam = (context.new_page() for context in contexts)
    for page, name in ((dana, "dana"), (sam, "sam")):
        log_in(page, site, name)
        page.goto(url)
    dana.locator("#id_status").select_option("assessment_scheduled")
    tomorrow = timezone.localdate() + timedelta(days=1)
    dana.get_by_label("Assessment: date").fill(f"{tomorrow:%Y-%m-%d}")
    dana.get_by_label("Assessment: time").fill("10:00:00")
    dana.locator("#id_assessment_assessor").select_option(label="Dana Ruiz")
    dana.locator("#id_assessment_mode").select_option("video")
    dana.get_by_role("button", name="Save and continue editing").click()
    expect(dana.locator(".messagelist")).to_contain_text("was changed successfully")

    # Sam logs his call from the page he opened earlier: it adds to the record and is kept.
    sam.get_by_label("Kind").select_option("call")
    sam.get_by_label("Outcome").select_option("voicemail")
    sam.get_by_label("Note", exact=True).fill("Left a voicemail at 10.")
    sam.get_by_role("button", name="Log it").click()
    expect(sam.locator(".messagelist")).to_contain_text("Contact logged.")
    expect(sam.locator("#timeline")).to_contain_text("Left a voicemail at 10.")
    inquiry.refresh_from_db()
    assert inquiry.status == Inquiry.Status.ASSESSMENT_SCHEDULED
    assert inquiry.notes.get().text == "Left a voicemail at 10."

    # Sam's second tab still shows the old copy: his change there is refused and what he typed is kept.
    old_tab = contexts[1].new_page()
    old_tab.goto(url)
    dana.locator("#id_assigned_to").select_option(label="dana")
    dana.get_by_role("button", name="Save and continue editing").click()
    expect(dana.locator(".messagelist")).to_contain_text("was changed successfully")
    old_tab.locator("#id_message").fill("Prefers evening calls.")
    old_tab.get_by_role("button", name="Save and continue editing").click()
    expect(old_tab.get_by_text("Dana Ruiz saved this inquiry at", exact=False)).to_be_visible()
    assigned = old_tab.get_by_role("alert").get_by_role("row", name="Assigned to")
    expect(assigned.get_by_role("cell")).to_have_text(["dana", "empty"])
    expect(old_tab.locator("#id_message")).to_have_value("Prefers evening calls.")
    inquiry.refresh_from_db()
    assert inquiry.message == "" and inquiry.assigned_to.username == "dana"

    # He keeps Dana's assignment, seen in the list of differences, and saves his words.
    old_tab.locator("#id_assigned_to").select_option(label="dana")
    old_tab.get_by_role("button", name="Save and continue editing").click()
    expect(old_tab.locator(".messagelist")).to_contain_text("was changed successfully")
    inquiry.refresh_from_db()
    assert inquiry.message == "Prefers evening calls." and inquiry.assigned_to.username == "dana"
    for context in contexts:  # closes their connections while the test's server still runs
        context.close()


def test_a_bulk_move_asks_first_and_leaves_later_stages_alone(page, site):
    UserFactory(username="dana", group="Admissions")
    fresh = Inquiry.objects.create(name="Fresh Person", phone="+18185550101", consent_text="ok")
    later = Inquiry.objects.create(
        name="Later Person", phone="+18185550102", consent_text="ok", status=Inquiry.Status.ASSESSMENT_SCHEDULED
    )
    log_in(page, site, "dana")
    page.goto(site + "/admin/intake/inquiry/")
    for name in ("Fresh Person", "Later Person"):
        page.get_by_role("row", name=name).get_by_role("checkbox").check()
    page.locator("select[name=action]").select_option("mark_spam")
    page.get_by_role("button", name="Go").click()
    expect(page.get_by_text("1 of the selected inquiries will move to “Spam”", exact=False)).to_be_visible()
    assert Inquiry.objects.get(pk=fresh.pk).status == Inquiry.Status.NEW  # nothing moved before the answer
    page.get_by_role("button", name="Yes, move 1").click()
    expect(page.locator(".messagelist")).to_contain_text("1 moved to “Spam”. 1 left as they were")
    assert Inquiry.objects.get(pk=fresh.pk).status == Inquiry.Status.SPAM
    assert Inquiry.objects.get(pk=later.pk).status == Inquiry.Status.ASSESSMENT_SCHEDULED
