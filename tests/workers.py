"""The site as production runs it, for tests: its own database, worker processes serving it over
HTTP, and changes made from yet another process (`manage.py shell`), as an editor's would be.

Each worker is its own gunicorn with one worker process, on a port of its own, so a test knows which
process answered; `gunicorn -w 2` is the same two processes behind one port.
"""

import http.cookiejar
import os
import re
import socket
import ssl
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import psycopg2
import pytest
import redis
from django.conf import settings

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def empty_redis(url):
    """Empties the Redis database at `url` for a test; skips the test where there is no Redis,
    except in CI, where Redis runs and a missing one is a failure."""
    try:
        redis.Redis.from_url(url, socket_connect_timeout=1).flushdb()
    except redis.ConnectionError:
        if os.environ.get("CI"):
            raise
        pytest.skip(f"needs Redis at {url}")


def database_url(name):
    """A new, empty database of the kind the test run uses: a file for SQLite, or `name` on the
    PostgreSQL server of the test run (dropped first if it is there)."""
    db = settings.DATABASES["default"]
    if db["ENGINE"] == "django.db.backends.sqlite3":
        return f"sqlite:///{tempfile.mkdtemp(prefix='magnolia-workers-')}/{name}.sqlite3"
    server = {key: db[key.upper()] for key in ("host", "port", "user", "password") if db.get(key.upper())}
    connection = psycopg2.connect(dbname="postgres", **server)
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}"')
    connection.close()
    auth = db["USER"] + (f":{db['PASSWORD']}" if db.get("PASSWORD") else "")
    return f"postgres://{auth}@{db.get('HOST') or '127.0.0.1'}:{db.get('PORT') or 5432}/{name}"


def production_env(**overrides):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "magnolia.settings",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "workers-test-only-" + "x" * 40,
        "DJANGO_FIELD_ENCRYPTION_KEYS": "AVv0iGzq6sGNj6ACIqBLhwq3ZpjY5TeuEfLRvjXeBRA=",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_SECURE_COOKIES": "0",
        "DJANGO_LOG_LEVEL": "WARNING",
        "INTAKE_MIN_FILL_SECONDS": "0",
        "REDIS_URL": "",
        # Each site its own copy of the settings for error pages, not the checkout's var/.
        "DJANGO_SITE_SETTINGS_COPY": str(Path(tempfile.mkdtemp(prefix="magnolia-site-")) / "site-settings.json"),
    }
    env.update(overrides)
    return env


def site_env(database, **overrides):
    """The production environment on a new database of its own, migrated, with the demo content."""
    env = production_env(DATABASE_URL=database_url(database), **overrides)
    manage(env, "migrate", "--no-input", "-v", "0")
    manage(env, "load_demo")
    return env


def manage(env, *args):
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


def shell(env, code):
    """Runs `code` in a `manage.py shell` of its own: a change made by another process."""
    return manage(env, "shell", "--no-imports", "-c", code)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Worker:
    """One gunicorn worker process serving the site on a port of its own."""

    def __init__(self, env):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen(
            [str(BIN / "gunicorn"), "magnolia.wsgi", "--workers", "1", "--bind", f"127.0.0.1:{self.port}"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return
            except OSError:
                assert self.process.poll() is None, self.process.stderr.read().decode()[-3000:]
                time.sleep(0.1)
        raise AssertionError("gunicorn did not start")

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=10)

    def get(self, path):
        return Visitor().get(self.url + path)


class Visitor:
    """A browser of sorts: keeps its cookies, follows no redirects. `host` names the site when the
    address is a bare IP; a TLS certificate is not checked (tests make their own)."""

    def __init__(self, host=None):
        self.headers = {"Host": host} if host else {}
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.cookies),
            urllib.request.HTTPSHandler(context=ssl._create_unverified_context()),
            NoRedirect,
        )

    def get(self, url, headers=None):
        return self._open(urllib.request.Request(url, headers={**self.headers, **(headers or {})}))

    def post(self, url, data):
        body = urllib.parse.urlencode(data).encode()
        return self._open(urllib.request.Request(url, data=body, method="POST", headers=self.headers))

    def _open(self, request):
        try:
            with self.opener.open(request, timeout=10) as response:
                return Response(response.status, response.read().decode(), response.headers)
        except urllib.error.HTTPError as error:
            return Response(error.code, error.read().decode(), error.headers)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Response:
    def __init__(self, status, text, headers):
        self.status, self.text, self.headers = status, text, headers

    def hidden(self, name):
        return re.search(rf'name="{name}" value="([^"]*)"', self.text).group(1)
