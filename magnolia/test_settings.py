"""Settings for the test suite: fast hashing, mail kept in memory, tasks run at once."""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "tests-only-not-secret")
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
os.environ.setdefault("DJANGO_SECURE_SSL_REDIRECT", "0")

from .caches import cache_settings  # noqa: E402
from .settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
CACHES = cache_settings(None)  # in memory, even when REDIS_URL is set
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.E003", "django_ratelimit.W001"]
INTAKE_MIN_FILL_SECONDS = 3
LOGGING["root"]["level"] = "WARNING"  # noqa: F405
PAGE_CACHE_SECONDS = 0  # tests of the page cache turn it on
GENERATION_RECHECK_SECONDS = 0  # tests change the cache behind the process's back
