"""The site's frame: every public page, error pages, health and robots, site settings, demo data."""

import json
from io import StringIO
from unittest import mock

import pytest
from django.core.management import call_command
from django.db import DatabaseError
from django.test import RequestFactory
from django.urls import reverse

from core import content_version
from core.models import SiteSettings
from faq.models import Article, Question
from intake.models import Inquiry
from levels.models import LevelOfCare
from pages.views import server_error

from ..factories import ArticleFactory, LevelFactory, TopicFactory
from ..public_pages import PUBLIC_PAGES, add_center_pages, expected_status

pytestmark = pytest.mark.django_db


@pytest.fixture
def content():
    level = LevelFactory(slug="iop", short_name="IOP")
    topic = TopicFactory(slug="programs")
    article = ArticleFactory(slug="what-is-iop", questions=3)
    article.topics.add(topic)
    add_center_pages()
    return level, article


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_every_public_page_has_helpline_crisis_notice_and_disclaimer(client, content, path):
    response = client.get(path)
    assert response.status_code == expected_status(path)
    html = response.content.decode()
    assert 'href="tel:+18184312224"' in html
    assert "(818) 431-2224" in html
    assert 'href="tel:988"' in html and 'href="sms:988"' in html and 'href="tel:911"' in html
    assert "Call or text 988" in html
    assert "not medical advice" in html
    assert '<a class="skip-link" href="#main">' in html
    assert '<main id="main"' in html
    assert '<html lang="en">' in html


@pytest.mark.parametrize("path", [p for p in PUBLIC_PAGES if p != "/does-not-exist/"])
def test_pages_have_distinct_titles_and_canonical(client, content, path):
    html = client.get(path).content.decode()
    assert html.count("<title>") == 1
    assert '<link rel="canonical" href="http://testserver/' in html
    assert '<meta name="description" content="' in html


def test_titles_differ_between_pages(client, content):
    titles = set()
    for path in PUBLIC_PAGES[:-1]:
        html = client.get(path).content.decode()
        titles.add(html.split("<title>")[1].split("</title>")[0])
    assert len(titles) == len(PUBLIC_PAGES) - 1


def test_404_page_is_in_the_sites_look(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "We could not find that page" in response.content.decode()


def test_500_page_does_not_touch_the_database(django_assert_num_queries):
    request = RequestFactory().get("/")
    with django_assert_num_queries(0):
        response = server_error(request)
    assert response.status_code == 500
    assert "(818) 431-2224" in response.content.decode()


def test_500_page_uses_cached_site_settings(django_assert_num_queries):
    SiteSettings.objects.create(helpline="+18005550100")
    SiteSettings.current(content_version.current())  # as any earlier page does
    with django_assert_num_queries(0):
        response = server_error(RequestFactory().get("/"))
    assert "(800) 555-0100" in response.content.decode()


def test_healthz_ok(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}
    assert "no-store" in response["Cache-Control"]


def test_healthz_reports_database_down(client):
    with mock.patch("django.db.backends.utils.CursorWrapper.execute", side_effect=DatabaseError("down")):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert json.loads(response.content)["status"] == "error"


def test_robots_txt_points_to_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    body = response.content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in body
    assert "Disallow: /admin/" in body


def test_fresh_database_without_settings_row_renders_defaults(client):
    assert not SiteSettings.objects.exists()
    html = client.get("/").content.decode()
    assert "Magnolia Recovery" in html


def test_site_settings_are_cached_under_the_content_version_and_refreshed_on_save(client, django_assert_num_queries):
    site = SiteSettings.objects.create(name="First Name")
    version = content_version.current()
    SiteSettings.current(version)
    with django_assert_num_queries(0):
        assert SiteSettings.current(version).name == "First Name"
    site.name = "Second Name"
    site.save()
    assert content_version.current() != version
    assert "Second Name" in client.get("/").content.decode()


def test_site_settings_has_one_row():
    SiteSettings.objects.create(name="A")
    SiteSettings(name="B").save()
    assert SiteSettings.objects.count() == 1
    assert SiteSettings.objects.get().name == "B"


def test_home_shows_levels_and_latest_articles(client, content):
    html = client.get("/").content.decode()
    level, article = content
    assert level.get_absolute_url() in html
    assert article.get_absolute_url() in html
    assert reverse("intake:contact") in html


def test_load_demo_is_idempotent(settings):
    settings.DEBUG = True
    call_command("load_demo", "--admin", stdout=StringIO())
    assert Article.objects.published().count() == 3  # published by the very first run
    counts = (
        LevelOfCare.objects.count(),
        Article.objects.count(),
        Question.objects.count(),
        Inquiry.objects.count(),
        SiteSettings.objects.count(),
    )
    call_command("load_demo", "--admin", stdout=StringIO())
    assert counts == (
        LevelOfCare.objects.count(),
        Article.objects.count(),
        Question.objects.count(),
        Inquiry.objects.count(),
        SiteSettings.objects.count(),
    )
    assert counts == (5, 3, 19, 166, 1)  # 6 hand-written inquiries and 160 over 90 days
    iop = Article.objects.get(slug="what-is-iop")
    assert iop.questions.count() == 10
    assert iop.title == "What is IOP? 10 questions about intensive outpatient programs"


def test_load_demo_refuses_demo_logins_without_debug(settings):
    from django.core.management.base import CommandError

    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG off"):
        call_command("load_demo", "--admin")


def test_load_demo_creates_logins_in_the_right_groups(settings, capsys):
    from django.contrib.auth import get_user_model

    settings.DEBUG = True
    call_command("load_demo", "--admin")
    out = capsys.readouterr().out
    assert "with password:" in out
    User = get_user_model()
    assert User.objects.get(username="admin").is_superuser
    assert User.objects.get(username="admissions").groups.filter(name="Admissions").exists()
    assert User.objects.get(username="editor").groups.filter(name="Content editors").exists()


def test_demo_content_lives_only_in_the_demo_app(settings):
    """The demo app has no models and imports the product apps; no product module imports it."""
    import ast

    from django.apps import apps

    assert not list(apps.get_app_config("demo").get_models())
    product = ["common", "core", "faq", "intake", "levels", "magnolia", "pages", "staff"]
    importers = []
    for path in sorted(p for app in product for p in (settings.BASE_DIR / app).rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            names = [alias.name for alias in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom) and not node.level:
                names = [node.module]
            if any(name == "demo" or name.startswith("demo.") for name in names):
                importers.append(str(path.relative_to(settings.BASE_DIR)))
    assert importers == []


def test_admin_is_titled_for_the_center(admin_client):
    html = admin_client.get("/admin/").content.decode()
    assert "Magnolia Recovery admin" in html


def test_security_headers(client):
    response = client.get("/")
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"


def test_every_page_has_the_centers_mark_and_favicon_ico_finds_it(client):
    html = client.get("/").content.decode()
    assert 'rel="icon" href="/static/img/magnolia.svg"' in html and 'class="site-logo"' in html
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response["Location"] == "/static/img/magnolia.svg"
