"""Duplicates on the inquiry's admin pages: the merge buttons, the page that asks first (saying exactly
what moves), the merge, the merged one's banner and its undo, Add inquiry's check while typing and on
save, and the referring-person list narrowed to the chosen source."""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.test import Client
from pytest_django.asserts import assertContains, assertNotContains

from intake import services
from intake.models import AccessRecord, Inquiry, InsuranceVerification, Merge, Note

from ..factories import InquiryFactory, NoteFactory, ReferralContactFactory, ReferralSourceFactory, UserFactory
from .test_inbox import ADD, staff_inquiry

pytestmark = pytest.mark.django_db

# 10:00 in Los Angeles on December 4.
MORNING = datetime(2026, 12, 4, 18, 0, tzinfo=UTC)
CHECK = "/admin/intake/inquiry/duplicates-check/"


def change_url(inquiry):
    return f"/admin/intake/inquiry/{inquiry.pk}/change/"


def merge_url(duplicate, into):
    return f"/admin/intake/inquiry/{duplicate.pk}/merge-into/{into.pk}/"


@pytest.fixture
def pair(time_machine):
    """The same person by the web form (nobody has called) and, an hour later, by phone with a call
    logged and a verification requested."""
    time_machine.move_to(MORNING, tick=False)
    earlier = InquiryFactory(name="Dana Web", created_at=MORNING - timedelta(hours=2), phone="+18185550101")
    later = InquiryFactory(name="Dana Call", created_at=MORNING - timedelta(hours=1), phone="+18185550101")
    caller = UserFactory(username="riley", first_name="Riley", last_name="Park", group="Admissions")
    NoteFactory(inquiry=later, author=caller, outcome=Note.Outcome.REACHED, created_at=MORNING - timedelta(minutes=50))
    InsuranceVerification.objects.create(
        inquiry=later, carrier="aetna", member_id="W123", patient_birth_date=date(1990, 1, 2)
    )
    return earlier, later


def messages_of(response):
    return [(m.level_tag, str(m.message)) for m in response.context["messages"]] if response.context else []


def test_each_candidate_offers_its_merge_the_later_one_into_the_earlier(admissions_client, pair):
    earlier, later = pair
    on_later = admissions_client.get(change_url(later))
    assertContains(
        on_later, f'<a class="button" href="{merge_url(later, earlier)}">Merge into #{earlier.pk}</a>', html=True
    )
    on_earlier = admissions_client.get(change_url(earlier))
    assertContains(
        on_earlier,
        f'<a class="button" href="{merge_url(later, earlier)}">Merge #{later.pk} into this one</a>',
        html=True,
    )


def test_the_page_that_asks_first_lists_exactly_what_moves(admissions_client, admissions_user, pair):
    earlier, later = pair
    response = admissions_client.get(merge_url(later, earlier))
    verification = InsuranceVerification.objects.get()
    assertContains(response, f"<h1>Merge inquiry #{later.pk} into #{earlier.pk}?</h1>", html=True)
    assertContains(
        response,
        '<ul class="merge-notes"><li>Dec 4, 2026, 9:10 AM: Call, reached them (Riley Park)</li></ul>',
        html=True,
    )
    assertContains(
        response,
        f'<ul class="merge-verifications"><li>Verification #{verification.pk} (requested)</li></ul>',
        html=True,
    )
    assertContains(
        response,
        '<ul class="merge-changes"><li>Its status moves from “New” to “Contacted”, as logging these contacts would '
        "have.</li><li>Its first contact is dated Dec 4, 2026, 9:10 AM.</li>"
        "<li>Its first reach is dated Dec 4, 2026, 9:10 AM.</li></ul>",
        html=True,
    )
    assertContains(
        response,
        f'<button type="submit" class="button default">Yes, merge #{later.pk} into #{earlier.pk}</button>',
        html=True,
    )
    records = AccessRecord.objects.values_list("user", "inquiry_ref", "action", "detail").order_by("inquiry_ref")
    assert list(records) == [
        (admissions_user.pk, earlier.pk, "view", "merge confirmation"),
        (admissions_user.pk, later.pk, "view", "merge confirmation"),
    ]
    assert Merge.objects.count() == 0


