"""The Admissions leads group (issue 24, item 16): Admissions' permissions and the export permission,
kept by the groups' post_migrate handler; whoever may not export is told whom to ask, on the inbox."""

import re

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from pytest_django.asserts import assertContains, assertNotContains

from staff.groups import ensure_staff_groups

from ..factories import InquiryFactory, UserFactory

pytestmark = pytest.mark.django_db

LIST = "/admin/intake/inquiry/"
NOTE = (
    '<p class="help export-note">Exporting to CSV is for Admissions leads. Ask an administrator to add you to '
    "Admissions leads.</p>"
)


def permissions(name):
    return set(Group.objects.get(name=name).permissions.values_list("content_type__app_label", "codename"))


def actions(response):
    select = re.search(r'<select name="action"[^>]*>(.*?)</select>', response.content.decode(), re.S).group(1)
    return re.findall(r'<option value="([^"]*)"', select)


def test_leads_hold_what_admissions_hold_and_the_export_permission():
    ensure_staff_groups(apps)  # again: safe to repeat
    assert permissions("Admissions leads") == permissions("Admissions") | {("intake", "export_inquiry")}
    assert ("intake", "export_inquiry") not in permissions("Admissions")


def test_a_lead_exports_and_is_told_nothing(client):
    lead = UserFactory(username="lead", group="Admissions leads")
    InquiryFactory()
    client.force_login(lead)
    response = client.get(LIST)
    assert actions(response) == ["", "assign_to_me", "mark_spam", "mark_not_spam", "export_csv"]
    assertNotContains(response, "export-note")


def test_a_coordinator_who_cannot_export_is_told_whom_to_ask(admissions_client):
    InquiryFactory()
    response = admissions_client.get(LIST)
    assert actions(response) == ["", "assign_to_me", "mark_spam", "mark_not_spam"]
    assertContains(response, NOTE, html=True)
