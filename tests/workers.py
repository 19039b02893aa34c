"""The site as production runs it, for tests: its own database, worker processes serving it over
HTTP, and changes made from yet another process (`manage.py shell`), as an editor's would be.

Each worker is its own gunicorn with one worker process, on a port of its own, so a test knows which
process answered; `gunicorn -w 2` is the same two processes behind one port.

The demo database is migrated and loaded once per run (`demo_database_build`, started in the
background by tests/conftest.py for all of xdist's processes) and each site gets a copy of it.
Names that processes could share are their own: databases carry the xdist process (gw0, gw1), and
so do Redis databases.
"""

import hashlib
import http.cookiejar
import importlib.metadata
import json
import os
import queue
import re
import socket
import sqlite3
import ssl
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import dj_database_url
import psycopg2
import pytest
import redis
from django.conf import settings
from django.contrib.staticfiles import finders
from filelock import FileLock

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


def xdist_worker():
    """This process's name under pytest-xdist (gw0, gw1, …), or "" in a run of one process."""
    return os.environ.get("PYTEST_XDIST_WORKER", "")


# Each test process uses two Redis databases of its own from here: 12-15 for a run in two processes.
REDIS_SERVER = os.environ.get("TEST_REDIS_SERVER", "redis://127.0.0.1:6379")
REDIS_FIRST_DB = int(os.environ.get("TEST_REDIS_FIRST_DB", "12"))


def redis_url(use):
    """A Redis database of this test process's own for one use: 0 for the test process's own cache,
    1 for the worker processes it starts."""
    number = int(xdist_worker()[2:] or 0)
    return f"{REDIS_SERVER}/{REDIS_FIRST_DB + 2 * number + use}"


def is_sqlite():
    return settings.DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3"


def database_name(purpose, shared=False):
    """A PostgreSQL database name of this run's own: the test database's, with `purpose` and (unless
    `shared` by the run's processes) the xdist process."""
    configured = dj_database_url.parse(os.environ["DATABASE_URL"])["NAME"]
    return "_".join(filter(None, ["test", configured, purpose, None if shared else xdist_worker()]))


def _server():
    db = settings.DATABASES["default"]
    return {key: db[key.upper()] for key in ("host", "port", "user", "password") if db.get(key.upper())}


def _postgres_url(name):
    db = settings.DATABASES["default"]
    auth = db["USER"] + (f":{db['PASSWORD']}" if db.get("PASSWORD") else "")
    return f"postgres://{auth}@{db.get('HOST') or '127.0.0.1'}:{db.get('PORT') or 5432}/{name}"


