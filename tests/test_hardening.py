"""Production hardening: CSP, Permissions-Policy, admin lockout, staff idle timeout, hostile input."""

import re
import string

import pytest
from django.test import Client
from hypothesis import HealthCheck, given
from hypothesis import settings as hyp_settings
from hypothesis import strategies as st

from intake.models import Inquiry
from intake.text import strip_control

from .factories import ArticleFactory, UserFactory
from .intake_helpers import form_data

pytestmark = pytest.mark.django_db


def test_csp_has_no_inline_script_and_json_ld_carries_the_nonce(client):
    ArticleFactory(slug="x", questions=2)
    response = client.get("/faq/x/")
    policy = response["Content-Security-Policy"]
    script_src = re.search(r"script-src ([^;]+)", policy).group(1)
    assert "'unsafe-inline'" not in script_src and "'self'" in script_src
    nonce = re.search(r"'nonce-([^']+)'", script_src).group(1)
    assert f'<script type="application/ld+json" nonce="{nonce}">' in response.content.decode()
    assert "frame-ancestors 'none'" in policy and "object-src 'none'" in policy


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
    response = client.post("/contact/", data)
    assert response.status_code in (200, 302, 400, 429)
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
    assert client.get("/faq/", {"q": query}).status_code == 200


@hyp_settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(params=st.dictionaries(st.sampled_from(["q", "level", "page", "utm_source", "x"]), text, max_size=3))
def test_odd_queries_through_the_page_cache_never_error(client, settings, params):
    settings.PAGE_CACHE_SECONDS = 60
    for path in ("/faq/", "/contact/"):
        first, second = client.get(path, params), client.get(path, params)
        assert first.status_code in (200, 404) and second.status_code == first.status_code
        if first.status_code == 200:
            assert second["X-Page-Cache"] == "hit"


@hyp_settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(raw=st.binary(max_size=200))
def test_undecodable_bodies_are_not_server_errors(client, raw):
    response = client.post("/contact/", raw, content_type="application/x-www-form-urlencoded")
    assert response.status_code in (200, 302, 400, 429)


def test_browsers_are_told_not_to_keep_the_contact_form(client):
    assert "no-store" in client.get("/contact/")["Cache-Control"]


@pytest.mark.parametrize("path", ["/admin/faq/article/", "/admin/intake/inquiry/", "/admin/levels/levelofcare/"])
def test_admin_search_with_a_nul_character_is_not_a_server_error(admin_client, path):
    assert admin_client.get(path, {"q": "a\x00b"}).status_code == 200
