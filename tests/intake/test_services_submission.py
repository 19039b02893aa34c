"""intake.services.submission: a web inquiry and an insurance verification request are each stored by one
call, whose steps (spam marking, the stamp's use, the duplicate flags, admissions' notification) run
once per submission, in one transaction with it."""

import contextlib
import time
from datetime import date
from unittest import mock

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from intake import services, spam
from intake.models import Inquiry, InsuranceVerification, Notification, UsedStamp
from intake.models import inquiry as models
from intake.services import submission
from intake.spam import sign_start

from ..factories import InquiryFactory
from ..intake_helpers import form_data, request_data

pytestmark = pytest.mark.django_db

FORMS = {
    "contact": ("/contact/", form_data, "submit_inquiry"),
    "insurance": ("/insurance/verify/", request_data, "request_verification"),
}


@contextlib.contextmanager
def spied():
    """Every step of a submission, counted (each still does its work)."""
    with (
        mock.patch("intake.views.services.submit_inquiry", wraps=services.submit_inquiry) as submit,
        mock.patch(
            "intake.verification_views.services.request_verification", wraps=services.request_verification
        ) as request,
        mock.patch.object(submission, "spam_reason", wraps=spam.spam_reason) as marked,
        mock.patch.object(spam, "use_stamp", wraps=spam.use_stamp) as stamp,
        mock.patch.object(models, "_nearest", wraps=models._nearest) as duplicates,
        mock.patch.object(submission, "queue_notification", wraps=submission.queue_notification) as notified,
    ):
        yield {
            "submit_inquiry": submit,
            "request_verification": request,
            "spam_reason": marked,
            "use_stamp": stamp,
            "duplicate_flags": duplicates,
            "queue_notification": notified,
        }


@pytest.mark.parametrize("form", FORMS)
def test_a_submission_runs_each_step_once(client, form, django_capture_on_commit_callbacks):
    path, data, service = FORMS[form]
    earlier = InquiryFactory(phone="+18185550134", email="", name="Earlier Person")
    with spied() as steps, django_capture_on_commit_callbacks(execute=True):
        response = client.post(path, data())
    assert response.status_code == 302
    calls = {name: spy.call_count for name, spy in steps.items()}
    other = {"submit_inquiry": "request_verification", "request_verification": "submit_inquiry"}[service]
    assert calls == {
        service: 1, other: 0, "spam_reason": 1, "use_stamp": 1, "duplicate_flags": 1, "queue_notification": 1
    }  # fmt: skip
    inquiry = Inquiry.objects.exclude(pk=earlier.pk).get()
    earlier.refresh_from_db()
    assert inquiry.has_duplicate and earlier.has_duplicate
    assert UsedStamp.objects.count() == 1
    assert list(Notification.objects.values_list("inquiry", "status")) == [(inquiry.pk, "sent")]
    assert len(mail.outbox) == 1
    assert (inquiry.status, inquiry.spam_reason, inquiry.language) == ("new", "", "en")


@pytest.mark.parametrize("form", FORMS)
def test_spam_is_marked_once_and_nobody_is_told(client, form, django_capture_on_commit_callbacks):
    path, data, _ = FORMS[form]
    with spied() as steps, django_capture_on_commit_callbacks(execute=True):
        assert client.post(path, data(website="http://spam.example")).status_code == 302
    assert steps["spam_reason"].call_count == 1 and steps["queue_notification"].call_count == 0
    inquiry = Inquiry.objects.get()
    assert (inquiry.status, inquiry.spam_reason) == ("spam", "honeypot")
    assert not Notification.objects.exists() and mail.outbox == []


def test_a_failure_after_the_inquiry_is_saved_stores_nothing_and_leaves_the_stamp_unused():
    started = sign_start(time.time() - 30)
    details = {
        "name": "Sam Rivera", "phone": "+18185550134", "email": "", "preferred_contact": "call",
        "carrier": "aetna", "carrier_other": "", "member_id": "M123", "group_number": "", "subscriber": "self",
        "subscriber_name": "", "patient_birth_date": date(1990, 3, 14), "consent": True, "website": "",
        "started": started, "attribution": {}, "language": "en",
    }  # fmt: skip
    broken = mock.patch.object(InsuranceVerification, "save", side_effect=IntegrityError("disk full"))
    with broken, pytest.raises(IntegrityError):
        services.request_verification(**details)
    assert not Inquiry.objects.exists() and not UsedStamp.objects.exists() and not Notification.objects.exists()
    verification = services.request_verification(**details)  # the same stamp, not a replay
    assert verification.inquiry.status == Inquiry.Status.NEW


def test_the_service_stores_an_inquiry_in_the_language_it_is_given():
    inquiry = services.submit_inquiry(
        name="Ana", phone="", email="ana@example.com", preferred_contact="email", best_time="any",
        inquiry_for="myself", level=None, payment="not_sure", insurance_carrier="", message="",
        consent=True, website="", started=sign_start(time.time() - 30), attribution=None, language="es",
    )  # fmt: skip
    inquiry.refresh_from_db()
    assert inquiry.language == "es" and inquiry.consent_text.startswith("Acepto")
    assert inquiry.attribution == {} and inquiry.channel == Inquiry.Channel.WEBSITE


def test_nothing_is_stored_without_consent():
    with pytest.raises(ValidationError):
        services.submit_inquiry(
            name="Ana", phone="", email="ana@example.com", preferred_contact="email", best_time="any",
            inquiry_for="myself", level=None, payment="not_sure", insurance_carrier="", message="",
            consent=False, website="", started=sign_start(time.time() - 30), attribution={}, language="en",
        )  # fmt: skip
    assert not Inquiry.objects.exists() and not UsedStamp.objects.exists()


def test_the_forms_only_validate():
    from intake.forms import InquiryForm
    from intake.verification_forms import VerificationRequestForm

    assert "save" not in vars(InquiryForm) and not hasattr(VerificationRequestForm, "save")
