"""A move that claims a contact needs a logged one (issue 24, item 6): no bulk "Mark as contacted", and
a move to Contact attempted or Contacted on the inquiry's page, or by the services, is refused beside
the status until the contact is logged."""

import re

import pytest
from django.core.exceptions import ValidationError
from pytest_django.asserts import assertContains

from intake import services
from intake.models import Inquiry, Note, StatusChange

from ..factories import InquiryFactory, NoteFactory
from ..intake_helpers import inquiry_form

pytestmark = pytest.mark.django_db

LIST = "/admin/intake/inquiry/"
NOT_REACHED = (
    "“Contacted” says someone spoke with them, and no contact that reached them is logged. Log it first in "
    "“Log a contact”, at the top of this page (outcome “Reached them”)."
)
NOT_ATTEMPTED = (
    "“Contact attempted” says someone tried to reach them, and no call, text or e-mail is logged. Log it first "
    "in “Log a contact”, at the top of this page."
)


def change_url(inquiry):
    return f"/admin/intake/inquiry/{inquiry.pk}/change/"


def status_error(message):
    return f'<ul class="errorlist" id="id_status_error"><li>{message}</li></ul>'


def saved_status(inquiry):
    return Inquiry.objects.values_list("status", "first_contact_at").get(pk=inquiry.pk)


def test_the_inbox_offers_no_bulk_move_that_claims_a_contact(admissions_client):
    inquiry = InquiryFactory()
    html = admissions_client.get(LIST).content.decode()
    select = re.search(r'<select name="action"[^>]*>(.*?)</select>', html, re.S).group(1)
    assert re.findall(r'<option value="([^"]*)"', select) == ["", "assign_to_me", "mark_spam", "mark_not_spam"]
    # Sent anyway (an old page), it is no action at all.
    response = admissions_client.post(LIST, {"action": "mark_contacted", "_selected_action": [inquiry.pk]})
    assert response.status_code == 302
    assert saved_status(inquiry) == ("new", None) and not StatusChange.objects.exists()


@pytest.mark.parametrize(("status", "message"), [("contacted", NOT_REACHED), ("contact_attempted", NOT_ATTEMPTED)])
def test_a_move_on_the_page_with_no_contact_logged_is_refused_beside_the_status(admissions_client, status, message):
    inquiry = InquiryFactory()
    NoteFactory(inquiry=inquiry, kind=Note.Kind.NOTE, text="Mother called the front desk")  # not a contact
    response = admissions_client.post(change_url(inquiry), inquiry_form(inquiry, status=status, name="Kept Typed"))
    assert response.status_code == 200
    assertContains(response, status_error(message), html=True)
    assertContains(response, '<input type="text" name="name" value="Kept Typed" class="vTextField" maxlength="100" '
                   'required id="id_name">', html=True)  # fmt: skip
    assert saved_status(inquiry) == ("new", None) and not StatusChange.objects.exists()


def test_an_attempt_that_did_not_reach_them_does_not_make_them_contacted(admissions_client):
    inquiry = InquiryFactory()
    services.log_contact(inquiry=inquiry, by=None, kind="call", outcome="no_answer")
    response = admissions_client.post(change_url(inquiry), inquiry_form(inquiry, status="contacted"))
    assertContains(response, status_error(NOT_REACHED), html=True)
    assert Inquiry.objects.get(pk=inquiry.pk).status == "contact_attempted"


def test_with_a_reach_logged_the_move_goes_through_and_is_recorded(admissions_client, admissions_user):
    inquiry = InquiryFactory()
    services.log_contact(inquiry=inquiry, by=None, kind="call", outcome="no_answer")
    NoteFactory(inquiry=inquiry, kind=Note.Kind.CALL, outcome=Note.Outcome.REACHED, text="Called back")
    inquiry.refresh_from_db()
    if inquiry.status == "contact_attempted":  # a reach logged may already move it on (issue 24, item 7)
        response = admissions_client.post(change_url(inquiry), inquiry_form(inquiry, status="contacted"))
        assert response.status_code == 302
    assert Inquiry.objects.get(pk=inquiry.pk).status == "contacted"
    assert list(StatusChange.objects.filter(inquiry=inquiry).values_list("from_status", "to_status")) == [
        ("new", "contact_attempted"),
        ("contact_attempted", "contacted"),
    ]


def test_the_services_refuse_it_too_with_nothing_saved(admissions_user):
    inquiry = InquiryFactory()
    with pytest.raises(ValidationError) as refused:
        services.move(inquiry=inquiry, status=Inquiry.Status.CONTACTED, by=admissions_user)
    assert refused.value.message_dict == {"status": [NOT_REACHED]}
    inquiry = Inquiry.objects.get(pk=inquiry.pk)
    inquiry.status = Inquiry.Status.CONTACT_ATTEMPTED
    with pytest.raises(ValidationError) as refused:
        services.edit_inquiry(inquiry=inquiry, by=admissions_user, changed={"status": "new"})
    assert refused.value.message_dict == {"status": [NOT_ATTEMPTED]}
    assert saved_status(inquiry) == ("new", None) and not StatusChange.objects.exists()


def test_a_status_kept_as_it_was_is_no_claim(admissions_client):
    """An inquiry already marked contacted (before this rule) is edited without being asked again."""
    inquiry = InquiryFactory(status=Inquiry.Status.CONTACTED)
    response = admissions_client.post(change_url(inquiry), inquiry_form(inquiry, message="Prefers mornings"))
    assert response.status_code == 302
    assert Inquiry.objects.get(pk=inquiry.pk).message == "Prefers mornings"
