"""Error pages in the site's frame: the saved helpline without the database, a CSRF refusal that keeps
what was typed, a 403 with a way back."""

from unittest import mock

import pytest
from django.db import DatabaseError
from django.test import Client

from core.models import SiteSettings
from intake.models import Inquiry

from ..intake_helpers import MEMBER_ID, form_data, hidden_value, request_data
from ..markup import links, one, parse, select, texts

pytestmark = pytest.mark.django_db


# The error page shows the helpline the center set, without the database.
def test_the_error_page_shows_the_saved_helpline_when_the_database_is_down(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        SiteSettings.objects.create(helpline="+13235550142")
    visitor = Client(raise_request_exception=False)
    with mock.patch("django.db.backends.utils.CursorWrapper.execute", side_effect=DatabaseError("down")):
        response = visitor.get("/levels-of-care/")
    assert response.status_code == 500
    page = parse(response)
    assert one(page, "main h1").text == "Something went wrong on our side"
    assert texts(page, "main p") == [
        "Please try again in a moment. If you need help now, call our 24-hour helpline: (323) 555-0142."
    ]
    assert links(page, "tel:") == [("tel:+13235550142", "(323) 555-0142")]
    assert "tel:+18184312224" not in response.content.decode()  # nowhere: not the helpline the center replaced


# A refused form comes back in the site's frame, with what was typed.
def test_a_csrf_refusal_keeps_the_helpline_and_what_was_typed(settings):
    visitor = Client(enforce_csrf_checks=True)
    visitor.get("/contact/")
    response = visitor.post("/contact/", form_data(name="Kept Name", message="Kept words."))
    assert response.status_code == 403
    html = response.content.decode()
    page = parse(html)
    assert one(page, "main h1").text == "Please send that again"
    call_us = "If you need help now, call us: (818) 431-2224, any time, day or night."
    assert one(page, "main [role=alert] p.mb-0").text == call_us
    assert links(page, "tel:") == [("tel:+18184312224", "(818) 431-2224")]
    assert [(a.attrs["href"], a.text) for a in select(page, "aside.crisis-notice .crisis-full a")] == [
        ("tel:988", "Call 988"), ("sms:988", "Text 988"), ("tel:911", "Call 911")
    ]  # fmt: skip
    short_line = select(page, "aside.crisis-notice .crisis-short a")
    assert [a.attrs["href"] for a in short_line] == ["tel:988", "sms:988", "tel:911"]
    assert one(page, "input[name=name]").attrs["value"] == "Kept Name"
    assert one(page, "textarea[name=message]").text == "Kept words."
    again = form_data(name="Kept Name", started=hidden_value(html, "started"))
    again["csrfmiddlewaretoken"] = hidden_value(html, "csrfmiddlewaretoken")
    assert visitor.post("/contact/", again).status_code == 302
    assert Inquiry.objects.get().name == "Kept Name"


def test_a_csrf_refusal_of_the_insurance_form_keeps_what_was_typed_but_the_photos():
    visitor = Client(enforce_csrf_checks=True)
    visitor.get("/insurance/verify/")
    response = visitor.post("/insurance/verify/", request_data(name="Kept Name"))
    assert response.status_code == 403
    page = parse(response)
    assert one(page, "main h1").text == "Please send that again"
    form = one(page, "form#verification-form")
    assert one(form, "input[name=name]").attrs["value"] == "Kept Name"
    assert one(form, "input[name=member_id]").attrs["value"] == MEMBER_ID
    boxes = [one(form, f"input[name=patient_birth_date_{part}]") for part in ("month", "day", "year")]
    assert [box.attrs["value"] for box in boxes] == ["03", "14", "1990"]
    assert one(form, "input[name=started]").attrs["value"]


def test_a_page_someone_may_not_open_is_the_sites_403_with_a_way_back(admissions_client):
    response = admissions_client.get("/admin/intake/accessrecord/")
    assert response.status_code == 403
    page = parse(response)
    assert one(page, "main h1").text == "You do not have access to this page"
    assert [(a.attrs["href"], a.text) for a in select(page, "main > ul > li > a")] == [
        ("/", "Home"),
        ("/admin/", "Staff pages"),
    ]
