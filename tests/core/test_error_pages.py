"""Error pages in the site's frame: the saved helpline without the database, a CSRF refusal that keeps
what was typed, a 403 with a way back."""

import re
from unittest import mock

import pytest
from django.db import DatabaseError
from django.test import Client

from core.models import SiteSettings
from intake.models import Inquiry

from ..intake_helpers import form_data, hidden_value

pytestmark = pytest.mark.django_db


# The error page shows the helpline the center set, without the database.
def test_the_error_page_shows_the_saved_helpline_when_the_database_is_down(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        SiteSettings.objects.create(helpline="+13235550142")
    visitor = Client(raise_request_exception=False)
    with mock.patch("django.db.backends.utils.CursorWrapper.execute", side_effect=DatabaseError("down")):
        response = visitor.get("/levels-of-care/")
    assert response.status_code == 500
    html = response.content.decode()
    assert 'href="tel:+13235550142"' in html and "(323) 555-0142" in html and "tel:+18184312224" not in html


# A refused form comes back in the site's frame, with what was typed.
def test_a_csrf_refusal_keeps_the_helpline_and_what_was_typed(settings):
    visitor = Client(enforce_csrf_checks=True)
    visitor.get("/contact/")
    response = visitor.post("/contact/", form_data(name="Kept Name", message="Kept words."))
    assert response.status_code == 403
    html = response.content.decode()
    assert 'href="tel:+18184312224"' in html and 'href="tel:988"' in html
    assert 'value="Kept Name"' in html and "Kept words." in html
    again = form_data(name="Kept Name", started=hidden_value(html, "started"))
    again["csrfmiddlewaretoken"] = hidden_value(html, "csrfmiddlewaretoken")
    assert visitor.post("/contact/", again).status_code == 302
    assert Inquiry.objects.get().name == "Kept Name"


def test_a_page_someone_may_not_open_is_the_sites_403_with_a_way_back(admissions_client):
    response = admissions_client.get("/admin/intake/accessrecord/")
    assert response.status_code == 403
    html = response.content.decode()
    assert re.search(r"<h1>([^<]*)</h1>", html).group(1) == "You do not have access to this page"
    assert re.findall(r'<li><a href="([^"]*)">([^<]*)</a></li>', html)[-2:] == [
        ("/", "Home"),
        ("/admin/", "Staff pages"),
    ]
