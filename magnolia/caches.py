"""The CACHES setting: Redis when REDIS_URL is set; otherwise a folder of files that every worker
process on the machine shares. Besides it, each process keeps rendered fragments and looked-up
content in its own memory ("template_fragments"), only ever under the content version's number
(core/content_version.py): a change made in any process moves the number on, which every request
reads from the database, so nothing kept there can outlive a change made elsewhere."""

import errno
import logging
import pickle
import time
import zlib

from django.core.cache.backends.filebased import FileBasedCache
from django_redis.cache import RedisCache

logger = logging.getLogger(__name__)

# After Redis fails once, a worker leaves it alone this long: a Redis that never answers would
# otherwise cost every cache call its timeout.
REST_SECONDS = 5
# A cache folder that cannot be written is said once a minute per worker, not at every call.
FOLDER_WARNING_SECONDS = 60


def cache_settings(redis_url, cache_dir):
    if redis_url:
        default = {
            "BACKEND": "magnolia.caches.ForgivingRedisCache",
            "LOCATION": redis_url,
            "KEY_PREFIX": "magnolia",
            # Short: Redis on the same network answers in a millisecond.
            "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 0.1, "SOCKET_TIMEOUT": 0.1},
        }
    else:
        default = {
            "BACKEND": "magnolia.caches.ForgivingFileCache",
            "LOCATION": str(cache_dir),
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    return {"default": default, "template_fragments": VERSIONED}


# What `{% cache %}` uses when its tag names no cache, and core/versioned.py. Bounded: the oldest
# third goes when it is full (about 20 MB of fragments at most).
VERSIONED = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "versioned",
    "OPTIONS": {"MAX_ENTRIES": 1500},
}


class ForgivingRedisCache(RedisCache):
    """django-redis, where anything Redis does wrong (down, slow, or answering garbage) is a miss.

    The site then serves from the database: the helpline and the form matter more than speed, and
    /healthz reports it. The rate limit cannot count then, and lets inquiries through.
    """

    _resting_until = 0.0


def _forgiving(name, failed):
    method = getattr(RedisCache, name)

    def call(self, *args, **kwargs):
        if time.monotonic() < self._resting_until:
            return failed(*args, **kwargs)
        try:
            return method(self, *args, **kwargs)
        except Exception as error:  # any fault of the cache server is a miss
            self._resting_until = time.monotonic() + REST_SECONDS
            logger.warning("cache unavailable for %s s: %s", REST_SECONDS, type(error).__name__)
            return failed(*args, **kwargs)

    call.__name__ = name
    return call


# What each call answers when Redis cannot: what it would answer for a missing key, or "not stored".
_FAILED = {
    "get": lambda key, default=None, **kwargs: default,
    "get_many": lambda *args, **kwargs: {},
    "has_key": lambda *args, **kwargs: False,
    "set": lambda *args, **kwargs: False,
    "add": lambda *args, **kwargs: False,
    "set_many": lambda data, *args, **kwargs: list(data),
    "touch": lambda *args, **kwargs: False,
    "delete": lambda *args, **kwargs: False,
    "delete_many": lambda *args, **kwargs: None,
    "incr": lambda *args, **kwargs: None,  # django-ratelimit then fails open
    "decr": lambda *args, **kwargs: None,
    "clear": lambda *args, **kwargs: None,
}
for _name, _failed in _FAILED.items():
    setattr(ForgivingRedisCache, _name, _forgiving(_name, _failed))


class ForgivingFileCache(FileBasedCache):
    """Django's folder of cache files, where a folder that cannot be used (disk full, read-only, a
    plain file in its place, a damaged entry) is a miss, as ForgivingRedisCache does for Redis.

    Each call is tried: reading usually still works when writing does not, and a failed call costs
    no more than a system call. /healthz reports it.
    """

    _warned_at = None

    def __init__(self, dir, params):
        try:
            super().__init__(dir, params)
        except OSError as error:  # Django makes the folder here first; each write tries again
            self._warn(error)

    def _warn(self, error):
        now = time.monotonic()
        if self._warned_at is None or now - self._warned_at >= FOLDER_WARNING_SECONDS:
            self._warned_at = now
            code = errno.errorcode.get(getattr(error, "errno", None), "")
            logger.warning("cache folder unusable, serving uncached: %s %s", type(error).__name__, code)


# What a folder can do wrong: the system refuses (OSError), or an entry is damaged.
_FOLDER_ERRORS = (OSError, EOFError, zlib.error, pickle.UnpicklingError)


def _forgiving_file(name, failed):
    method = getattr(FileBasedCache, name)

    def call(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except _FOLDER_ERRORS as error:
            self._warn(error)
            return failed(*args, **kwargs)

    call.__name__ = name
    return call


# The other calls (get_many, set_many, incr...) are made of these.
for _name in ("get", "set", "add", "touch", "delete", "has_key", "clear"):
    setattr(ForgivingFileCache, _name, _forgiving_file(_name, _FAILED[_name]))
