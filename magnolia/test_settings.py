"""Settings for the test suite: fast hashing, mail kept in memory, tasks run at once."""

import atexit
import os
import shutil
import tempfile

os.environ.setdefault("DJANGO_SECRET_KEY", "tests-only-not-secret")
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
os.environ.setdefault("DJANGO_SECURE_SSL_REDIRECT", "0")
# A key of the tests' own (tests about keys set others).
os.environ.setdefault("DJANGO_FIELD_ENCRYPTION_KEYS", "AVv0iGzq6sGNj6ACIqBLhwq3ZpjY5TeuEfLRvjXeBRA=")

from .caches import cache_settings  # noqa: E402
from .settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    # The folder below, whatever the environment names: tests that want a bucket start their own.
    "private": {"BACKEND": "intake.card_files.EncryptedCardStorage"},
}
# The same shared file cache as the default set-up, in a folder of this test run's own (tests that
# need Redis switch to it themselves).
CACHE_DIR = tempfile.mkdtemp(prefix="magnolia-test-cache-")
atexit.register(shutil.rmtree, CACHE_DIR, ignore_errors=True)
CACHES = cache_settings(None, CACHE_DIR)
SITE_SETTINGS_COPY = os.path.join(tempfile.mkdtemp(prefix="magnolia-test-site-"), "site-settings.json")
atexit.register(shutil.rmtree, os.path.dirname(SITE_SETTINGS_COPY), ignore_errors=True)
PRIVATE_ROOT = tempfile.mkdtemp(prefix="magnolia-test-private-")
atexit.register(shutil.rmtree, PRIVATE_ROOT, ignore_errors=True)
INTAKE_MIN_FILL_SECONDS = 3
STAFF_REQUIRE_2FA = False  # tests about it turn it on
LOGGING["root"]["level"] = "WARNING"  # noqa: F405
