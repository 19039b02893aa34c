"""intake.services.verification: who started and who finished a verification of benefits, and when, are
stamped by the service the admin calls (not in the admin's save_model)."""

from datetime import date, timedelta
from unittest import mock

import pytest
import time_machine
from django.utils import timezone

from intake import services
from intake.models import InsuranceVerification

from ..factories import InquiryFactory, UserFactory
from ..intake_helpers import MEMBER_ID

pytestmark = pytest.mark.django_db

NOW = timezone.now().replace(microsecond=0)
LATER = NOW + timedelta(hours=2)


@pytest.fixture
def verification():
    return InsuranceVerification.objects.create(
        inquiry=InquiryFactory(), carrier="aetna", member_id=MEMBER_ID, patient_birth_date=date(1980, 1, 2)
    )


@pytest.fixture
def colleague(db):
    return UserFactory(username="colleague", group="Admissions")


def work(verification, by, when, **fields):
    """Staff change `fields` on the verification's page at `when`."""
    changed = {name: getattr(verification, name) for name in fields}
    for name, value in fields.items():
        setattr(verification, name, value)
    with time_machine.travel(when, tick=False):
        services.save_verification(verification=verification, by=by, changed=changed)
    return InsuranceVerification.objects.get(pk=verification.pk)


def stamps(verification):
    return (verification.started_by, verification.started_at, verification.completed_by, verification.completed_at)


def test_starting_stamps_who_started_once(verification, admissions_user, colleague):
    started = work(verification, admissions_user, NOW, status="in_progress")
    assert stamps(started) == (admissions_user, NOW, None, None)
    again = work(started, colleague, LATER, notes="Waiting on the carrier.")
    assert stamps(again) == (admissions_user, NOW, None, None)


def test_finishing_straight_from_requested_stamps_both(verification, admissions_user):
    done = work(verification, admissions_user, NOW, status="verified", result="in_network")
    assert stamps(done) == (admissions_user, NOW, admissions_user, NOW)


def test_an_edit_of_a_finished_one_keeps_its_stamps_and_a_new_outcome_restamps_the_finish(
    verification, admissions_user, colleague
):
    work(verification, admissions_user, NOW, status="in_progress")
    done = work(verification, admissions_user, NOW, status="verified", result="in_network")
    edited = work(done, colleague, LATER, notes="Deductible checked again.")
    assert stamps(edited) == (admissions_user, NOW, admissions_user, NOW)
    redone = work(edited, colleague, LATER, status="not_verified", result="")
    assert stamps(redone) == (admissions_user, NOW, colleague, LATER)


def test_the_admin_saves_through_the_service_once(admissions_client, admissions_user, verification):
    url = f"/admin/intake/insuranceverification/{verification.pk}/change/"
    data = {
        "inquiry": verification.inquiry_id, "carrier": "aetna", "carrier_other": "", "group_number": "",
        "patient_birth_date": "1980-01-02", "subscriber": "self", "subscriber_name": "", "status": "in_progress",
        "result": "", "plan_type": "", "notes": "Called the carrier.", "deductible": "", "deductible_met": "",
        "out_of_pocket_max": "", "out_of_pocket_met": "",
        "benefits-TOTAL_FORMS": "0", "benefits-INITIAL_FORMS": "0", "benefits-MIN_NUM_FORMS": "0",
        "benefits-MAX_NUM_FORMS": "1000",
    }  # fmt: skip
    spy = mock.patch("admissions.admin.insurance.services.save_verification", wraps=services.save_verification)
    with spy as saved:
        assert admissions_client.post(url, data).status_code == 302
    saved.assert_called_once()
    assert saved.call_args.kwargs["changed"] == {"status": "requested", "notes": ""}
    assert saved.call_args.kwargs["by"] == admissions_user
    verification.refresh_from_db()
    assert verification.started_by == admissions_user and verification.started_at is not None
    assert verification.completed_at is None
