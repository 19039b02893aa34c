from datetime import timedelta

import pytest
from django.utils import timezone

from core.models import SiteSettings
from faq.models import Article

from .factories import ArticleFactory, LevelFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 60


def test_anonymous_pages_are_served_from_cache_without_queries(client, django_assert_num_queries):
    LevelFactory(slug="iop")
    first = client.get("/levels-of-care/iop/")
    assert first.status_code == 200 and "X-Page-Cache" not in first
    with django_assert_num_queries(0):
        second = client.get("/levels-of-care/iop/")
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content


def test_saving_content_drops_cached_pages(client):
    level = LevelFactory(slug="iop", summary="Old summary")
    assert "Old summary" in client.get("/levels-of-care/iop/").content.decode()
    level.summary = "New summary"
    level.save()
    assert "New summary" in client.get("/levels-of-care/iop/").content.decode()
    site = SiteSettings.current()
    site.name = "Renamed Center"
    site.save()
    assert "Renamed Center" in client.get("/levels-of-care/iop/").content.decode()


def test_staff_never_get_cached_pages(client, editor_user):
    ArticleFactory(slug="x")
    client.get("/faq/x/")
    client.force_login(editor_user)
    assert "X-Page-Cache" not in client.get("/faq/x/")


def test_scheduled_article_appears_within_a_minute(client, time_machine):
    now = timezone.now()
    time_machine.move_to(now, tick=False)
    ArticleFactory(slug="soon", publish_at=now + timedelta(seconds=30))
    ArticleFactory(slug="other")
    assert "/faq/soon/" not in client.get("/faq/").content.decode()
    assert Article.objects.published().count() == 1
    time_machine.move_to(now + timedelta(seconds=61), tick=False)
    assert "/faq/soon/" in client.get("/faq/").content.decode()


def test_cached_pages_still_record_attribution(client):
    client.get("/faq/")
    fresh = client.__class__()
    response = fresh.get("/faq/?utm_source=ad")
    assert "mg_first_touch" in response.cookies


def test_a_save_moves_the_generation_on_at_once_and_again_after_commit(django_capture_on_commit_callbacks):
    from core.page_cache import generation

    level = LevelFactory()
    with django_capture_on_commit_callbacks(execute=True):
        before = generation()
        level.save()
        during = generation()
    assert before < during < generation()


def test_generation_is_read_from_the_shared_cache_at_most_once_a_second(settings, time_machine):
    from django.core.cache import cache

    from core.page_cache import GENERATION_KEY, generation

    settings.GENERATION_RECHECK_SECONDS = 1
    time_machine.move_to(timezone.now(), tick=False)
    LevelFactory()  # a save in this process: seen at once
    first = generation()
    cache.set(GENERATION_KEY, first + 10, None)  # a save in another process
    assert generation() == first
    time_machine.shift(timedelta(seconds=1.5))
    assert generation() == first + 10
    level = LevelFactory()
    level.save()
    assert generation() > first + 10