def seen_on(response):
    return response.context["seen"]


def test_the_confirmed_merge_goes_to_the_earlier_one_and_the_merged_one_shows_its_banner(admissions_client, pair):
    earlier, later = pair
    seen = seen_on(admissions_client.get(merge_url(later, earlier)))
    response = admissions_client.post(merge_url(later, earlier), {"seen": seen}, follow=True)
    assert response.redirect_chain == [(change_url(earlier), 302)]
    assert messages_of(response) == [
        ("success", f"Inquiry #{later.pk} is merged into this one. It can be undone on its page until midnight.")
    ]
    assert Inquiry.objects.get(pk=later.pk).merged_into_id == earlier.pk
    assertContains(response, f"<strong>Inquiry #{later.pk} merged into this one</strong>", html=True)
    page = admissions_client.get(change_url(later))
    assertContains(
        page,
        f'<p>Merged into <a href="{change_url(earlier)}">#{earlier.pk}</a> on Dec 4, 10:00 AM by admissions-staff.</p>',
        html=True,
    )
    assertContains(page, '<button type="submit" class="button">Undo (until midnight)</button>', html=True)
    assertNotContains(page, f'href="{merge_url(later, earlier)}"')  # merged: no merge offered again


def test_a_merge_confirmed_on_a_page_that_no_longer_says_what_moves_is_refused(admissions_client, pair):
    earlier, later = pair
    seen = seen_on(admissions_client.get(merge_url(later, earlier)))
    NoteFactory(inquiry=later, kind=Note.Kind.NOTE, text="Logged meanwhile.")
    response = admissions_client.post(merge_url(later, earlier), {"seen": seen})
    assert response.status_code == 200 and Merge.objects.count() == 0
    assertContains(
        response,
        '<p class="errornote" role="alert">Something changed since this page was shown (a save, a new note or '
        "verification), so nothing was merged. This is what would move now: merge again if it is still right.</p>",
        html=True,
    )
    assert len(response.context["preview"]["notes"]) == 2


def test_a_merge_that_may_not_be_made_says_why_and_offers_no_button(admissions_client, pair):
    earlier, later = pair
    Inquiry.objects.filter(pk=earlier.pk).update(status="closed", close_reason="not_ready")
    response = admissions_client.get(merge_url(later, earlier))
    assertContains(
        response,
        f'<p class="errornote" role="alert">Inquiry #{earlier.pk} is closed: only an inquiry still in the pipeline '
        "takes a duplicate.</p>",
        html=True,
    )
    assertNotContains(response, "Yes, merge")
    assert admissions_client.post(merge_url(later, earlier), {"seen": "x"}).status_code == 200
    assert Merge.objects.count() == 0


@pytest.mark.parametrize(
    ("path", "status"),
    [("/admin/intake/inquiry/1/merge-into/+2/", 400), ("/admin/intake/inquiry/999/merge-into/998/", 404)],
)
def test_made_up_numbers_get_a_clear_answer(admissions_client, path, status):
    assert admissions_client.get(path).status_code == status


def test_people_who_may_not_change_inquiries_cannot_merge_or_check(editor_client, pair):
    earlier, later = pair
    assert editor_client.get(merge_url(later, earlier)).status_code == 403
    assert editor_client.post(CHECK, {"phone": "818-555-0101"}).status_code == 403
    assert Merge.objects.count() == 0 and AccessRecord.objects.filter(action="search").count() == 0


