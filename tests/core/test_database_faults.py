"""A database that hangs, answers too slowly, or cannot read the site's tables: requests fail fast to
the error page with the center's helpline, and /healthz answers 503."""

import re
import socket
import threading
import time

import psycopg2
import pytest
from django.db import connection
from django.utils import timezone

from core import site_copy
from core.models import SiteSettings

from ..workers import Worker, production_env

NUMBER, SHOWN = "+13105550123", "(310) 555-0123"
HELPLINE_LINK = re.compile(r'<main id="main"[^>]*>.*?<a href="(tel:[^"]*)">([^<]*)</a>', re.S)
# What a request may take when the database does not answer: the connect timeout (3 s) and the
# worker's own work, far below gunicorn's 30 s.
BOUND_SECONDS = 6
# A statement held by a lock: cancelled by the 0.5 s statement timeout, where it would otherwise wait
# until gunicorn's 30 s.
LOCK_BOUND_SECONDS = 10
DATABASE_DOWN = {"status": "error", "database": "unavailable"}


class HungServer:
    """A TCP server on loopback that takes connections and never says a word: a PostgreSQL whose
    machine is up but whose server is stuck."""

    def __init__(self):
        self.server = socket.create_server(("127.0.0.1", 0))
        self.port = self.server.getsockname()[1]
        self.open = []
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self):
        while True:
            try:
                self.open.append(self.server.accept()[0])
            except OSError:
                return

    def close(self):
        self.server.close()
        for connection_ in self.open:
            connection_.close()


def write_copy(path, settings):
    """This machine's copy of the settings, as an earlier page left it."""
    settings.SITE_SETTINGS_COPY = str(path)
    site = SiteSettings(pk=1, helpline=NUMBER, updated_at=timezone.now())
    assert site_copy.write(site)


def timed(worker, path):
    started = time.monotonic()
    response = worker.get(path)
    return response, time.monotonic() - started


@pytest.mark.django_db
def test_healthz_fails_when_the_site_tables_cannot_be_read(client):
    with connection.cursor() as cursor:
        # Undone with the test's transaction (PostgreSQL and SQLite both roll back DDL).
        cursor.execute("ALTER TABLE core_sitesettings RENAME TO core_sitesettings_hidden")
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == DATABASE_DOWN


@pytest.mark.workers
def test_a_hung_database_fails_fast_to_the_error_page(collected_static, tmp_path, settings):
    write_copy(tmp_path / "site-settings.json", settings)
    hung = HungServer()
    env = production_env(
        DATABASE_URL=f"postgres://magnolia@127.0.0.1:{hung.port}/magnolia",
        DJANGO_SITE_SETTINGS_COPY=str(tmp_path / "site-settings.json"),
        DJANGO_CACHE_DIR=str(tmp_path / "cache"),
    )
    worker = Worker(env)
    try:
        # The worker's start check (magnolia/wsgi.py) gives the database the connect timeout once
        # before it serves: a request sent meanwhile waits for it, so the first is not timed.
        worker.get("/robots.txt")
        page, page_seconds = timed(worker, "/")
        health, health_seconds = timed(worker, "/healthz")
    finally:
        worker.stop()
        hung.close()
    assert page.status == 500
    assert page_seconds < BOUND_SECONDS
    assert HELPLINE_LINK.search(page.text).groups() == (f"tel:{NUMBER}", SHOWN)
    assert health.status == 503
    assert health_seconds < BOUND_SECONDS


@pytest.mark.postgres
@pytest.mark.workers
@pytest.mark.django_db(transaction=True)  # the worker reads the test run's database, so nothing is held open
def test_a_statement_that_waits_too_long_is_cancelled(collected_static, tmp_path, settings):
    """A lock held elsewhere (a migration, a stuck transaction): the page's statement is cancelled
    after DATABASE_STATEMENT_TIMEOUT instead of waiting for it."""
    write_copy(tmp_path / "site-settings.json", settings)
    db = connection.settings_dict  # the test run's own database, migrated
    server = {"host": db["HOST"] or "127.0.0.1", "port": db["PORT"] or 5432, "user": db["USER"]}
    env = production_env(
        DATABASE_URL=f"postgres://{server['user']}@{server['host']}:{server['port']}/{db['NAME']}",
        DATABASE_STATEMENT_TIMEOUT="500",
        DJANGO_SITE_SETTINGS_COPY=str(tmp_path / "site-settings.json"),
        DJANGO_CACHE_DIR=str(tmp_path / "cache"),
    )
    worker = Worker(env)
    holder = psycopg2.connect(dbname=db["NAME"], password=db["PASSWORD"] or None, **server)
    try:
        with holder.cursor() as cursor:
            cursor.execute("LOCK TABLE core_contentversion IN ACCESS EXCLUSIVE MODE")
        page, page_seconds = timed(worker, "/")
        health, health_seconds = timed(worker, "/healthz")
    finally:
        holder.rollback()
        holder.close()
        worker.stop()
    assert page.status == 500
    # Without the timeout the page would wait for the lock until gunicorn's 30 s: the bound leaves room
    # for a loaded machine (a 0.5 s timeout answered in 3.5 s with both cores busy).
    assert page_seconds < LOCK_BOUND_SECONDS
    assert HELPLINE_LINK.search(page.text).groups() == (f"tel:{NUMBER}", SHOWN)
    assert health.status == 503
    assert health_seconds < LOCK_BOUND_SECONDS
