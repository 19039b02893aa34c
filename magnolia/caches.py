"""The CACHES setting: Redis when REDIS_URL is set, process memory otherwise."""


def cache_settings(redis_url):
    if redis_url:
        default = {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": redis_url,
            "KEY_PREFIX": "magnolia",
            # If Redis is down the site keeps serving from the database, uncached: the helpline
            # and the form matter more than speed. /healthz reports it.
            "OPTIONS": {
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": 0.25,
                "SOCKET_TIMEOUT": 0.25,
            },
        }
    else:
        default = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    return {
        "default": default,
        # Rendered fragments are named by the content generation, so a copy never goes stale and
        # each process can keep its own: no network round trip per fragment. See core/fragments.py.
        "fragments": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "fragments",
            "OPTIONS": {"MAX_ENTRIES": 2000},
        },
    }