def _create_database(name, template=None):
    """Creates database `name` (dropped first if it is there), as a copy of `template` if given."""
    connection = psycopg2.connect(dbname="postgres", **_server())
    connection.autocommit = True
    try:
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
            for attempt in range(50):
                try:
                    cursor.execute(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
                    break
                except psycopg2.errors.ObjectInUse:
                    # The template's last user (a command that just ended) is still leaving, or another
                    # test process is copying it at this moment.
                    assert attempt < 49, f"{template} stays in use"
                    time.sleep(0.2)
    finally:
        connection.close()
    return _postgres_url(name)


def demo_database_build(folder):
    """How to make a new database, migrated and loaded with the demo content, as production would have
    it: a file in `folder` on SQLite, a database of this run's own on PostgreSQL. Returns the
    commands, their environment and the database's DATABASE_URL (for `start_once`)."""
    if is_sqlite():
        url = f"sqlite:///{folder / 'demo.sqlite3'}"
    else:
        url = _create_database(database_name("sites_template", shared=True))
    env = production_env(DATABASE_URL=url, DJANGO_CACHE_DIR=str(folder / "cache"))
    return [manage_command("migrate", "--no-input", "-v", "0"), manage_command("load_demo")], env, url


STATIC_STAMP = ROOT / "var" / "staticfiles-collected-from"


def collected_static_build(folder):
    """How to collect (and compress) the static files as production serves them, into the checkout's
    staticfiles/ as production's settings say: nothing to do when the last run of the tests collected
    them from the very same files (the stamp in var/). Returns the commands, their environment and
    the folder."""
    fingerprint, manifest = static_fingerprint(), ROOT / "staticfiles" / "staticfiles.json"
    if STATIC_STAMP.exists() and STATIC_STAMP.read_text() == fingerprint and manifest.exists():
        return [], production_env(), str(ROOT / "staticfiles")
    STATIC_STAMP.unlink(missing_ok=True)
    STATIC_STAMP.parent.mkdir(exist_ok=True)
    stamp = [
        sys.executable,
        "-c",
        "import sys; open(sys.argv[1], 'w').write(sys.argv[2])",
        str(STATIC_STAMP),
        fingerprint,
    ]
    return (
        [manage_command("collectstatic", "--no-input", "-v", "0"), stamp],
        production_env(),
        str(ROOT / "staticfiles"),
    )


def static_fingerprint():
    """What collected static files are made from: every source file collectstatic finds (its path,
    size and modification time), production's settings and the packages that collect and compress."""
    digest = hashlib.sha256()
    found = sorted(
        (path, storage.path(path))
        for finder in finders.get_finders()
        for path, storage in finder.list(["CVS", ".*", "*~"])
    )
    for path, full in found:
        status = os.stat(full)
        digest.update(f"{path}\0{full}\0{status.st_size}\0{status.st_mtime_ns}\n".encode())
    for package in ("Django", "whitenoise", "Brotli"):
        digest.update(f"{package} {importlib.metadata.version(package)}\n".encode())
    digest.update((ROOT / "magnolia" / "settings.py").read_bytes())
    return digest.hexdigest()


def copy_database(template_url, name):
    """A copy of the database at `template_url` for one site named `name`: a new file on SQLite, a new
    database made from it as a template on PostgreSQL. Returns the copy's DATABASE_URL."""
    if template_url.startswith("sqlite:///"):
        path = f"{tempfile.mkdtemp(prefix='magnolia-workers-')}/{name}.sqlite3"
        source, target = sqlite3.connect(template_url.removeprefix("sqlite:///")), sqlite3.connect(path)
        try:
            source.backup(target)
        finally:
            source.close()
            target.close()
        return f"sqlite:///{path}"
    return _create_database(database_name(f"site_{name}"), template=dj_database_url.parse(template_url)["NAME"])


def drop_site_databases():
    """Drops the PostgreSQL databases this run made for sites and their template."""
    prefix = database_name("site", shared=True)
    connection = psycopg2.connect(dbname="postgres", **_server())
    connection.autocommit = True
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT datname FROM pg_database WHERE starts_with(datname, %s)", [prefix])
            for (name,) in cursor.fetchall():
                cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')  # also one still being built
    finally:
        connection.close()


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


# Runs the commands given as JSON one after the other, then writes their exit status to a file.
BACKGROUND = """
import json, os, subprocess, sys
folder, commands = sys.argv[1], json.loads(sys.argv[2])
status = 0
for command in commands:
    status = subprocess.run(command).returncode
    if status:
        break
with open(os.path.join(folder, "status.tmp"), "w") as file:
    file.write(str(status))
os.replace(os.path.join(folder, "status.tmp"), os.path.join(folder, "status"))
"""


def start_once(shared, name, build):
    """Starts, once for the whole run, the commands `build(folder)` gives, in a background process
    whose output goes to `folder`/log; returns the folder, for `wait_for`. `shared` is a folder all the
    run's test processes know (under pytest-xdist, the parent of their temporary folders): the first
    process to come starts the commands, the others find them started."""
    folder = shared / name
    with FileLock(shared / f"{name}.lock"):
        if not folder.exists():
            folder.mkdir()
            commands, env, result = build(folder)
            (folder / "result.json").write_text(json.dumps(result))
            with open(folder / "log", "w") as log:
                subprocess.Popen(
                    [sys.executable, "-c", BACKGROUND, str(folder), json.dumps(commands)],
                    cwd=ROOT,
                    env=env,
                    stdin=subprocess.DEVNULL,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    start_new_session=True,  # its own: it finishes even if this process is stopped
                )
    return folder


def wait_for(folder, timeout=900):
    """Waits for the commands `start_once` started in `folder`; returns what their build gave."""
    deadline = time.monotonic() + timeout
    while not (folder / "status").exists():
        assert time.monotonic() < deadline, f"{folder.name} not done in {timeout} s"
        time.sleep(0.2)
    status = (folder / "status").read_text()
    assert status == "0", f"{folder.name} failed ({status}): {(folder / 'log').read_text()[-3000:]}"
    return json.loads((folder / "result.json").read_text())


def site_env(demo_database, name, **overrides):
    """The production environment on a copy of the demo database (the `demo_database` fixture's URL)
    of its own, named `name`."""
    return production_env(DATABASE_URL=copy_database(demo_database, name), **overrides)


def manage_command(*args):
    return [sys.executable, "manage.py", *args]


def manage(env, *args):
    result = subprocess.run(manage_command(*args), cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


def shell(env, code):
    """Runs `code` in a `manage.py shell` of its own: a change made by another process."""
    return manage(env, "shell", "--no-imports", "-c", code)


REPLY = "\x1eshell-reply "
# What the kept shell runs: each piece of code sent, with what it prints sent back on one line.
SHELL_LOOP = f"""
import contextlib, io, json, sys, traceback
from django.db import connections
for header in iter(sys.stdin.readline, ""):
    code, printed, ok = sys.stdin.read(int(header)), io.StringIO(), True
    with contextlib.redirect_stdout(printed):
        try:
            exec(code, {{}})
        except BaseException:
            ok = False
            traceback.print_exc(file=printed)
    connections.close_all()
    sys.__stdout__.write({REPLY!r} + json.dumps({{"ok": ok, "printed": printed.getvalue()}}) + "\\n")
    sys.__stdout__.flush()
"""


class Shell:
    """One `manage.py shell` kept for several changes, as `shell()` makes each in a new one: another
    process than the workers, which commits each change as it is made (autocommit) and closes its
    database connections after each. It starts at once and is waited for at the first change."""

    def __init__(self, env):
        self.errors = tempfile.TemporaryFile(mode="w+", encoding="utf-8")  # noqa: SIM115 (closed by close())
        self.process = subprocess.Popen(
            [sys.executable, "manage.py", "shell", "--no-imports", "-c", SHELL_LOOP],
            cwd=ROOT,
            env={**env, "PYTHONIOENCODING": "utf-8"},
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self.errors,
            encoding="utf-8",
        )
        self.lines = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self.process.stdout:
            self.lines.put(line)
        self.lines.put(None)

    def run(self, code, timeout=120):
        """Runs `code` in the shell; returns what it printed."""
        self.process.stdin.write(f"{len(code)}\n{code}")
        self.process.stdin.flush()
        deadline = time.monotonic() + timeout
        while True:
            try:
                line = self.lines.get(timeout=max(0, deadline - time.monotonic()))
            except queue.Empty:
                raise AssertionError(f"the shell gave no answer in {timeout} s{self._stderr()}") from None
            assert line is not None, f"the shell ended{self._stderr()}"
            if line.startswith(REPLY):
                break
        reply = json.loads(line[len(REPLY) :])
        assert reply["ok"], reply["printed"][-3000:]
        return reply["printed"]

    def _stderr(self):
        self.errors.seek(0)
        return ": " + self.errors.read()[-3000:]

    def close(self):
        self.process.stdin.close()
        try:
            self.process.wait(timeout=30)
        finally:
            self.process.kill()
            self.errors.close()


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Worker:
    """One gunicorn worker process serving the site on a port of its own. `Worker(env)` returns once
    it answers; `Worker.start(env, n)` starts `n` at once and waits for them all."""

    def __init__(self, env, wait=True):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen(
            [str(BIN / "gunicorn"), "magnolia.wsgi", "--workers", "1", "--bind", f"127.0.0.1:{self.port}"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        if wait:
            self.wait()

    @classmethod
    def start(cls, env, count):
        workers = [cls(env, wait=False) for _ in range(count)]
        for worker in workers:
            worker.wait()
        return workers

    def wait(self):
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
