"""The cache in Redis, as in production: it works when Redis answers, and the site works without it."""

import pytest
import redis
from django.core.cache import cache
from django.test import Client

from intake.models import Inquiry
from magnolia.caches import cache_settings

from ..factories import ArticleFactory, LevelFactory
from ..intake_helpers import form_data, hidden_value
from ..workers import empty_redis, redis_url

pytestmark = pytest.mark.django_db

REDIS_URL = redis_url(0)  # a Redis database of this test process's own


@pytest.fixture
def live_redis(settings):
    empty_redis(REDIS_URL)
    settings.CACHES = cache_settings(REDIS_URL, settings.CACHE_DIR)
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def dead_redis(settings):
    settings.CACHES = cache_settings("redis://127.0.0.1:1/0", settings.CACHE_DIR)  # nothing listens on port 1


def test_with_redis_site_settings_are_shared_and_fragments_stay_in_each_process(
    client, live_redis, django_assert_num_queries, settings
):
    settings.WHOLE_PAGE_CACHE = False
    level = LevelFactory(slug="iop", summary="Old summary")
    assert "Old summary" in client.get("/levels-of-care/iop/").content.decode()
    keys = redis.Redis.from_url(REDIS_URL).keys("magnolia:*")
    assert any(key.startswith(b"magnolia:1:site-settings:") for key in keys), keys
    # Fragments are this process's own (magnolia/caches.py): Redis would cost a round trip each.
    assert not any(b"template.cache" in key for key in keys), keys
    with django_assert_num_queries(1):  # the version: the level and its fragments are kept
        client.get("/levels-of-care/iop/")
    level.summary = "New summary"
    level.save()
    assert "New summary" in client.get("/levels-of-care/iop/").content.decode()
    assert client.get("/healthz").json()["cache"] == "ok"


def test_whole_pages_kept_in_redis_show_a_change_at_once(client, live_redis, django_assert_num_queries):
    level = LevelFactory(slug="iop", summary="Old summary")
    client.get("/levels-of-care/iop/")
    with django_assert_num_queries(1):  # the version: the page itself comes from Redis
        assert client.get("/levels-of-care/iop/")["X-Page-Cache"] == "hit"
    level.summary = "New summary"
    level.save()
    response = client.get("/levels-of-care/iop/")
    assert "X-Page-Cache" not in response and "New summary" in response.content.decode()


def test_contact_form_through_redis_gives_each_visitor_their_own_token(live_redis, time_machine):
    time_machine.move_to("2026-11-27 12:00:00+00:00", tick=False)
    first = Client(enforce_csrf_checks=True).get("/contact/").content.decode()
    visitor = Client(enforce_csrf_checks=True)
    html = visitor.get("/contact/").content.decode()
    assert hidden_value(html, "csrfmiddlewaretoken") != hidden_value(first, "csrfmiddlewaretoken")
    time_machine.shift(30)
    data = form_data(
        started=hidden_value(html, "started"), csrfmiddlewaretoken=hidden_value(html, "csrfmiddlewaretoken")
    )
    assert visitor.post("/contact/", data).status_code == 302
    assert Inquiry.objects.get().status == Inquiry.Status.NEW


def test_site_keeps_working_when_redis_is_down(client, dead_redis):
    ArticleFactory(slug="x", questions=3)
    LevelFactory(slug="iop")
    for path in ["/", "/levels-of-care/", "/levels-of-care/iop/", "/faq/", "/faq/x/", "/faq/?q=article", "/contact/"]:
        response = client.get(path)
        assert response.status_code == 200, path
        assert "24-hour helpline" in response.content.decode()
    response = client.post("/contact/", form_data())
    assert response.status_code == 302  # the rate limit cannot count, so the inquiry is taken
    assert Inquiry.objects.get().status == Inquiry.Status.NEW
    health = client.get("/healthz")
    assert health.status_code == 200 and health.json() == {
        "status": "degraded",
        "database": "ok",
        "cache": "unavailable",
    }
