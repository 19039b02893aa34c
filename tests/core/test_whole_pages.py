"""Whole public pages kept under the content version (core.middleware.WholePageCacheMiddleware)."""

from datetime import timedelta

import pytest
import redis
from django.core import signing
from django.test import Client
from django.utils import timezone

from magnolia.caches import cache_settings

from ..factories import ArticleFactory, LevelFactory
from ..workers import empty_redis, redis_url

pytestmark = pytest.mark.django_db

REDIS_URL = redis_url(0)  # a Redis database of this test process's own


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


def test_list_pages_are_kept_per_page_and_level(returning_visitor):
    level = LevelFactory(slug="iop")
    for i in range(12):
        ArticleFactory(slug=f"a{i}", title=f"Article about recovery {i}")
    ArticleFactory(slug="about-iop").related_levels.add(level)
    for path in ["/faq/?page=2", "/faq/?level=iop", "/sitemap-articles.xml?p=1"]:
        first = returning_visitor.get(path)
        second = returning_visitor.get(path)
        assert second["X-Page-Cache"] == "hit" and second.content == first.content, path
    assert returning_visitor.get("/faq/?page=2").content != returning_visitor.get("/faq/?level=iop").content


def test_searches_are_answered_fresh_and_never_kept(returning_visitor):
    for i in range(12):
        ArticleFactory(slug=f"a{i}", title=f"Article about recovery {i}")
    for path in ["/faq/?q=recovery", "/faq/?q=recovery&page=2"]:
        first = returning_visitor.get(path)
        second = returning_visitor.get(path)
        assert "X-Page-Cache" not in second and second.content == first.content, path
    assert returning_visitor.get("/faq/?page=2").content != returning_visitor.get("/faq/?q=recovery&page=2").content


# Addresses a visitor can vary without end: none may leave anything in the cache.
MADE_UP = {
    "search": "/faq/?q=recovery+{}",
    "search-page": "/faq/?q=recovery+{}&page=1",
    "unknown-level": "/faq/?level=no-such-level-{}",
    "page-with-zeros": "/faq/?page={}",
    "level-on-the-form": "/contact/?level=no-such-level-{}",
    "sitemap-page-with-zeros": "/sitemap-articles.xml?p={}",
}


def _made_up(pattern, i):
    # Page numbers written with leading zeros: 01, 001... all page 1.
    return pattern.format("0" * (i + 1) + "1" if "page=" in pattern or "p=" in pattern else i)


@pytest.fixture
def own_cache_folder(settings, tmp_path):
    settings.CACHES = cache_settings(None, tmp_path)
    return tmp_path


@pytest.mark.parametrize("kind", list(MADE_UP))
def test_made_up_addresses_add_nothing_to_the_cache_folder(client, own_cache_folder, kind):
    ArticleFactory(slug="a", title="Article about recovery")
    LevelFactory(slug="iop")
    for path in ["/", "/faq/", "/contact/", "/sitemap-articles.xml", _made_up(MADE_UP[kind], 0)]:
        assert client.get(path).status_code == 200, path
    before = sorted(own_cache_folder.iterdir())
    for i in range(1, 31):
        path = _made_up(MADE_UP[kind], i)
        assert client.get(path).status_code == 200, path
    assert sorted(own_cache_folder.iterdir()) == before


def test_searches_add_no_key_to_redis(client, settings):
    empty_redis(REDIS_URL)
    settings.CACHES = cache_settings(REDIS_URL, settings.CACHE_DIR)
    ArticleFactory(slug="a", title="Article about recovery")
    server = redis.Redis.from_url(REDIS_URL)
    assert client.get("/faq/?q=warm+up").status_code == 200
    before = sorted(server.keys("*"))
    for i in range(30):
        assert client.get(f"/faq/?q=recovery+{i}").status_code == 200
    assert sorted(server.keys("*")) == before
    server.flushdb()


def test_staff_and_pages_with_a_form_are_never_kept(editor_client):
    ArticleFactory(slug="x")
    for path in ["/faq/x/", "/faq/x/preview/", "/contact/"]:
        editor_client.get(path)
        assert "X-Page-Cache" not in editor_client.get(path), path
    visitor = Client()
    visitor.get("/contact/")
    assert "X-Page-Cache" not in visitor.get("/contact/")
