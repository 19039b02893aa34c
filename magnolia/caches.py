"""The CACHES setting: Redis when REDIS_URL is set; otherwise a folder of files that every worker
process on the machine shares. Nothing is kept in one process's memory."""

import logging
import time

from django_redis.cache import RedisCache

logger = logging.getLogger(__name__)

# After Redis fails once, a worker leaves it alone this long: a Redis that never answers would
# otherwise cost every cache call its timeout.
REST_SECONDS = 5


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
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(cache_dir),
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    return {"default": default}


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
