"""An inquiry's own rules, stated once in `Inquiry.clean()` beside the database's constraint: they fire
from `full_clean` wherever an inquiry is checked, and the admin shows them beside their field."""

import pytest
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction

from intake.models import Inquiry

from ..factories import InquiryFactory, ReferralContactFactory, ReferralSourceFactory
from ..intake_helpers import inquiry_form

pytestmark = pytest.mark.django_db

CLOSED_NEEDS_A_REASON = "Choose why the inquiry is closed."


def test_closed_without_a_reason_is_refused_by_full_clean_beside_the_close_reason():
    inquiry = InquiryFactory()
    inquiry.status = Inquiry.Status.CLOSED
    with pytest.raises(ValidationError) as refused:
        inquiry.full_clean()
    # Only beside the field: the constraint saying the same is not reported a second time.
    assert refused.value.message_dict == {"close_reason": [CLOSED_NEEDS_A_REASON]}
    assert NON_FIELD_ERRORS not in refused.value.message_dict


def test_closed_with_a_reason_and_open_without_one_pass_full_clean():
    InquiryFactory.build(status=Inquiry.Status.CLOSED, close_reason="not_ready").full_clean()
    InquiryFactory.build(status=Inquiry.Status.NEW, close_reason="").full_clean()


def test_both_rules_of_clean_are_reported_together():
    contact = ReferralContactFactory(source=ReferralSourceFactory(name="Valley Hospital"))
    other = ReferralSourceFactory(name="Hill Clinic")
    inquiry = InquiryFactory.build(status="closed", referral_source=other, referral_contact=contact)
    with pytest.raises(ValidationError) as refused:
        inquiry.full_clean()
    assert refused.value.message_dict == {
        "close_reason": [CLOSED_NEEDS_A_REASON],
        "referral_contact": [
            f"{contact.name} works at Valley Hospital, not at Hill Clinic: choose one of Hill Clinic's people, "
            "or change the source."
        ],
    }


def test_the_database_still_refuses_it_when_clean_is_skipped():
    with pytest.raises(IntegrityError), transaction.atomic():
        InquiryFactory(status="closed", close_reason="")


def test_the_admin_shows_it_beside_the_close_reason_and_nowhere_else(admissions_client):
    inquiry = InquiryFactory()
    response = admissions_client.post(
        f"/admin/intake/inquiry/{inquiry.pk}/change/", inquiry_form(inquiry, status="closed", close_reason="")
    )
    assert response.status_code == 200
    form = response.context["adminform"].form
    assert {field: [e.message for e in errors] for field, errors in form.errors.as_data().items()} == {
        "close_reason": [CLOSED_NEEDS_A_REASON]
    }
    html = response.content.decode()
    row = html[html.index('<div class="form-row errors field-close_reason">') :]
    row = row[: row.index('<div class="form-row field-assigned_to">')]
    assert f'<ul class="errorlist" id="id_close_reason_error"><li>{CLOSED_NEEDS_A_REASON}</li></ul>' in row
    assert 'aria-describedby="id_close_reason_error" id="id_close_reason"' in row
    assert html.count(CLOSED_NEEDS_A_REASON) == 1
    inquiry.refresh_from_db()
    assert inquiry.status == Inquiry.Status.NEW
