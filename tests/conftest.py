import os
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.core.cache import caches
from django.db import connection
from django.test import Client

from core import site_copy
from core.models import SiteSettings

from .factories import UserFactory
from .workers import (
    collected_static_build,
    demo_database_build,
    drop_site_databases,
    start_once,
    wait_for,
    xdist_worker,
)


@pytest.fixture(autouse=True)
def _fresh_cache():
    _clear_caches()
    yield
    _clear_caches()


def _clear_caches():
    for cache in caches.all():
        cache.clear()
    site_copy.forget()  # the error pages' copy of the site settings, outside the cache
    SiteSettings.forget()  # this process's latest copy, outside the cache too


# Made once for the whole run by commands in a background process (tests/workers.py, start_once),
# started at the first test of a run that needs them, so they are made while other tests run.
SHARED_BUILDS = {"collected_static": collected_static_build, "demo_database": demo_database_build}


def _shared_folder(tmp_path_factory):
    # pytest-xdist's processes share the parent of their temporary folders.
    return tmp_path_factory.getbasetemp().parent if xdist_worker() else tmp_path_factory.getbasetemp()


def _shared_build(tmp_path_factory, fixture):
    return start_once(_shared_folder(tmp_path_factory), fixture.replace("_", "-"), SHARED_BUILDS[fixture])


@pytest.fixture(scope="session", autouse=True)
def _start_shared_builds(request, tmp_path_factory):
    # At the first test of each process: whichever process comes first starts them.
    needed = {name for item in request.session.items for name in getattr(item, "fixturenames", ())}
    for fixture in SHARED_BUILDS.keys() & needed:
        _shared_build(tmp_path_factory, fixture)


@pytest.fixture(scope="session")
def collected_static(tmp_path_factory):
    """Static files collected (and compressed) as production serves them, once for the whole run: for
    tests that run real worker processes and for those that read what WhiteNoise sends. Returns the folder."""
    return Path(wait_for(_shared_build(tmp_path_factory, "collected_static")))


@pytest.fixture(scope="session")
def demo_database(tmp_path_factory):
    """A database migrated and loaded with the demo content by production's settings, once for the
    whole run; each site of tests/workers.py runs on a copy of it (`site_env`). Its DATABASE_URL."""
    return wait_for(_shared_build(tmp_path_factory, "demo_database"))


@pytest.fixture
def admissions_user(db):
    return UserFactory(username="admissions-staff", group="Admissions")


@pytest.fixture
def editor_user(db):
    return UserFactory(username="content-editor", group="Content editors")


@pytest.fixture
def reviewer_user(db):
    """A content editor who is also in the Reviewers group (review/), with a reviewer's public profile
    (an approval puts that name on the byline)."""
    from .factories import ReviewerFactory  # noqa: PLC0415

    user = UserFactory(username="clinical-reviewer", group="Content editors")
    user.groups.add(Group.objects.get(name="Reviewers"))
    ReviewerFactory(name="Rosa Linares", slug="rosa-linares", credentials="PsyD", user=user)
    return user


@pytest.fixture
def reviewer_client(reviewer_user):
    """A client of its own, so that a test may hold an editor's and a reviewer's side by side."""
    client = Client()
    client.force_login(reviewer_user)
    return client


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


# Integration tests (tests/integration/): real processes, servers and tools outside pytest's. Marked
# so a quick run can leave them out (README, Tests); `make test` runs them all.
INTEGRATION = Path(__file__).resolve().parent / "integration"


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist reads the groups
def pytest_collection_modifyitems(config, items):
    for item in items:
        if item.get_closest_marker("workers") or item.path.is_relative_to(INTEGRATION):
            item.add_marker(pytest.mark.integration)
        if item.path.name == "test_workers.py":
            # Under `--dist loadgroup` (make test) each set-up's tests run in one process, which
            # starts its site once.
            item.add_marker(pytest.mark.xdist_group(f"workers-{item.callspec.params['site']}"))
        if item.get_closest_marker("postgres"):
            item.add_marker(
                pytest.mark.skipif(
                    connection.vendor != "postgresql", reason="needs PostgreSQL: set DATABASE_URL to run it"
                )
            )


def pytest_sessionfinish(session, exitstatus):
    # The databases made for sites, once every process is done: by xdist's controller, or the only process.
    if connection.vendor == "postgresql" and not hasattr(session.config, "workerinput"):
        drop_site_databases()
    # In CI's PostgreSQL run nothing may be skipped: a skip there would hide an untested path.
    if os.environ.get("FAIL_ON_SKIP") == "1" and exitstatus == 0:
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        skipped = len(reporter.stats.get("skipped", [])) if reporter else 0
        if skipped:
            reporter.write_line(f"FAIL_ON_SKIP: {skipped} test(s) skipped", red=True)
            session.exitstatus = 1
