"""This machine's copy of the site settings, for the error pages (pages/views.py).

An error page may be shown because the database is what failed, and the cache can be down too, or
have let the settings go (evicted, emptied, a fresh folder). The helpline it shows must still be
the center's: the last settings are kept in a small file of this machine's own
(settings.SITE_SETTINGS_COPY), outside the cache, where no visitor can push them out.

The file is written (atomically: a temporary file, then os.replace) when the settings are saved,
and whenever a page reads settings that differ from what this process knows the file holds: at the
first page after start-up, and on every machine after a save made on another one. The comparison
is of the row's `updated_at`, held in memory, so it costs nothing on an ordinary page.
"""

import json
import logging
import os
import tempfile
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.core import serializers

logger = logging.getLogger(__name__)

FORMAT = 1
_ABSENT = "absent"  # what this process knows the file holds: a row's updated_at, this, or None (unknown)
_known = None


def keep_up(site):
    """Called with the settings every page reads: writes them when the file may hold others."""
    global _known
    stamp = site.updated_at if site.pk and site.updated_at else _ABSENT
    if stamp == _known:
        return
    on_file = _stamp_on_file()
    if stamp != on_file:
        if stamp == _ABSENT:
            _remove()  # the row was deleted: pages show the defaults, and so will error pages
        elif not write(site):
            return  # not known to be there: tried again at the next page
    _known = stamp


def write(site):
    """Writes `site` to the file atomically; False (and a warning) when the folder refuses."""
    global _known
    path = _path()
    text = json.dumps(
        {
            "format": FORMAT,
            "updated_at": site.updated_at.isoformat(),
            "settings": json.loads(serializers.serialize("json", [site])),
        }
    )
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".site-settings-")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as file:
                file.write(text)
            os.chmod(temporary, 0o644)  # the center's public details, read by every worker
            os.replace(temporary, path)
        except BaseException:
            os.unlink(temporary)
            raise
    except OSError as error:
        logger.warning("site settings copy not written: %s", type(error).__name__)
        return False
    _known = site.updated_at
    return True


def read():
    """The settings in the file, or None when there is none (or it cannot be read)."""
    document = _document()
    if document is None:
        return None
    try:
        return next(serializers.deserialize("json", json.dumps(document["settings"]))).object
    except Exception:  # a damaged or outdated file: the cache's copy or the defaults then
        logger.warning("site settings copy unreadable")
        return None


def forget():
    """Removes the file and what this process knows of it (for tests)."""
    global _known
    _remove()
    _known = None


def _stamp_on_file():
    document = _document()
    if document is None:
        return _ABSENT
    try:
        return datetime.fromisoformat(document["updated_at"])
    except (KeyError, TypeError, ValueError):
        return None  # unreadable: written again


def _document():
    try:
        document = json.loads(_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return document if isinstance(document, dict) and document.get("format") == FORMAT else None


def _remove():
    try:
        _path().unlink(missing_ok=True)
    except OSError as error:
        logger.warning("site settings copy not removed: %s", type(error).__name__)


def _path():
    return Path(settings.SITE_SETTINGS_COPY)
