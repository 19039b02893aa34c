"""Browser tests: Playwright driving Debian's Chromium against pytest-django's live server."""

import os
import posixpath
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# Playwright's sync API runs an event loop in this thread; the ORM calls in fixtures are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not CHROMIUM.exists():
        message = f"no Chromium at {CHROMIUM}: run `make browser` to install Debian's chromium"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return {**browser_type_launch_args, "executable_path": str(CHROMIUM), "args": CHROMIUM_FLAGS}


# The demo content as the first test of this process loaded it: a fixture file (without what every
# migrate or flush makes again: content types, permissions and the staff groups) and the stored files.
_demo = {}
RECREATED = ["contenttypes", "auth.permission", "auth.group"]


@pytest.fixture
def demo(transactional_db, settings, tmp_path_factory):
    """The demo content, as `load_demo` makes it. The first test of each process runs `load_demo`;
    the others load what it made (`loaddata`, about a second instead of several)."""
    settings.DEBUG = True
    if not _demo:
        before = set(_stored_files())
        call_command("load_demo", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
        fixture = tmp_path_factory.mktemp("demo") / "demo.json"
        call_command("dumpdata", natural_foreign=True, all=True, exclude=RECREATED, output=str(fixture), verbosity=0)
        _demo.update(fixture=str(fixture), files={name: _read(name) for name in set(_stored_files()) - before})
    else:
        for name, content in _demo["files"].items():
            if not default_storage.exists(name):  # the test storage was made anew since
                assert default_storage.save(name, ContentFile(content)) == name
        call_command("loaddata", _demo["fixture"], verbosity=0)
    settings.DEBUG = False
    settings.INTAKE_MIN_FILL_SECONDS = 0
    settings.INTAKE_RATE_LIMIT = "0"


@pytest.fixture
def site(live_server, demo):
    return live_server.url


def _stored_files(folder=""):
    folders, files = default_storage.listdir(folder)
    for name in files:
        yield posixpath.join(folder, name)
    for name in folders:
        yield from _stored_files(posixpath.join(folder, name))


def _read(name):
    with default_storage.open(name) as file:
        return file.read()
