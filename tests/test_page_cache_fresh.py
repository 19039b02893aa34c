"""Kept pages with per-visitor values: each hit gets its own CSP nonce, CSRF token and form stamp."""

import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.utils import timezone
from django.views.decorators.cache import never_cache

from core.page_cache import AnonymousPageCacheMiddleware
from intake.models import Inquiry
from intake.spam import seconds_since_start

from .factories import ArticleFactory, LevelFactory
from .intake_helpers import form_data, hidden_value

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 60


def visitor():
    return Client(enforce_csrf_checks=True)


def nonces(response):
    in_header = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)
    in_page = re.findall(r'nonce="([^"]+)"', response.content.decode())
    return in_header, in_page


def post_inquiry(client, page, **overrides):
    html = page.content.decode()
    data = form_data(started=hidden_value(html, "started"), **overrides)
    data["csrfmiddlewaretoken"] = hidden_value(html, "csrfmiddlewaretoken")
    return client.post("/contact/", data)


def test_every_hit_gets_its_own_nonce_in_header_and_page():
    ArticleFactory(slug="x")
    first = visitor().get("/faq/x/")
    second = visitor().get("/faq/x/")
    assert "X-Page-Cache" not in first and second["X-Page-Cache"] == "hit"
    first_header, first_page = nonces(first)
    second_header, second_page = nonces(second)
    assert first_page == [first_header] and second_page == [second_header]
    assert second_header != first_header
    assert first_header not in second.content.decode() + second["Content-Security-Policy"]


def test_contact_page_is_kept_and_each_visitor_gets_a_token_stamp_and_cookie_of_their_own(
    django_assert_num_queries, time_machine
):
    time_machine.move_to(timezone.now(), tick=False)
    first_visitor, second_visitor = visitor(), visitor()
    first = first_visitor.get("/contact/")
    time_machine.shift(timedelta(seconds=40))
    with django_assert_num_queries(0):
        second = second_visitor.get("/contact/")
    assert second["X-Page-Cache"] == "hit"
    first_html, second_html = first.content.decode(), second.content.decode()
    for name in ("csrfmiddlewaretoken", "started"):
        assert second_html.count(f'name="{name}"') == 1
        assert hidden_value(first_html, name) not in second_html
    assert 0 <= seconds_since_start(hidden_value(second_html, "started")) < 1
    assert first.cookies[settings.CSRF_COOKIE_NAME].value != second.cookies[settings.CSRF_COOKIE_NAME].value
    assert second.cookies[settings.CSRF_COOKIE_NAME]["httponly"]
    # Browsers and proxies still must not keep it.
    assert "no-store" in second["Cache-Control"] and "private" in second["Cache-Control"]
    assert int(second["Content-Length"]) == len(second.content)
    time_machine.shift(timedelta(seconds=30))
    assert post_inquiry(second_visitor, second).status_code == 302
    assert post_inquiry(first_visitor, first).status_code == 302
    assert Inquiry.objects.filter(status=Inquiry.Status.NEW).count() == 2


def test_a_kept_contact_page_does_not_work_with_another_visitors_cookie():
    first_visitor, second_visitor = visitor(), visitor()
    first_visitor.get("/contact/")
    second = second_visitor.get("/contact/")
    assert second["X-Page-Cache"] == "hit"
    assert post_inquiry(visitor(), second).status_code == 403


def test_a_visitor_with_two_tabs_keeps_one_cookie_and_both_forms_work(time_machine):
    time_machine.move_to(timezone.now(), tick=False)
    client = visitor()
    first_tab = client.get("/contact/")
    cookie = client.cookies[settings.CSRF_COOKIE_NAME].value
    second_tab = client.get("/contact/")
    assert second_tab["X-Page-Cache"] == "hit"
    assert client.cookies[settings.CSRF_COOKIE_NAME].value == cookie
    time_machine.shift(timedelta(seconds=30))
    assert post_inquiry(client, second_tab).status_code == 302
    assert post_inquiry(client, first_tab).status_code == 302


def test_a_malformed_csrf_cookie_is_replaced_on_a_hit(time_machine):
    time_machine.move_to(timezone.now(), tick=False)
    visitor().get("/contact/")
    client = visitor()
    client.cookies[settings.CSRF_COOKIE_NAME] = "not a token"
    page = client.get("/contact/")
    assert page["X-Page-Cache"] == "hit"
    assert client.cookies[settings.CSRF_COOKIE_NAME].value != "not a token"
    time_machine.shift(timedelta(seconds=30))
    assert post_inquiry(client, page).status_code == 302


def test_what_a_visitor_typed_is_never_kept_for_others():
    LevelFactory(slug="iop")
    visitor().get("/contact/")
    visitor().get("/contact/?level=iop")
    sender = Client()
    response = sender.post("/contact/", form_data(name="Private Person", phone=""))
    assert response.status_code == 200 and "Private Person" in response.content.decode()
    for path in ("/contact/", "/contact/?level=iop"):
        page = visitor().get(path)
        assert page["X-Page-Cache"] == "hit"
        assert "Private Person" not in page.content.decode()
    assert 'value="iop" selected' in visitor().get("/contact/?level=iop").content.decode()
    assert 'value="iop" selected' not in visitor().get("/contact/").content.decode()


def test_a_private_response_is_not_kept_unless_its_view_says_it_may_be(rf: RequestFactory):
    @never_cache
    def private_view(request):
        return HttpResponse(f"for one visitor only {len(calls)}")

    calls = []
    middleware = AnonymousPageCacheMiddleware(lambda request: calls.append(1) or private_view(request))
    for _ in range(2):
        response = middleware(rf.get("/private/"))
        assert "X-Page-Cache" not in response
    assert len(calls) == 2
