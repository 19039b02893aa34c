"""What a first visit downloads, with static files collected and served by WhiteNoise as in production."""

import re

import pytest
from django.test import Client

from ..factories import ArticleFactory, LevelFactory, TopicFactory
from ..public_pages import PUBLIC_PAGES, add_center_pages, expected_status

pytestmark = pytest.mark.django_db

BUDGET_BYTES = 150 * 1024


PRODUCTION_STORAGE = {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}


@pytest.fixture
def production_static(settings, collected_static):
    # The folder the whole run collected once (tests/conftest.py), as the production settings name it.
    settings.STATIC_ROOT = collected_static
    settings.STORAGES = {**settings.STORAGES, "staticfiles": PRODUCTION_STORAGE}
    # A new client builds a new middleware chain, so WhiteNoise reads the collected files.
    return Client(headers={"Accept-Encoding": "br, gzip"})


@pytest.fixture
def content():
    level = LevelFactory(slug="iop")
    article = ArticleFactory(slug="what-is-iop", title="What is IOP? Ten questions", questions=10)
    article.topics.add(TopicFactory(slug="programs"))
    add_center_pages()
    article.related_levels.add(level)


def assets(html):
    """Every file the page makes the browser fetch."""
    links = re.findall(r"<link[^>]+rel=\"(?:stylesheet|icon|preload)\"[^>]*href=\"([^\"]+)\"", html)
    sources = re.findall(r"<(?:script|img|source|iframe)[^>]+src=\"([^\"]+)\"", html)
    return links + sources


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_first_visit_is_under_150_kb_compressed_and_cache_busted(production_static, content, path):
    client = production_static
    page = client.get(path)
    assert page.status_code == expected_status(path)
    html = page.content.decode()
    files = assets(html)
    assert files, "the page links its stylesheets"
    total = len(page.content)
    for url in files:
        response = client.get(url)
        assert response.status_code == 200, url
        body = b"".join(response.streaming_content)
        assert response["Content-Encoding"] in ("br", "gzip"), url
        assert re.search(r"\.[0-9a-f]{12}\.\w+$", url), f"{url} has no content hash"
        assert "immutable" in response["Cache-Control"], url
        total += len(body)
    assert total < BUDGET_BYTES, f"{path}: {total} bytes"


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_no_script_blocks_rendering(client, content, path):
    html = client.get(path).content.decode()
    for tag in re.findall(r"<script\b[^>]*>", html):
        assert 'type="application/ld+json"' in tag or "defer" in tag or "async" in tag or 'type="module"' in tag, tag
