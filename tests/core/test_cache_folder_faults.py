"""A cache folder that cannot be written (full, read-only, or a plain file where the folder should be):
every page is a miss served from the database, never a 500, and /healthz says the cache is down."""

import errno
from unittest import mock

import pytest
from django.core.cache.backends import filebased

from intake.models import Inquiry, InsuranceVerification
from magnolia.caches import cache_settings

from ..intake_helpers import form_data, request_data

pytestmark = pytest.mark.django_db

PAGES = ["/", "/faq/", "/contact/", "/insurance/verify/", "/admin/login/", "/es/"]


def _refuse(code):
    def refuse(*args, **kwargs):
        raise OSError(code, "refused by the test")

    return refuse


@pytest.fixture(params=["full", "read-only", "file-in-its-place"])
def broken_cache_folder(request, settings, tmp_path):
    """The default file cache, in a folder that refuses every write the way `request.param` says.
    (The tests run as root, whom a read-only mode does not stop: read-only is the error it gives.)"""
    folder = tmp_path / "cache"
    folder.mkdir()
    patches = []
    if request.param == "full":
        # The temporary file is made, and writing it fills the disk.
        patches.append(mock.patch.object(filebased.FileBasedCache, "_write_content", _refuse(errno.ENOSPC)))
    elif request.param == "read-only":
        patches.append(mock.patch.object(filebased.tempfile, "mkstemp", _refuse(errno.EROFS)))
    else:
        folder.rmdir()
        folder.write_text("not a folder")
    settings.CACHES = cache_settings(None, folder)
    for patch in patches:
        patch.start()
    yield folder
    for patch in patches:
        patch.stop()


def test_every_page_is_served_from_the_database(client, broken_cache_folder):
    for path in PAGES:
        for _ in range(2):  # the second time, a kept page would be looked up
            response = client.get(path)
            assert response.status_code == 200, path


def test_an_inquiry_is_stored(client, broken_cache_folder):
    client.get("/contact/")
    response = client.post("/contact/", form_data())
    assert response.status_code == 302
    assert response["Location"] == "/contact/thanks/"
    assert Inquiry.objects.get().name == "Sam Rivera"


def test_an_insurance_verification_is_stored(client, broken_cache_folder):
    response = client.post("/insurance/verify/", request_data())
    assert response.status_code == 302
    assert response["Location"] == "/insurance/verify/thanks/"
    assert InsuranceVerification.objects.get().member_id == "XKZ884211937"


def test_health_check_says_degraded(client, broken_cache_folder):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "degraded", "database": "ok", "cache": "unavailable"}


def test_a_broken_folder_is_one_warning_not_one_per_call(client, broken_cache_folder, caplog):
    with caplog.at_level("WARNING", logger="magnolia.caches"):
        for _ in range(3):
            client.get("/faq/")
    warnings = [record.getMessage() for record in caplog.records if record.name == "magnolia.caches"]
    assert len(warnings) == 1, warnings


def test_a_damaged_entry_is_a_miss(client, settings, tmp_path):
    settings.CACHES = cache_settings(None, tmp_path)
    assert client.get("/faq/").status_code == 200
    entries = list(tmp_path.glob("*.djcache"))
    assert entries
    for entry in entries:
        entry.write_bytes(b"garbage")
    assert client.get("/faq/").status_code == 200
