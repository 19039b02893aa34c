"""What each process keeps in its own memory (magnolia/caches.py, core/versioned.py): only under the
content version, so that a change made anywhere shows on the next request to any process."""

import re
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.cache import caches

from core import content_version
from faq.models import Article
from pages.models import Page

from ..factories import ArticleFactory, PageFactory
from ..markup import one, texts

pytestmark = pytest.mark.django_db

CACHE_TAG = re.compile(r"{%\s*cache(?:_by_address)?\s+([^%]*)%}")


def _templates():
    folders = [Path(folder) for folder in django_settings.TEMPLATES[0]["DIRS"]]
    folders += list(Path(django_settings.BASE_DIR).glob("*/templates"))
    return [path for folder in folders for path in folder.rglob("*.html")]


def test_every_cached_fragment_is_named_by_the_content_version():
    tags = [(path.name, tag) for path in _templates() for tag in CACHE_TAG.findall(path.read_text())]
    assert len(tags) >= 12  # the scan found the templates
    assert [(name, tag) for name, tag in tags if "content_version" not in tag.split()] == []


def test_fragments_are_kept_in_this_process_under_the_template_fragments_name():
    assert django_settings.CACHES["template_fragments"]["BACKEND"].endswith("LocMemCache")
    assert django_settings.CACHES["template_fragments"]["OPTIONS"]["MAX_ENTRIES"] <= 2000


def test_a_page_is_read_once_per_version_and_a_change_shows_at_once(client, django_assert_num_queries):
    page = PageFactory(slug="visiting", title="Visiting hours")
    client.get("/visiting/")
    with django_assert_num_queries(1):  # the version; the page and the whole frame are kept
        assert one(client.get("/visiting/"), "main h1").text == "Visiting hours"
    page.title = "Visiting times"
    page.save()  # moves the version on
    assert one(client.get("/visiting/"), "main h1").text == "Visiting times"


def test_a_preview_reads_the_database_not_the_kept_copy(client, editor_user):
    PageFactory(slug="visiting", title="Visiting hours")
    client.get("/visiting/")
    Page.objects.filter(slug="visiting").update(title="Visiting times")  # no signal: the version stays
    assert one(client.get("/visiting/"), "main h1").text == "Visiting hours"
    client.force_login(editor_user)
    assert one(client.get("/visiting/preview/"), "main h1").text == "Visiting times"


def test_an_address_that_finds_nothing_keeps_nothing(client):
    kept = caches["template_fragments"]
    client.get("/")
    before = set(kept._cache)
    for number in range(5):
        assert client.get(f"/faq/made-up-{number}/").status_code == 404
    assert [key for key in set(kept._cache) - before if ":object:" in key] == []


def test_a_list_counts_once_per_version_and_a_search_always(client, django_assert_num_queries):
    titles = [article.title for article in ArticleFactory.create_batch(3)]
    assert sorted(texts(client.get("/faq/"), "main li h2 a")) == sorted(titles)
    with django_assert_num_queries(1):  # the version
        client.get("/faq/")
    with django_assert_num_queries(5):  # the version, the synonyms, the count, the page of results, their topics
        assert len(texts(client.get("/faq/?q=introduction"), "main li h2 a")) == 3
    with django_assert_num_queries(4):  # the synonyms are kept for the version; the search is not
        assert len(texts(client.get("/faq/?q=introduction"), "main li h2 a")) == 3
    Article.objects.update(status="draft")
    content_version.bump()
    assert texts(client.get("/faq/"), "main li h2 a") == []
