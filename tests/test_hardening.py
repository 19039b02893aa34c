"""Production hardening: CSP, Permissions-Policy, admin lockout, staff idle timeout, hostile input."""

import re
import string
from urllib.parse import urlencode

import pytest
from django.http import QueryDict
from django.test import Client
from hypothesis import HealthCheck, given
from hypothesis import settings as hyp_settings
from hypothesis import strategies as st

from intake.forms import InquiryForm
from intake.models import Inquiry
from intake.text import strip_control

from .factories import ArticleFactory, UserFactory
from .intake_helpers import form_data

pytestmark = pytest.mark.django_db


def test_csp_allows_only_our_own_scripts_and_no_nonce_so_pages_are_the_same_for_everyone(client):
    ArticleFactory(slug="x", questions=2)
    first, second = client.get("/faq/x/"), client.get("/faq/x/")
    policy = first["Content-Security-Policy"]
    assert re.search(r"script-src ([^;]+)", policy).group(1).strip() == "'self'"
    assert "frame-ancestors 'none'" in policy and "object-src 'none'" in policy
    # JSON-LD is a data block: browsers never run it, so it needs no nonce (tests/browser checks it).
    assert '<script type="application/ld+json">' in first.content.decode()
    assert first.content == second.content


def test_public_pages_have_no_inline_script(client):
    for path in ("/", "/contact/", "/levels-of-care/", "/faq/"):
        html = client.get(path).content.decode()
        assert "<script>" not in html and " onclick=" not in html and " onload=" not in html


def test_permissions_policy_header(client):
    header = client.get("/")["Permissions-Policy"]
    assert "camera=()" in header and "geolocation=()" in header and "microphone=()" in header


def test_admin_keeps_working_under_csp(admin_client):
    response = admin_client.get("/admin/faq/article/add/")
    assert response.status_code == 200 and "Content-Security-Policy" in response


def test_admin_login_locks_out_after_repeated_failures(settings):
    settings.AXES_FAILURE_LIMIT = 3
    UserFactory(username="target")
    client = Client()
    for _ in range(3):
        response = client.post("/admin/login/?next=/admin/", {"username": "target", "password": "wrong"})
    assert response.status_code == 429
    assert "locked" in response.content.decode().lower()
    right = client.post("/admin/login/?next=/admin/", {"username": "target", "password": "a-strong-test-pass"})
    assert right.status_code == 429  # still locked, even with the right password


def test_staff_session_expires_after_inactivity(client, settings, time_machine):
    settings.STAFF_SESSION_IDLE_SECONDS = 60
    time_machine.move_to("2026-06-01 12:00:00+00:00", tick=False)
    user = UserFactory(username="idle", group="Content editors")
    client.force_login(user)
    assert client.get("/admin/faq/article/").status_code == 200
    time_machine.move_to("2026-06-01 12:00:50+00:00", tick=False)
    assert client.get("/admin/faq/article/").status_code == 200  # activity keeps it alive
    time_machine.move_to("2026-06-01 12:02:00+00:00", tick=False)
    response = client.get("/admin/faq/article/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_the_idle_timer_starts_at_sign_in(settings, time_machine):
    settings.STAFF_SESSION_IDLE_SECONDS = 60
    time_machine.move_to("2026-06-01 12:00:00+00:00", tick=False)
    UserFactory(username="idle", group="Content editors")
    client = Client()
    signed_in = client.post("/admin/login/", {"username": "idle", "password": "a-strong-test-pass"})
    assert signed_in.status_code == 302 and client.session.get_expiry_age() == 60
    time_machine.move_to("2026-06-01 12:02:00+00:00", tick=False)  # no request since signing in
    response = client.get("/admin/faq/article/")
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")


text = st.text(alphabet=st.characters(codec="utf-8"), max_size=300)
fields = st.dictionaries(
    st.sampled_from(list(form_data()) + ["extra", "level", "consent"]),
    st.one_of(text, st.lists(text, max_size=3)),
    max_size=12,
)


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


@hyp_settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=st.one_of(text, st.text(alphabet=string.punctuation, max_size=50), st.text(min_size=1000, max_size=3000)))
def test_search_never_errors(client, query):
    assert client.get("/faq/", {"q": query}).status_code == _refused_or(200, query)


@hyp_settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(params=st.dictionaries(st.sampled_from(["q", "level", "page", "utm_source", "x"]), text, max_size=3))
def test_odd_queries_never_error(client, params):
    values = "".join(params.values())
    assert client.get("/faq/", params).status_code == _refused_or(_list_page_status(params.get("page")), values)
    assert client.get("/contact/", params).status_code == _refused_or(200, values)


def _refused_or(status, values):
    """A NUL in the query is refused for every page (core.unreadable_input)."""
    return 400 if "\x00" in values else status


def _list_page_status(page):
    """An empty list has one page: 1 (as int() reads it) or "last"; any other page is not found."""
    if not page or page == "last":  # an empty page asks for the first, as Django reads it
        return 200
    try:
        return 200 if int(page) == 1 else 404
    except ValueError:
        return 404


@hyp_settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(raw=st.binary(max_size=200))
def test_undecodable_bodies_are_not_server_errors(client, raw):
    response = client.post("/contact/", raw, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 200  # the form again, with its errors
    assert Inquiry.objects.count() == 0


def test_browsers_are_told_not_to_keep_the_contact_form(client):
    assert "no-store" in client.get("/contact/")["Cache-Control"]


@pytest.mark.parametrize("path", ["/admin/faq/article/", "/admin/intake/inquiry/", "/admin/levels/levelofcare/"])
def test_admin_search_with_a_nul_character_is_not_a_server_error(admin_client, path):
    assert admin_client.get(path, {"q": "a\x00b"}).status_code == 400
