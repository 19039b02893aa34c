"""Cached fragments: rendered content reused until content changes; the rest of the page is live.

These run in one process; tests/integration/test_workers.py checks the same promises across worker processes.
"""

import re
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from core import content_version
from core.models import ContentVersion, SiteSettings
from faq.models import Article, Question
from intake.models import Inquiry
from intake.spam import seconds_since_start

from ..factories import ArticleFactory, LevelFactory, TopicFactory
from ..intake_helpers import form_data, hidden_value

pytestmark = pytest.mark.django_db


def test_article_body_is_rendered_once_then_reused(client, django_assert_num_queries, settings):
    settings.WHOLE_PAGE_CACHE = False
    article = ArticleFactory(slug="x", questions=12)
    article.topics.add(TopicFactory())
    article.related_levels.add(LevelFactory())
    client.get("/")  # site settings cached, as after any first page
    # version, article, related articles; then, rendering the body: questions, sources, topics, levels
    with django_assert_num_queries(7):
        first = client.get("/faq/x/")
    # The version alone: the article, its body, JSON-LD and related come from this process's cache.
    with django_assert_num_queries(1):
        second = client.get("/faq/x/")
    assert second.content == first.content


def test_a_change_made_without_signals_shows_once_the_version_moves_on(client):
    ArticleFactory(slug="x", questions=2)
    client.get("/faq/x/")
    Question.objects.filter(position=1).update(question="Changed in bulk?")  # no signal, no new version
    assert "Changed in bulk?" not in client.get("/faq/x/").content.decode()
    content_version.bump()  # as the docstring of core.content_version asks after QuerySet.update()
    assert "Changed in bulk?" in client.get("/faq/x/").content.decode()


def test_the_version_lives_in_the_database_so_an_emptied_cache_never_repeats_an_old_one(client):
    ArticleFactory(slug="x", questions=2)
    before = content_version.current()
    client.get("/faq/x/")
    cache.clear()  # as when Redis restarts
    Question.objects.filter(position=1).get().save()
    assert content_version.current() > before
    ContentVersion.objects.all().delete()  # as after a flush: the next number starts from the clock
    content_version.bump()
    assert content_version.current() > before