def test_the_undo_reopens_the_merged_one(admissions_client, admissions_user, pair):
    earlier, later = pair
    services.merge_duplicate(duplicate=later, into=earlier, by=admissions_user)
    page = admissions_client.get(change_url(later))
    response = admissions_client.post(
        f"/admin/intake/inquiry/{later.pk}/undo-merge/", {"seen": page.context["merged_banner"]["seen"]}, follow=True
    )
    assert messages_of(response) == [
        (
            "success",
            f"The merge into #{earlier.pk} is undone: this inquiry has its notes and verifications back, as it was.",
        )
    ]
    reopened = Inquiry.objects.get(pk=later.pk)
    assert (reopened.status, reopened.merged_into, reopened.notes.count()) == ("new", None, 1)
    assertNotContains(response, "Undo (until midnight)")


def test_after_midnight_the_banner_stays_and_the_undo_is_refused(
    admissions_client, admissions_user, pair, time_machine
):
    earlier, later = pair
    services.merge_duplicate(duplicate=later, into=earlier, by=admissions_user)
    time_machine.move_to(MORNING + timedelta(hours=14), tick=False)  # 00:00 in Los Angeles, December 5
    admissions_client.force_login(admissions_user)  # the idle timeout ended the session overnight
    page = admissions_client.get(change_url(later))
    assertContains(page, f'<a href="{change_url(earlier)}">#{earlier.pk}</a>', html=True)
    assertNotContains(page, "Undo (until midnight)")
    seen = Inquiry.objects.get(pk=later.pk).updated_at.isoformat()
    response = admissions_client.post(f"/admin/intake/inquiry/{later.pk}/undo-merge/", {"seen": seen}, follow=True)
    assert messages_of(response) == [
        (
            "error",
            "A merge can be undone only on the day it was made (until midnight); this one was made on Dec. 4, 2026.",
        )
    ]
    assert Inquiry.objects.get(pk=later.pk).merged_into_id == earlier.pk


def test_an_undo_from_a_page_shown_before_a_save_is_refused(admissions_client, admissions_user, pair):
    earlier, later = pair
    services.merge_duplicate(duplicate=later, into=earlier, by=admissions_user)
    response = admissions_client.post(f"/admin/intake/inquiry/{later.pk}/undo-merge/", {"seen": "old"}, follow=True)
    assert messages_of(response) == [
        (
            "error",
            "This inquiry was saved after the page was shown, so the merge was not undone: look again, then undo.",
        )
    ]
    assert Inquiry.objects.get(pk=later.pk).merged_into_id == earlier.pk


# --- Add inquiry's check ------------------------------------------------------------------------


@pytest.fixture
def known():
    open_one = InquiryFactory(name="Open Person", phone="+18185550101", email="known@example.com")
    contacted = InquiryFactory(name="Other Open", phone="+18185550101", email="", status=Inquiry.Status.CONTACTED)
    InquiryFactory(
        name="Closed Person", phone="+18185550101", email="known@example.com", status="closed", close_reason="other"
    )
    InquiryFactory(name="Spam Person", phone="+18185550101", status="spam", spam_reason="marked")
    InquiryFactory(name="Someone Else", phone="+13105550101", email="else@example.com")
    return open_one, contacted


def match(inquiry, status):
    return {"number": inquiry.pk, "status": status, "url": change_url(inquiry)}


@pytest.mark.parametrize("typed", ["(818) 555-0101", "818/555/0101", "+1 818 555 0101", "818-555-0101 x12"])
def test_the_check_returns_exactly_the_open_inquiries_with_the_phone_by_number_and_status(
    admissions_client, admissions_user, known, typed
):
    open_one, contacted = known
    response = admissions_client.post(CHECK, {"phone": typed})
    assert response.json() == {
        "phone": {
            "matches": [match(open_one, "New"), match(contacted, "Contacted")],
            "message": "This phone number is on open inquiries:",
        },
        "email": {"matches": [], "message": ""},
    }
    assert list(AccessRecord.objects.values_list("user", "inquiry_ref", "action", "detail")) == [
        (admissions_user.pk, None, "search", "add-inquiry duplicate check: a phone number or inquiry number")
    ]


