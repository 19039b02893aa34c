"""The CACHES setting: Redis when REDIS_URL is set; otherwise a folder of files that every worker
process on the machine shares. Nothing is kept in one process's memory."""


def cache_settings(redis_url, cache_dir):
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
        default = {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(cache_dir),
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    return {"default": default}
