"""Whole public pages kept under the content version (core.middleware.WholePageCacheMiddleware)."""

from datetime import timedelta

import pytest
from django.core import signing
from django.test import Client
from django.utils import timezone

from .factories import ArticleFactory, LevelFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def returning_visitor(client):
    client.get("/robots.txt")
    client.get("/")
    return client


def test_a_page_is_kept_until_content_changes(returning_visitor):
    level = LevelFactory(slug="iop", summary="Old summary")
    first = returning_visitor.get("/levels-of-care/iop/")
    second = returning_visitor.get("/levels-of-care/iop/")
    assert second["X-Page-Cache"] == "hit" and second.content == first.content
    level.summary = "New summary"
    level.save()
    third = returning_visitor.get("/levels-of-care/iop/")
    assert "X-Page-Cache" not in third and "New summary" in third.content.decode()


def test_a_kept_page_shows_a_scheduled_article_at_its_time(returning_visitor, time_machine):
    now = timezone.now()
    time_machine.move_to(now, tick=False)
    ArticleFactory(slug="soon", title="Right on time", publish_at=now + timedelta(minutes=5))
    for _ in range(2):
        assert "Right on time" not in returning_visitor.get("/faq/").content.decode()
    time_machine.shift(timedelta(minutes=5, seconds=1))
    assert "Right on time" in returning_visitor.get("/faq/").content.decode()


def test_a_new_visitor_served_a_kept_page_still_gets_their_own_first_visit_cookie(returning_visitor):
    LevelFactory(slug="iop")
    returning_visitor.get("/levels-of-care/")
    newcomer = Client().get("/levels-of-care/", HTTP_REFERER="https://search.example/")
    assert newcomer["X-Page-Cache"] == "hit"
    arrival = signing.loads(newcomer.cookies["mg_first_touch"].value, salt="intake.attribution")
    assert arrival["referrer"] == "https://search.example/"
    assert newcomer["Cache-Control"] == "private"  # it carries a cookie of its own


@pytest.mark.parametrize("query", ["?utm_source=ad", "?x=1", "?page=1&fbclid=abc"])
def test_pages_with_other_query_parameters_are_not_kept(returning_visitor, query):
    for _ in range(2):
        assert "X-Page-Cache" not in returning_visitor.get("/faq/" + query)


def test_search_pages_and_list_pages_are_kept_per_query_and_page(returning_visitor):
    for i in range(12):
        ArticleFactory(slug=f"a{i}", title=f"Article about recovery {i}")
    for path in ["/faq/?q=recovery", "/faq/?q=recovery&page=2", "/faq/?page=2"]:
        first = returning_visitor.get(path)
        second = returning_visitor.get(path)
        assert second["X-Page-Cache"] == "hit" and second.content == first.content, path
    assert returning_visitor.get("/faq/?page=2").content != returning_visitor.get("/faq/?q=recovery&page=2").content


def test_staff_and_pages_with_a_form_are_never_kept(editor_client):
    ArticleFactory(slug="x")
    for path in ["/faq/x/", "/faq/x/preview/", "/contact/"]:
        editor_client.get(path)
        assert "X-Page-Cache" not in editor_client.get(path), path
    visitor = Client()
    visitor.get("/contact/")
    assert "X-Page-Cache" not in visitor.get("/contact/")
