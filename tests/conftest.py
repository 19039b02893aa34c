import os

import pytest
from django.core.cache import caches
from django.db import connection

from core import site_copy

from .factories import UserFactory


@pytest.fixture(autouse=True)
def _fresh_cache():
    _clear_caches()
    yield
    _clear_caches()


def _clear_caches():
    for cache in caches.all():
        cache.clear()
    site_copy.forget()  # the error pages' copy of the site settings, outside the cache


@pytest.fixture(scope="session")
def collected_static():
    """Static files collected (and compressed) as production serves them, once for the whole run: for
    tests that run real worker processes and for those that read what WhiteNoise sends. Returns the folder."""
    from .workers import ROOT, manage, production_env

    manage(production_env(), "collectstatic", "--no-input", "-v", "0")
    return ROOT / "staticfiles"


@pytest.fixture
def admissions_user(db):
    return UserFactory(username="admissions-staff", group="Admissions")


@pytest.fixture
def editor_user(db):
    return UserFactory(username="content-editor", group="Content editors")


@pytest.fixture
def superuser(db):
    return UserFactory(username="boss", is_superuser=True)


@pytest.fixture
def admissions_client(client, admissions_user):
    client.force_login(admissions_user)
    return client


@pytest.fixture
def editor_client(client, editor_user):
    client.force_login(editor_user)
    return client


def pytest_collection_modifyitems(config, items):
    for item in items:
        if item.get_closest_marker("postgres"):
            item.add_marker(
                pytest.mark.skipif(
                    connection.vendor != "postgresql", reason="needs PostgreSQL: set DATABASE_URL to run it"
                )
            )


def pytest_sessionfinish(session, exitstatus):
    # In CI's PostgreSQL run nothing may be skipped: a skip there would hide an untested path.
    if os.environ.get("FAIL_ON_SKIP") == "1" and exitstatus == 0:
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        skipped = len(reporter.stats.get("skipped", [])) if reporter else 0
        if skipped:
            reporter.write_line(f"FAIL_ON_SKIP: {skipped} test(s) skipped", red=True)
            session.exitstatus = 1
