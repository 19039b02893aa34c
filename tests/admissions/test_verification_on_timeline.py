"""Insurance verification pages name the person, and a finished verification is on the inquiry's
timeline with who finished it, when and what it found, never the member ID (issue 24, item 15)."""

import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from pytest_django.asserts import assertContains

from admissions.workspace import timeline
from intake import services
from intake.models import AccessRecord, InsuranceVerification

from ..factories import InquiryFactory, UserFactory

pytestmark = pytest.mark.django_db

VERIFICATIONS = "/admin/intake/insuranceverification/"
MEMBER_ID = "K-55501234"
DONE_AT = datetime(2026, 6, 15, 14, 30, tzinfo=ZoneInfo("America/Los_Angeles"))


@pytest.fixture
def verification():
    inquiry = InquiryFactory(name="Maria Lopez")
    return InsuranceVerification.objects.create(
        inquiry=inquiry, carrier="aetna", member_id=MEMBER_ID, patient_birth_date=date(1980, 1, 2)
    )


def verification_form(inquiry, **changes):
    return {
        "inquiry": inquiry.pk, "carrier": "aetna", "carrier_other": "", "group_number": "",
        "patient_birth_date": "1980-01-02", "subscriber": "self", "subscriber_name": "", "status": "in_progress",
        "result": "", "plan_type": "", "notes": "Called the plan.", "deductible": "", "deductible_met": "",
        "out_of_pocket_max": "", "out_of_pocket_met": "",
        "benefits-TOTAL_FORMS": "0", "benefits-INITIAL_FORMS": "0", "benefits-MIN_NUM_FORMS": "0",
        "benefits-MAX_NUM_FORMS": "1000", **changes,
    }  # fmt: skip


def timeline_items(html):
    section = re.search(r'<section class="timeline".*?</section>', html, re.S).group(0)
    return re.findall(r'<li class="timeline-(\w+)">(.*?)</li>', section, re.S)


def test_the_list_names_the_person_and_the_look_is_logged(admissions_client, admissions_user, verification):
    response = admissions_client.get(VERIFICATIONS)
    inquiry_url = f"/admin/intake/inquiry/{verification.inquiry_id}/change/"
    assertContains(response, f'<td class="field-person"><a href="{inquiry_url}">Maria Lopez</a></td>', html=True)
    assertContains(
        response,
        f'<td class="field-inquiry_link"><a href="{inquiry_url}">#{verification.inquiry_id}</a></td>',
        html=True,
    )
    assert list(AccessRecord.objects.filter(user=admissions_user).values_list("action", "detail")) == [
        ("list", "insurance verifications, filters: none")
    ]


def test_the_page_names_the_person(admissions_client, verification):
    response = admissions_client.get(f"{VERIFICATIONS}{verification.pk}/change/")
    inquiry_url = f"/admin/intake/inquiry/{verification.inquiry_id}/change/"
    assertContains(response, f'<div class="readonly"><a href="{inquiry_url}">Maria Lopez</a></div>', html=True)


def test_finishing_it_puts_its_result_on_the_timeline_without_the_member_id(admissions_client, verification):
    inquiry_url = f"/admin/intake/inquiry/{verification.inquiry_id}/change/"
    # The whole visit at one time: the idle timeout would end a session stamped in the past.
    with time_machine.travel(DONE_AT, tick=False):
        data = verification_form(verification.inquiry, status="verified", result="in_network")
        response = admissions_client.post(f"{VERIFICATIONS}{verification.pk}/change/", data)
        assert response.status_code == 302, re.findall(r"errorlist[^>]*>.{0,300}", response.content.decode())
        response = admissions_client.get(inquiry_url)
    page = response.content.decode()
    items = timeline_items(page)
    assert [kind for kind, _ in items] == ["verification", "arrival"]
    assertContains(
        response,
        f"""<li class="timeline-verification">
        <time datetime="2026-06-15T14:30:00-07:00">Jun 15, 2026, 2:30 PM</time>
        <strong>Insurance verified: in network</strong> <span class="workspace-note">by admissions-staff</span>
        <p>Verification #{verification.pk}, Aetna</p></li>""",
        html=True,
    )
    assert MEMBER_ID not in page and MEMBER_ID[-4:] not in items[0][1]


def test_one_that_could_not_be_verified_says_so_with_who(verification):
    finisher = UserFactory(username="ana", first_name="Ana", last_name="Cruz")
    verification.status = InsuranceVerification.Status.NOT_VERIFIED
    with time_machine.travel(DONE_AT, tick=False):
        services.save_verification(verification=verification, by=finisher, changed={"status": "requested"})
    entry = timeline(verification.inquiry)[0]
    assert (entry.at, entry.what, entry.detail, entry.by, entry.kind) == (
        DONE_AT, "Insurance could not be verified", f"Verification #{verification.pk}, Aetna", "Ana Cruz",
        "verification",
    )  # fmt: skip


def test_one_still_being_worked_leaves_nothing_yet(verification, admissions_user):
    verification.status = InsuranceVerification.Status.IN_PROGRESS
    services.save_verification(verification=verification, by=admissions_user, changed={"status": "requested"})
    assert [entry.kind for entry in timeline(verification.inquiry)] == ["arrival"]
