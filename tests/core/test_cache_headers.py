"""What a CDN or proxy is told it may keep (core/middleware.py): public pages, briefly, for visitors
without a session; never a page with a form, a page that sets a cookie, staff pages or the admin."""

import pytest
from django.test import Client

from ..factories import ArticleFactory, LevelFactory, TopicFactory
from ..public_pages import PUBLIC_PAGES

pytestmark = pytest.mark.django_db

PUBLIC = "public, max-age=60"
NEVER = "max-age=0, no-cache, no-store, must-revalidate, private"  # Django's never_cache


@pytest.fixture
def content():
    LevelFactory(slug="iop")
    ArticleFactory(slug="what-is-iop", questions=2).topics.add(TopicFactory(slug="programs"))


@pytest.fixture
def returning_visitor(client):
    """A visitor whose first-visit cookies are already set, so pages set none."""
    client.get("/")
    assert "mg_first_touch" in client.cookies
    return client


EXPECTED = dict.fromkeys(PUBLIC_PAGES, PUBLIC) | {
    "/contact/": NEVER,
    "/insurance/verify/": NEVER,
    "/robots.txt": "max-age=3600",
    "/healthz": "no-store",
    "/sitemap.xml": PUBLIC,
    "/sitemap-articles.xml": PUBLIC,
    "/faq/feed/": PUBLIC,
}


FORMS = {"/contact/", "/insurance/verify/"}


@pytest.mark.parametrize("path", EXPECTED)
def test_every_page_type_says_who_may_keep_it(returning_visitor, content, path):
    response = returning_visitor.get(path)
    assert set(response.cookies) == ({"csrftoken"} if path in FORMS else set())
    assert response["Cache-Control"] == EXPECTED[path]
    if EXPECTED[path] == PUBLIC:
        # The same page for every visitor without a session: nothing to vary on but the encoding.
        assert "Cookie" not in response.get("Vary", "")


def test_a_response_that_sets_a_cookie_is_private(client, content):
    response = client.get("/faq/?utm_source=newsletter")
    assert "mg_last_touch" in response.cookies
    assert response["Cache-Control"] == "private"


@pytest.mark.parametrize("path", ["/", "/faq/what-is-iop/", "/levels-of-care/iop/"])
def test_pages_for_someone_with_a_session_are_private(editor_client, content, path):
    editor_client.get("/")  # the first-visit cookies
    assert editor_client.get(path)["Cache-Control"] == "private"


def test_staff_pages_and_posts_are_never_kept(editor_client, content):
    assert editor_client.get("/faq/what-is-iop/preview/")["Cache-Control"] == "private, no-store"
    assert editor_client.get("/admin/")["Cache-Control"] == NEVER
    assert Client().get("/admin/login/")["Cache-Control"] == NEVER
    assert Client().post("/contact/", {"name": "x"})["Cache-Control"] == NEVER


def test_public_cache_can_be_turned_off(returning_visitor, content, settings):
    settings.PUBLIC_CACHE_SECONDS = 0
    assert returning_visitor.get("/faq/")["Cache-Control"] == "private"
