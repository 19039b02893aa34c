"""The admin's home page: what is waiting for the person signed in."""

import re
from datetime import date, timedelta

import pytest
from django.utils import timezone

from intake.models import InsuranceVerification

from ..factories import InquiryFactory

pytestmark = pytest.mark.django_db


def waiting_now(html):
    section = re.search(r'<section class="shift-counts".*?</section>', html, re.S)
    if section is None:
        return None
    found = re.findall(
        r'<a href="([^"]+)"><span class="shift-count">(\d+)</span> <span class="shift-label">([^<]+)</span></a>',
        section.group(0),
    )
    return [(label, int(count), url) for url, count, label in found]


def test_a_coordinator_sees_what_is_waiting_each_a_link_to_its_queue(client, admissions_user):
    now = timezone.now()
    InquiryFactory(status="new", created_at=now - timedelta(hours=2))  # new and overdue
    InquiryFactory(status="new", created_at=now)  # new, within the target
    InquiryFactory(status="contacted", assigned_to=admissions_user, follow_up_at=now - timedelta(minutes=5))
    InquiryFactory(status="closed", close_reason="other", assigned_to=admissions_user)  # not open: not counted
    InsuranceVerification.objects.create(
        inquiry=InquiryFactory(status="contacted"), carrier="aetna", member_id="M1", patient_birth_date=date(1980, 1, 2)
    )
    client.force_login(admissions_user)
    counts = waiting_now(client.get("/admin/").content.decode())
    inbox, verifications = "/admin/intake/inquiry/", "/admin/intake/insuranceverification/"
    assert counts == [
        ("New", 2, f"{inbox}?status=new"),
        ("Overdue", 1, f"{inbox}?queue=overdue"),
        ("Follow-ups due", 1, f"{inbox}?queue=follow_up"),
        ("Yours, open", 1, f"{inbox}?queue=mine"),
        ("Assessments today", 0, f"{inbox}assessments/"),
        ("Verifications requested", 1, f"{verifications}?status__exact=requested"),
    ]


def test_content_editors_see_no_counts(editor_client):
    InquiryFactory(status="new")
    assert waiting_now(editor_client.get("/admin/").content.decode()) is None
