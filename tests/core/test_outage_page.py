"""The error pages show the center's own helpline whatever else failed: the database and Redis both
down, the cache's copy evicted or never made (a fresh cache folder), or pushed out by visitors.
They read this machine's copy of the settings (core/site_copy.py), then the cache's, never the database."""

import re
from datetime import timedelta
from unittest import mock

import pytest
from django.core.cache import cache
from django.db import OperationalError
from django.test import Client, RequestFactory
from django.utils import timezone

from core import content_version, site_copy
from core.models import LAST_SITE_SETTINGS_KEY, SiteSettings
from magnolia.caches import cache_settings
from pages.views import bad_request, server_error

pytestmark = pytest.mark.django_db

NUMBER, SHOWN = "+13105550123", "(310) 555-0123"
DEFAULT_NUMBER = "+18184312224"
# The one helpline link in the error message (the crisis notice above it dials 988 and 911).
HELPLINE_LINK = re.compile(r'<main id="main"[^>]*>.*?<a href="(tel:[^"]*)">([^<]*)</a>', re.S)


def helpline_shown(html):
    return HELPLINE_LINK.search(html).groups()


@pytest.fixture
def center_helpline(django_capture_on_commit_callbacks):
    """The center's own number, saved by an editor as the admin does."""
    with django_capture_on_commit_callbacks(execute=True):
        SiteSettings.objects.create(helpline=NUMBER, name="Magnolia Recovery Center")


def error_page():
    return server_error(RequestFactory().get("/")).content.decode()


def test_database_and_redis_down(center_helpline, settings):
    settings.CACHES = cache_settings("redis://127.0.0.1:1/0", settings.CACHE_DIR)  # nothing listens
    visitor = Client(raise_request_exception=False)
    with mock.patch.object(content_version, "current", side_effect=OperationalError("database down")):
        response = visitor.get("/")
    assert response.status_code == 500
    assert helpline_shown(response.content.decode()) == (f"tel:{NUMBER}", SHOWN)


def test_the_cache_entry_evicted(center_helpline, django_assert_num_queries):
    cache.delete(LAST_SITE_SETTINGS_KEY)
    with django_assert_num_queries(0):
        html = error_page()
    assert helpline_shown(html) == (f"tel:{NUMBER}", SHOWN)


def test_a_fresh_cache_folder(center_helpline, settings, tmp_path):
    settings.CACHES = cache_settings(None, tmp_path / "new-cache")
    assert helpline_shown(error_page()) == (f"tel:{NUMBER}", SHOWN)


def test_many_distinct_searches(center_helpline, client, settings, tmp_path):
    # A small folder, emptied whole past its cap (the file cache culls at random).
    settings.CACHES = cache_settings(None, tmp_path / "cache")
    settings.CACHES["default"]["OPTIONS"] = {"MAX_ENTRIES": 10, "CULL_FREQUENCY": 1}
    assert client.get("/").status_code == 200
    for i in range(30):
        assert client.get(f"/faq/?q=recovery+{i}").status_code == 200
    for i in range(15):
        cache.set(f"filler-{i}", "x")  # and anything else the site keeps
    assert cache.get(LAST_SITE_SETTINGS_KEY) is None
    assert helpline_shown(error_page()) == (f"tel:{NUMBER}", SHOWN)


def test_the_bad_request_page_too(center_helpline, settings, tmp_path):
    settings.CACHES = cache_settings(None, tmp_path / "new-cache")
    html = bad_request(RequestFactory().get("/")).content.decode()
    assert helpline_shown(html) == (f"tel:{NUMBER}", SHOWN)


def test_the_first_page_after_start_up_writes_the_copy(client, settings, tmp_path):
    SiteSettings.objects.create(helpline=NUMBER)
    site_copy.forget()  # a new process, on a machine without the file
    assert client.get("/").status_code == 200
    settings.CACHES = cache_settings(None, tmp_path / "new-cache")
    assert helpline_shown(error_page()) == (f"tel:{NUMBER}", SHOWN)


def test_a_save_on_another_machine_reaches_this_machines_copy(center_helpline, client, settings, tmp_path):
    assert client.get("/").status_code == 200  # this process knows its copy is current
    # Another machine saves a new number: the row and the content version move, this file does not.
    SiteSettings.objects.filter(pk=1).update(helpline="+13105550199", updated_at=timezone.now() + timedelta(seconds=1))
    content_version.bump()
    assert client.get("/faq/").status_code == 200
    settings.CACHES = cache_settings(None, tmp_path / "new-cache")
    assert helpline_shown(error_page()) == ("tel:+13105550199", "(310) 555-0199")


def test_deleted_settings_show_the_defaults(center_helpline, client, settings, tmp_path):
    SiteSettings.objects.all().delete()
    assert client.get("/").status_code == 200
    settings.CACHES = cache_settings(None, tmp_path / "new-cache")
    assert helpline_shown(error_page()) == (f"tel:{DEFAULT_NUMBER}", "(818) 431-2224")


def test_the_cache_copy_when_the_file_cannot_be_written(settings, tmp_path, django_capture_on_commit_callbacks):
    (tmp_path / "var").write_text("a file where the folder should be")
    settings.SITE_SETTINGS_COPY = str(tmp_path / "var" / "site-settings.json")
    with django_capture_on_commit_callbacks(execute=True):
        SiteSettings.objects.create(helpline=NUMBER)
    assert helpline_shown(error_page()) == (f"tel:{NUMBER}", SHOWN)


def test_the_copy_is_replaced_whole(center_helpline, settings):
    """Written beside itself and renamed over the old one: a reader never sees half a file, and no
    temporary file is left behind."""
    folder = site_copy._path().parent
    assert [path.name for path in folder.iterdir()] == ["site-settings.json"]
    with mock.patch("os.replace", side_effect=OSError("disk full")):
        assert site_copy.write(SiteSettings.objects.get()) is False
    assert [path.name for path in folder.iterdir()] == ["site-settings.json"]
    assert site_copy.read().helpline == NUMBER