def test_edited_question_shows_at_once(client):
    article = ArticleFactory(slug="x", questions=3)
    assert "Edited wording?" not in client.get("/faq/x/").content.decode()
    question = article.questions.get(position=2)
    question.question = "Edited wording?"
    question.save()
    body = client.get("/faq/x/").content.decode()
    assert body.count("Edited wording?") == 3  # table of contents, heading and JSON-LD
    assert "Edited wording?" in re.search(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', body, re.S)[1]
    Question.objects.filter(pk=question.pk).delete()
    assert "Edited wording?" not in client.get("/faq/x/").content.decode()


def test_scheduled_related_article_appears_on_time_though_the_body_is_cached(client, time_machine):
    now = timezone.now()
    time_machine.move_to(now, tick=False)
    topic = TopicFactory()
    ArticleFactory(slug="x").topics.add(topic)
    ArticleFactory(slug="later", title="Scheduled neighbour", publish_at=now + timedelta(minutes=5)).topics.add(topic)
    assert "Scheduled neighbour" not in client.get("/faq/x/").content.decode()
    assert "Scheduled neighbour" not in client.get("/faq/").content.decode()
    time_machine.move_to(now + timedelta(minutes=6), tick=False)
    assert "Scheduled neighbour" in client.get("/faq/x/").content.decode()
    assert "Scheduled neighbour" in client.get("/faq/").content.decode()


def test_lists_with_the_same_articles_keep_their_own_empty_text(client):
    TopicFactory(slug="empty")
    assert "No articles on this topic yet." in client.get("/faq/topic/empty/").content.decode()
    assert "No answers mention “zebra” yet. We can still help." in client.get("/faq/?q=zebra").content.decode()


def test_renamed_topic_shows_in_cached_lists(client):
    topic = TopicFactory(name="Family")
    ArticleFactory().topics.add(topic)
    assert client.get("/faq/").content.decode().count(">Family</a>") == 2  # topic menu and the article's line
    topic.name = "Families"
    topic.save()
    assert client.get("/faq/").content.decode().count(">Families</a>") == 2


def test_fragment_cache_can_be_turned_off(client, settings, django_assert_num_queries):
    settings.FRAGMENT_CACHE_SECONDS = 0
    ArticleFactory(slug="x", questions=3)
    client.get("/faq/x/")
    with django_assert_num_queries(8):  # as the first time (site settings stay cached by version)
        client.get("/faq/x/")


def test_cached_contact_form_gets_a_fresh_token_and_time_stamp_each_time(time_machine):
    LevelFactory(slug="iop")
    time_machine.move_to(timezone.now(), tick=False)
    first_visitor, second_visitor = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    first = first_visitor.get("/contact/?level=iop").content.decode()
    time_machine.shift(timedelta(seconds=40))
    second = second_visitor.get("/contact/?level=iop").content.decode()
    assert second.count("csrfmiddlewaretoken") == 1
    assert hidden_value(first, "csrfmiddlewaretoken") != hidden_value(second, "csrfmiddlewaretoken")
    assert 0 <= seconds_since_start(hidden_value(second, "started")) < 1
    assert 40 <= seconds_since_start(hidden_value(first, "started")) < 41
    assert 'value="iop" selected' in second
    assert 'value="iop" selected' not in second_visitor.get("/contact/").content.decode()
    time_machine.shift(timedelta(seconds=30))
    data = form_data(level="iop", started=hidden_value(second, "started"))
    data["csrfmiddlewaretoken"] = hidden_value(second, "csrfmiddlewaretoken")
    response = second_visitor.post("/contact/?level=iop", data)
    assert response.status_code == 302
    inquiry = Inquiry.objects.get()
    assert inquiry.status == Inquiry.Status.NEW and inquiry.level.slug == "iop"


def test_contact_form_lists_a_newly_published_level(client):
    client.get("/contact/")
    LevelFactory(slug="new-level", name="Sober living")
    assert "Sober living" in client.get("/contact/").content.decode()


def test_level_edits_show_at_once_on_every_page_that_shows_the_level(client):
    level = LevelFactory(slug="iop", short_name="IOP", summary="Old summary")
    pages = ["/", "/levels-of-care/", "/levels-of-care/compare/", "/levels-of-care/iop/"]
    for path in pages:
        client.get(path)
    level.summary = "New summary"
    level.short_name = "IOP-E"
    level.save()
    for path in pages:
        html = client.get(path).content.decode()
        assert "Old summary" not in html and ("New summary" in html or "IOP-E" in html), path


def test_unpublished_level_leaves_cached_lists(client):
    LevelFactory(slug="kept", name="Kept program")
    hidden = LevelFactory(slug="hidden", name="Hidden program")
    for path in ["/", "/levels-of-care/", "/levels-of-care/compare/"]:
        assert "Hidden program" in client.get(path).content.decode()
    hidden.is_published = False
    hidden.save()
    for path in ["/", "/levels-of-care/", "/levels-of-care/compare/"]:
        html = client.get(path).content.decode()
        assert "Hidden program" not in html and "Kept program" in html, path


def test_site_settings_edits_show_in_the_cached_frame(client):
    client.get("/levels-of-care/")
    site = SiteSettings.current(content_version.current())
    site.crisis_text = "New crisis wording."
    site.disclaimer = "New disclaimer wording."
    site.save()
    html = client.get("/levels-of-care/").content.decode()
    assert "New crisis wording." in html and "New disclaimer wording." in html


@pytest.mark.parametrize(
    "path, current",
    [("/", None), ("/levels-of-care/", "Levels of care"), ("/faq/", "FAQ"), ("/contact/", "Contact"), ("/", None)],
)
def test_cached_menu_marks_the_current_section(client, path, current):
    for other in ["/faq/", "/", "/levels-of-care/"]:
        client.get(other)  # fill the header cache for other sections first
    menu = re.search(r'<nav class="site-nav".*?</nav>', client.get(path).content.decode(), re.S).group(0)
    marked = re.findall(r'aria-current="page">([^<]+)<', menu)
    assert marked == ([current] if current else [])


def test_kept_article_still_appears_on_time_and_goes_at_once(client, time_machine):
    now = timezone.now()
    time_machine.move_to(now, tick=False)
    article = ArticleFactory(slug="soon", publish_at=now + timedelta(minutes=5))
    assert client.get("/faq/soon/").status_code == 404
    time_machine.shift(timedelta(minutes=6))
    assert client.get("/faq/soon/").status_code == 200
    article.status = article.Status.DRAFT
    article.save()
    assert client.get("/faq/soon/").status_code == 404
    assert client.get("/faq/no-such-article/").status_code == 404


@pytest.mark.parametrize("path", ["/faq/", "/faq/?q=neighbour", "/faq/topic/t/"])
def test_kept_lists_show_a_scheduled_article_on_time(client, time_machine, path):
    now = timezone.now()
    time_machine.move_to(now, tick=False)
    topic = TopicFactory(slug="t")
    ArticleFactory(slug="now", title="Present neighbour").topics.add(topic)
    ArticleFactory(slug="later", title="Future neighbour", publish_at=now + timedelta(minutes=5)).topics.add(topic)
    html = client.get(path).content.decode()
    assert "/faq/now/" in html and "/faq/later/" not in html
    time_machine.shift(timedelta(minutes=6))
    html = client.get(path).content.decode()
    assert "/faq/now/" in html and "/faq/later/" in html


def test_kept_level_page_shows_its_articles_on_time_and_its_changes_at_once(client, time_machine):
    now = timezone.now()
    time_machine.move_to(now, tick=False)
    level = LevelFactory(slug="iop")
    present = ArticleFactory(slug="now", title="Present article")
    present.related_levels.add(level)
    ArticleFactory(slug="later", publish_at=now + timedelta(minutes=5)).related_levels.add(level)
    html = client.get("/levels-of-care/iop/").content.decode()
    assert "/faq/now/" in html and "/faq/later/" not in html
    time_machine.shift(timedelta(minutes=6))
    assert "/faq/later/" in client.get("/levels-of-care/iop/").content.decode()
    present.status = present.Status.DRAFT
    present.save()
    assert "/faq/now/" not in client.get("/levels-of-care/iop/").content.decode()
    level.is_published = False
    level.save()
    assert client.get("/levels-of-care/iop/").status_code == 404
    assert 'value="iop" selected' not in client.get("/contact/?level=iop").content.decode()


def test_home_shows_the_three_newest_live_articles_and_a_scheduled_one_on_time(client, time_machine):
    now = timezone.now()
    time_machine.move_to(now, tick=False)
    for days in range(1, 5):
        ArticleFactory(slug=f"old-{days}", publish_at=now - timedelta(days=days))
    ArticleFactory(slug="soon", publish_at=now + timedelta(minutes=5))
    ArticleFactory(slug="draft", status=Article.Status.DRAFT)
    html = client.get("/").content.decode()
    assert re.findall(r'href="/faq/([\w-]+)/"', html) == ["old-1", "old-2", "old-3"]
    time_machine.shift(timedelta(minutes=6))
    html = client.get("/").content.decode()
    assert re.findall(r'href="/faq/([\w-]+)/"', html) == ["soon", "old-1", "old-2"]


def test_preview_lists_the_three_newest_live_related_articles_not_scheduled_ones(editor_client):
    topic = TopicFactory()
    draft = ArticleFactory(slug="draft", status=Article.Status.DRAFT)
    draft.topics.add(topic)
    for i in range(3):
        ArticleFactory(title=f"Live neighbour {i}").topics.add(topic)
    later = timezone.now() + timedelta(days=1)
    ArticleFactory(title="Scheduled neighbour", publish_at=later).topics.add(topic)
    html = editor_client.get("/faq/draft/preview/").content.decode()
    assert all(f"Live neighbour {i}" in html for i in range(3))
    assert "Scheduled neighbour" not in html


def test_the_version_moves_on_by_itself_when_a_scheduled_article_goes_live(time_machine):
    now = timezone.now()
    time_machine.move_to(now, tick=False)
    ArticleFactory(slug="later", publish_at=now + timedelta(minutes=5))
    ArticleFactory(slug="much-later", publish_at=now + timedelta(minutes=50))
    ArticleFactory(slug="draft", status=Article.Status.DRAFT, publish_at=now + timedelta(minutes=1))
    version = content_version.current()
    assert ContentVersion.objects.get().next_change_at == now + timedelta(minutes=5)
    time_machine.shift(timedelta(minutes=4))
    assert content_version.current() == version
    time_machine.shift(timedelta(minutes=2))
    assert content_version.current() > version  # the first request after the time moves it on
    assert ContentVersion.objects.get().next_change_at == now + timedelta(minutes=50)
    moved = content_version.current()
    assert content_version.current() == moved