def test_the_check_finds_an_email_address_however_it_is_capitalised(admissions_client, known):
    open_one, _ = known
    response = admissions_client.post(CHECK, {"email": " Known@Example.COM "})
    assert response.json()["email"] == {
        "matches": [match(open_one, "New")],
        "message": "This e-mail address is on an open inquiry:",
    }


@pytest.mark.parametrize("typed", [{"phone": "818-555"}, {"email": "known@"}, {}])
def test_an_unfinished_number_or_address_finds_nothing_and_is_not_logged(admissions_client, known, typed):
    response = admissions_client.post(CHECK, typed)
    assert response.json() == {"phone": {"matches": [], "message": ""}, "email": {"matches": [], "message": ""}}
    assert AccessRecord.objects.count() == 0


def test_the_check_is_asked_by_post_only_and_by_staff_only(admissions_client, known):
    assert admissions_client.get(CHECK, {"phone": "818-555-0101"}).status_code == 400
    anonymous = Client().post(CHECK, {"phone": "818-555-0101"})
    assert anonymous.status_code == 302 and anonymous["Location"].startswith("/admin/login/")


def test_the_add_form_asks_while_typing(admissions_client):
    page = admissions_client.get(ADD)
    assertContains(page, '<script src="/static/admin-staff/inquiry-form.js"></script>', html=True)
    field = page.context["adminform"].form["phone"]
    assert field.field.widget.attrs["data-duplicate-check"] == CHECK


def test_saving_an_inquiry_with_a_known_number_warns_and_still_saves(admissions_client, known):
    open_one, contacted = known
    response = admissions_client.post(ADD, staff_inquiry(phone="818 555 0101"), follow=True)
    added = Inquiry.objects.get(name="Walk In Person")
    assert [text for level, text in messages_of(response) if level == "warning"] == [
        f"Inquiry #{added.pk} has the phone number or e-mail address of an open inquiry: "
        f'<a href="{change_url(open_one)}">#{open_one.pk}</a> (New), '
        f'<a href="{change_url(contacted)}">#{contacted.pk}</a> (Contacted) '
        "— if it is the same person, merge the later one into the earlier one from its page."
    ]


# --- The referring person -------------------------------------------------------------------------


def test_each_referring_person_is_offered_with_their_organisation(admissions_client):
    contact = ReferralContactFactory(name="Rita Moss", source__name="Valley Hospital")
    page = admissions_client.get(ADD)
    assertContains(
        page,
        f'<option value="{contact.pk}" data-source="{contact.source_id}">Rita Moss (Valley Hospital)</option>',
        html=True,
    )


def test_a_referring_person_of_another_source_is_refused_beside_the_field(admissions_client):
    contact = ReferralContactFactory(name="Rita Moss", source__name="Valley Hospital")
    other = ReferralSourceFactory(name="Harbor Counseling")
    response = admissions_client.post(
        ADD, staff_inquiry(channel="referral", referral_source=other.pk, referral_contact=contact.pk)
    )
    assert response.context["adminform"].form.errors["referral_contact"] == [
        "Rita Moss works at Valley Hospital, not at Harbor Counseling: choose one of Harbor Counseling's people, "
        "or change the source."
    ]
    no_source = admissions_client.post(ADD, staff_inquiry(channel="referral", referral_contact=contact.pk))
    assert no_source.context["adminform"].form.errors["referral_contact"] == [
        "Rita Moss works at Valley Hospital: choose Valley Hospital as the referral source, or no person."
    ]
    assert not Inquiry.objects.exists()


def test_the_duplicate_close_reason_can_be_chosen(admissions_client):
    page = admissions_client.get(change_url(InquiryFactory()))
    assertContains(page, '<option value="duplicate">Duplicate of another inquiry</option>', html=True)
