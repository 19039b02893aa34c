"""Settings read from the environment, and refuse to run unsafely in production."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "magnolia.settings",
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": "a-production-like-secret-key-that-is-long-and-random-0123456789-abcdefghijkl",
    "DJANGO_ALLOWED_HOSTS": "www.example.org",
    "DJANGO_CSRF_TRUSTED_ORIGINS": "https://www.example.org",
    "DJANGO_SECURE_PROXY_SSL_HEADER": "1",
    "DJANGO_FIELD_ENCRYPTION_KEYS": "cHJvZHVjdGlvbi1saWtlLXRlc3Qta2V5LTAwMDAwMDA=",
    "SCREENING_ON_CALL_EMAILS": "oncall@magnolia-recovery.org",
}


def run_manage(*args, env):
    base = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env={**base, **env}, capture_output=True, text=True, timeout=120
    )


def test_production_without_secret_key_refuses_to_start():
    env = {**PRODUCTION_ENV, "DJANGO_SECRET_KEY": ""}
    result = run_manage("check", env=env)
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr


def test_debug_without_secret_key_starts():
    result = run_manage("check", env={"DJANGO_DEBUG": "1"})
    assert result.returncode == 0, result.stderr


def test_unreadable_boolean_is_a_clear_error():
    result = run_manage("check", env={**PRODUCTION_ENV, "DJANGO_DEBUG": "maybe"})
    assert result.returncode != 0
    assert "DJANGO_DEBUG must be one of" in result.stderr


def test_check_deploy_is_clean_with_production_settings():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize(
    ("addresses", "error"),
    [
        ("", "screening.E001"),
        ("oncall@magnolia-recovery.example", "screening.E002"),
    ],
)
def test_check_deploy_refuses_on_call_addresses_that_reach_nobody(addresses, error):
    result = run_manage("check", "--deploy", env={**PRODUCTION_ENV, "SCREENING_ON_CALL_EMAILS": addresses})
    assert result.returncode == 1
    assert [line.partition(")")[0] for line in result.stderr.splitlines() if line.startswith("?: (")] == [
        f"?: ({error}"
    ]


def test_production_security_settings():
    code = (
        "from django.conf import settings as s;"
        "print(s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS,"
        " s.X_FRAME_OPTIONS, s.SECURE_REFERRER_POLICY, s.SECURE_PROXY_SSL_HEADER)"
    )
    result = run_manage("shell", "-c", code, env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == (
        "True True True 31536000 DENY strict-origin-when-cross-origin ('HTTP_X_FORWARDED_PROTO', 'https')"
    )


def test_ssl_redirect_can_be_turned_off_for_a_local_production_run():
    code = "from django.conf import settings as s; print(s.SECURE_SSL_REDIRECT)"
    result = run_manage("shell", "-c", code, env={**PRODUCTION_ENV, "DJANGO_SECURE_SSL_REDIRECT": "0"})
    assert result.stdout.strip().splitlines()[-1] == "False"


def test_cache_uses_redis_when_configured():
    code = "from django.conf import settings as s; print(s.CACHES['default']['BACKEND'])"
    result = run_manage("shell", "-c", code, env={**PRODUCTION_ENV, "REDIS_URL": "redis://127.0.0.1:6379/0"})
    assert result.stdout.strip().splitlines()[-1] == "magnolia.caches.ForgivingRedisCache"


@pytest.mark.parametrize(
    "env, expected",
    [
        (PRODUCTION_ENV, "60 3600"),
        ({"DJANGO_DEBUG": "1"}, "60 0"),  # an edited template shows at once
        ({**PRODUCTION_ENV, "PUBLIC_CACHE_SECONDS": "0", "FRAGMENT_CACHE_SECONDS": "45"}, "0 45"),
    ],
)
def test_cache_lifetimes(env, expected):
    code = "from django.conf import settings as s; print(s.PUBLIC_CACHE_SECONDS, s.FRAGMENT_CACHE_SECONDS)"
    result = run_manage("shell", "-c", code, env={"REDIS_URL": "", **env})
    assert result.stdout.strip().splitlines()[-1] == expected


def test_default_cache_is_a_folder_every_worker_shares(tmp_path):
    code = "from django.conf import settings as s; c = s.CACHES['default']; print(c['BACKEND'], c['LOCATION'])"
    result = run_manage("shell", "-c", code, env={**PRODUCTION_ENV, "REDIS_URL": "", "DJANGO_CACHE_DIR": str(tmp_path)})
    assert result.stdout.strip().splitlines()[-1] == f"magnolia.caches.ForgivingFileCache {tmp_path}"


def test_the_error_pages_copy_of_the_site_settings_is_outside_the_cache_folder():
    code = "from django.conf import settings as s; print(s.SITE_SETTINGS_COPY, s.CACHE_DIR)"
    result = run_manage("shell", "-c", code, env={**PRODUCTION_ENV, "REDIS_URL": ""})
    assert result.stdout.strip().splitlines()[-1] == f"{ROOT}/var/site-settings.json {ROOT}/var/cache"


DATABASE = "postgres://magnolia@db.internal:5432/magnolia"
SHOW_DATABASE_OPTIONS = (
    "from django.conf import settings as s; print(sorted(s.DATABASES['default']['OPTIONS'].items()))"
)


@pytest.mark.parametrize(
    "env, expected",
    [
        (
            {"DATABASE_URL": DATABASE},
            "[('connect_timeout', 3), ('keepalives', 1), ('keepalives_count', 3), ('keepalives_idle', 10), "
            "('keepalives_interval', 5), ('options', '-c statement_timeout=10000'), ('tcp_user_timeout', 10000)]",
        ),
        (
            {"DATABASE_URL": DATABASE, "DATABASE_CONNECT_TIMEOUT": "5", "DATABASE_STATEMENT_TIMEOUT": "2500"},
            "[('connect_timeout', 5), ('keepalives', 1), ('keepalives_count', 3), ('keepalives_idle', 10), "
            "('keepalives_interval', 5), ('options', '-c statement_timeout=2500'), ('tcp_user_timeout', 2500)]",
        ),
        (
            {"DATABASE_URL": DATABASE + "?connect_timeout=7&options=-c%20search_path%3Dsite"},
            "[('connect_timeout', 7), ('keepalives', 1), ('keepalives_count', 3), ('keepalives_idle', 10), "
            "('keepalives_interval', 5), ('options', '-c statement_timeout=10000 -c search_path=site'), "
            "('tcp_user_timeout', 10000)]",
        ),
        (
            {"DATABASE_URL": "sqlite:////tmp/magnolia-settings-test.sqlite3"},
            "[('timeout', 20), ('transaction_mode', 'IMMEDIATE')]",
        ),
    ],
    ids=["postgres-defaults", "postgres-set", "postgres-in-the-url", "sqlite"],
)
def test_database_timeouts(env, expected):
    result = run_manage("shell", "-c", SHOW_DATABASE_OPTIONS, env={**PRODUCTION_ENV, **env})
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == expected


def test_a_named_bucket_keeps_pictures_in_s3_compatible_storage():
    env = {
        "DJANGO_DEBUG": "1",
        "DJANGO_MEDIA_BUCKET": "magnolia-pictures",
        "DJANGO_MEDIA_ENDPOINT_URL": "https://objects.example.net",
        "DJANGO_MEDIA_DOMAIN": "media.example.org",
    }
    code = (
        "from django.conf import settings\n"
        "from django.core.files.storage import default_storage\n"
        "from django.urls import Resolver404, resolve\n"
        "from storages.backends.s3 import S3Storage\n"
        "default_storage._setup()\n"
        "try:\n    resolve('/media/pictures/x.webp'); served = 'served here'\n"
        "except Resolver404:\n    served = 'not served here'\n"
        "print('RESULT', isinstance(default_storage._wrapped, S3Storage), default_storage._wrapped.bucket_name,"
        " settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src'][-1], served, sep='|')\n"
    )
    result = run_manage("shell", "-c", code, env=env)
    assert result.returncode == 0, result.stderr
    (line,) = [line for line in result.stdout.splitlines() if line.startswith("RESULT")]
    assert line == "RESULT|True|magnolia-pictures|media.example.org|not served here"


def test_production_without_encryption_keys_refuses_to_start():
    result = run_manage("check", env={**PRODUCTION_ENV, "DJANGO_FIELD_ENCRYPTION_KEYS": ""})
    assert result.returncode != 0
    assert "DJANGO_FIELD_ENCRYPTION_KEYS is not set: insurance details cannot be stored" in result.stderr


def test_a_malformed_encryption_key_is_named_at_start():
    keys = "cHJvZHVjdGlvbi1saWtlLXRlc3Qta2V5LTAwMDAwMDA=,not-a-key"
    result = run_manage("check", env={**PRODUCTION_ENV, "DJANGO_FIELD_ENCRYPTION_KEYS": keys})
    assert result.returncode != 0
    assert "DJANGO_FIELD_ENCRYPTION_KEYS: key 2 is not a Fernet key" in result.stderr


def test_debug_without_encryption_keys_uses_the_development_key_and_says_so():
    result = run_manage("check", env={"DJANGO_DEBUG": "1"})
    assert result.returncode == 0, result.stderr
    assert "Development only: insurance details are encrypted with the development key." in result.stderr
