"""The public forms under hostile or odd input: never a server error, nothing kept that was not
accepted, old stamps counted as spam, plain words beside the fields."""

import time
from urllib.parse import urlencode

import pytest
from django.http import QueryDict
from django.test import Client
from hypothesis import HealthCheck, given
from hypothesis import settings as hyp_settings
from hypothesis import strategies as st

from intake.forms import InquiryForm
from intake.models import Inquiry
from intake.spam import sign_start
from intake.text import strip_control

from ..factories import LevelFactory
from ..intake_helpers import form_data
from ..markup import one, parse, select, texts

pytestmark = pytest.mark.django_db

text = st.text(alphabet=st.characters(codec="utf-8"), max_size=300)
fields = st.dictionaries(
    st.sampled_from(list(form_data()) + ["extra", "level", "consent"]),
    st.one_of(text, st.lists(text, max_size=3)),
    max_size=12,
)


# Odd requests get a clear 4xx, never a 500.
def test_form_posts_in_an_unusual_character_set_are_not_server_errors():
    body = "name=Sam&phone=8185550134".encode("utf-16")
    for path in ("/contact/", "/admin/login/"):
        visitor = Client(raise_request_exception=False, enforce_csrf_checks=True)
        visitor.get(path)
        response = visitor.generic("POST", path, body, content_type="application/x-www-form-urlencoded; charset=utf-16")
        assert response.status_code == 400, path
        page = parse(response)
        assert one(page, "main h1").text == "We could not read that request"
        assert texts(page, "main p") == [
            "The address or the form had characters our site cannot read. Check the link, or go back and try again. "
            "If you need help now, call our 24-hour helpline: (818) 431-2224.",
            "Home",
        ]
        assert [(a.attrs["href"], a.text) for a in select(page, "main a")] == [
            ("tel:+18184312224", "(818) 431-2224"), ("/", "Home")
        ]  # fmt: skip


@pytest.mark.parametrize("path", ["/faq/?level=%00", "/contact/?level=%00", "/faq/?level=a%00b"])
def test_a_level_named_with_a_nul_character_is_refused(client, path):
    LevelFactory(slug="iop")
    assert client.get(path).status_code == 400  # refused for every page (core.unreadable_input)


# A time stamp older than a day counts as spam.
def test_a_form_stamp_older_than_a_day_is_spam(client, settings):
    settings.INTAKE_RATE_LIMIT = "0"
    old = sign_start(time.time() - settings.INTAKE_MAX_FORM_AGE_SECONDS - 60)
    for _ in range(2):
        assert client.post("/contact/", form_data(started=old)).status_code == 302
    assert list(Inquiry.objects.values_list("status", "spam_reason")) == [("spam", "stale")] * 2
    assert client.post("/contact/", form_data()).status_code == 302
    assert list(Inquiry.objects.order_by("pk").values_list("status", "spam_reason")) == [("spam", "stale")] * 2 + [
        ("new", "")
    ]


# Plain words next to the fields.
def test_neither_phone_nor_email_is_said_once_in_plain_words(client):
    response = client.post("/contact/", form_data(phone="", email=""))
    html = response.content.decode()
    assert "Constraint" not in html and "violated" not in html
    either = "Enter a phone number or an e-mail address"
    page = parse(response)
    # Once in the summary and once beside the pair, at the phone box that opens it.
    assert texts(page, "#error-summary li") == [either]
    assert [(error.attrs["id"], error.text) for error in select(page, "form .invalid-feedback > span")] == [
        ("error_1_id_phone", either)
    ]  # fmt: skip


@hyp_settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(overrides=fields)
def test_contact_form_never_errors_and_stores_exactly_what_it_accepted(client, settings, overrides):
    settings.INTAKE_RATE_LIMIT = "0"
    data = form_data()
    data.update(overrides)
    before = Inquiry.objects.count()
    valid = InquiryForm(QueryDict(urlencode(data, doseq=True))).is_valid()
    response = client.post("/contact/", data)
    assert response.status_code == (302 if valid else 200)
    if response.status_code == 302:
        assert Inquiry.objects.count() == before + 1
        stored = Inquiry.objects.order_by("-pk").first()
        name = data["name"][-1] if isinstance(data["name"], list) else data["name"]
        assert stored.name == strip_control(name.strip())
    else:
        assert Inquiry.objects.count() == before


def test_browsers_are_told_not_to_keep_the_contact_form(client):
    assert "no-store" in client.get("/contact/")["Cache-Control"]
