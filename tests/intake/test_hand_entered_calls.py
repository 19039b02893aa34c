"""Calls and walk-ins entered by hand (issue 24, item 5): one taken in a live conversation is reached as
it is entered, by the person entering it; a voicemail or a message waits for a call back, as a web
inquiry does; the inbox and the speed-to-lead figures read them so."""

import re
from datetime import datetime, timedelta
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import transaction
from django.test import Client
from pytest_django.asserts import assertContains

from admissions.dashboard.figures import figures
from intake.models import Inquiry, Note, StatusChange

from ..factories import UserFactory
from ..intake_helpers import INLINES

pytestmark = pytest.mark.django_db

ADD = "/admin/intake/inquiry/add/"
LIST = "/admin/intake/inquiry/"
NOW = datetime(2026, 6, 15, 12, 0, tzinfo=ZoneInfo("America/Los_Angeles"))


def entered(**changes):
    """What the Add inquiry form posts, with `changes`."""
    data = {
        "channel": "phone", "received_as": "live", "language": "en", "referral_source": "", "referral_contact": "",
        "name": "Caller", "phone": "818-555-0101", "email": "", "preferred_contact": "call", "best_time": "any",
        "inquiry_for": "myself", "level": "", "payment": "not_sure", "insurance_carrier": "", "message": "",
        "assigned_to": "", "follow_up_step": "", "follow_up_at_0": "", "follow_up_at_1": "", "follow_up_owner": "",
        **INLINES,
    }  # fmt: skip
    data.update(changes)
    return data


@pytest.fixture(scope="module")
def shift(django_db_setup, django_db_blocker):
    """One coordinator's entries through the Add inquiry form at NOW, made once for the module and rolled
    back after it: a call answered, a walk-in at the desk, a voicemail."""
    with django_db_blocker.unblock(), transaction.atomic():
        rosa = UserFactory(username="rosa", first_name="Rosa", last_name="Diaz", group="Admissions")
        client = Client()
        client.force_login(rosa)
        entries = {
            "call": entered(name="Answered Call", phone="818-555-0111"),
            "walk_in": entered(name="Front Desk", channel="walk_in", phone="818-555-0122"),
            "voicemail": entered(name="Left Voicemail", received_as="message", phone="818-555-0133"),
        }
        with time_machine.travel(NOW, tick=False):
            for data in entries.values():
                response = client.post(ADD, data)
                assert response.status_code == 302, response.content.decode()[-1500:]
        made = {key: Inquiry.objects.get(name=data["name"]) for key, data in entries.items()}
        yield SimpleNamespace(rosa=rosa, **made)
        transaction.set_rollback(True)


def contact_notes(inquiry):
    return list(Note.objects.filter(inquiry=inquiry).values_list("author", "kind", "outcome", "text", "created_at"))


def moves(inquiry):
    return list(StatusChange.objects.filter(inquiry=inquiry).values_list("from_status", "to_status", "by", "at"))


def test_the_form_asks_how_it_reached_you_with_a_live_conversation_chosen(admissions_client):
    response = admissions_client.get(ADD)
    assertContains(response, '<label class="required">How did this reach you?</label>', html=True)
    assertContains(
        response,
        """<div id="id_received_as" class="radiolist">
        <div><label for="id_received_as_0"><input type="radio" name="received_as" value="live" class="radiolist"
          required id="id_received_as_0" checked>
          A live conversation (a call answered, someone at the desk)</label></div>
        <div><label for="id_received_as_1"><input type="radio" name="received_as" value="message" class="radiolist"
          required id="id_received_as_1"> A voicemail or a message left for us</label></div>
        </div>""",
        html=True,
    )


def test_a_call_answered_is_reached_when_entered_by_who_entered_it(shift):
    call = shift.call
    assert (call.status, call.received_as) == ("contacted", "live")
    assert call.created_at == call.first_contact_at == call.first_reached_at == NOW
    assert contact_notes(call) == [
        (shift.rosa.pk, "call", "reached", "Spoke with them when entered (phone call).", NOW)
    ]
    assert moves(call) == [("new", "contacted", shift.rosa.pk, NOW)]
    assert not call.is_overdue(now=NOW + timedelta(hours=1))


def test_a_walk_in_at_the_desk_is_reached_when_entered(shift):
    walk_in = shift.walk_in
    assert (walk_in.status, walk_in.first_contact_at, walk_in.first_reached_at) == ("contacted", NOW, NOW)
    assert contact_notes(walk_in) == [
        (shift.rosa.pk, "call", "reached", "Spoke with them when entered (walk-in).", NOW)
    ]
    assert moves(walk_in) == [("new", "contacted", shift.rosa.pk, NOW)]


def test_a_voicemail_waits_for_a_call_back_like_a_web_inquiry(shift):
    voicemail = shift.voicemail
    assert (voicemail.status, voicemail.received_as) == ("new", "message")
    assert (voicemail.first_contact_at, voicemail.first_reached_at) == (None, None)
    assert contact_notes(voicemail) == [] and moves(voicemail) == []
    later = NOW + timedelta(minutes=16)
    assert list(Inquiry.objects.overdue(now=later)) == [voicemail]


def test_the_inbox_shows_the_live_ones_contacted_and_the_voicemail_overdue(shift, client):
    client.force_login(shift.rosa)
    response = client.get(LIST)
    rows = {
        name: status
        for status, name in re.findall(
            r'<td class="field-status_badge">(.*?)</td><td class="field-name"><a [^>]*>([^<]+)</a></td>',
            response.content.decode(),
        )
    }
    assert rows == {
        "Answered Call": "Contacted",
        "Front Desk": "Contacted",
        "Left Voicemail": '<strong class="overdue" title="Past the 15-minute response target">⚠ New, overdue</strong>',
    }


def test_the_figures_count_live_ones_reached_at_once_and_the_voicemail_still_waiting(shift):
    result = figures(NOW.date(), NOW.date())
    total = result.total
    assert (total.inquiries, total.contacted, total.within_target, total.attempt_times) == (3, 2, 2, 2)
    assert (total.attempt_median, total.reach_median) == (0.0, 0.0)
    _, by_channel = result.breakdowns["channel"]
    shares = {row.group: (row.inquiries, row.within_target, row.within_target_share) for row in by_channel}
    assert shares == {"Phone call": (2, 1, 0.5), "Walk-in": (1, 1, 1.0)}


def test_an_e_mail_is_never_a_live_conversation(admissions_client):
    response = admissions_client.post(ADD, entered(channel="email", phone="", email="asked@example.com"))
    assert response.status_code == 200
    error = (
        '<ul class="errorlist" id="id_received_as_error"><li>An e-mail is a message left for us: choose '
        "“A voicemail or a message left for us”.</li></ul>"
    )
    assertContains(response, error, html=True)
    assert not Inquiry.objects.filter(email="asked@example.com").exists()


def test_the_choice_must_be_made(admissions_client):
    response = admissions_client.post(ADD, entered(received_as="", name="Not Asked"))
    error = '<ul class="errorlist" id="id_received_as_error"><li>This field is required.</li></ul>'
    assertContains(response, error, html=True)
    assert not Inquiry.objects.filter(name="Not Asked").exists()
