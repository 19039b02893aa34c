"""Settings for the Magnolia Recovery site, read from the environment (see README)."""

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from .caches import cache_settings
from .databases import with_timeouts
from .encryption import field_encryption_keys
from .env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DJANGO_DEBUG", False)

SECRET_KEY = env_str("DJANGO_SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("DJANGO_SECRET_KEY is not set: set it (or DJANGO_DEBUG=1 for local development).")
    SECRET_KEY = "django-insecure-local-development-only"

# Member IDs, dates of birth and insurance card images are encrypted at rest with these Fernet keys
# (newest first; django-fernet-fields-v2 for fields, intake/card_files.py for card images).
FERNET_KEYS = field_encryption_keys(env_list("DJANGO_FIELD_ENCRYPTION_KEYS"), DEBUG)
FERNET_USE_HKDF = False  # the keys are Fernet keys already

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # Before the admin, which it extends with a field per language.
    "modeltranslation",
    # Django's admin, with the center's admin site (magnolia/admin.py) as the default.
    "magnolia.apps.MagnoliaAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "bootstrap",
    "crispy_forms",
    "crispy_bootstrap5",
    "reversion",
    "phonenumber_field",
    "imagekit",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_tasks",
    "django_tasks_db",
    "core",
    "staff",
    "review",
    "pages",
    "levels",
    "faq",
    "intake",
    "admissions",
    "screening",
    "census",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # The security headers come before anything that reads the host, so that even the 400 answered
    # for an unknown host carries them.
    "csp.middleware.CSPMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Outside every middleware that sets cookies: it must see them to decide who may keep a page.
    "core.middleware.SharedCacheHeadersMiddleware",
    # The language comes from the address alone (/es/ or none): before the whole-page cache, whose
    # keys carry it.
    "core.middleware.PathLanguageMiddleware",
    # Before anything that looks a value up (old addresses, sessions, the admin's filters), after the
    # language so the 400 page speaks the address's.
    "core.unreadable_input.RefuseUnreadableInputMiddleware",
    "common.markdown.MarkdownBudgetMiddleware",
    "intake.attribution.AttributionMiddleware",
    # Inside the cookie-setting attribution middleware: a kept page still notes a new visitor.
    "core.middleware.WholePageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Inside the whole-page cache, which keeps only 200s: a moved page's old address is looked up
    # when it would answer 404.
    "core.redirects.OldAddressRedirectMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "staff.idle_timeout.StaffSessionTimeoutMiddleware",
    "staff.two_factor.middleware.SecondFactorRequiredMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "magnolia.urls"
WSGI_APPLICATION = "magnolia.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "core.context_processors.site_frame",
                "pages.context_processors.footer_pages",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL",
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
# A PostgreSQL that is slow or stops answering must not hold a worker until gunicorn kills it: pages
# fail fast to the error page (which needs no database) and /healthz answers 503.
DATABASE_CONNECT_TIMEOUT = env_int("DATABASE_CONNECT_TIMEOUT", 3)  # seconds; libpq's least is 2
DATABASE_STATEMENT_TIMEOUT = env_int("DATABASE_STATEMENT_TIMEOUT", 10_000)  # milliseconds; 0 for none
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"]["OPTIONS"] = with_timeouts(
        DATABASES["default"].get("OPTIONS", {}), DATABASE_CONNECT_TIMEOUT, DATABASE_STATEMENT_TIMEOUT
    )
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Two workers on one SQLite file: a transaction takes the write lock when it starts, so one that
    # reads and then writes waits its turn instead of failing with "database is locked" (a deferred
    # transaction cannot wait to upgrade); waiting is bounded by the busy timeout, in seconds.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        **DATABASES["default"].get("OPTIONS", {}),
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env_str("REDIS_URL")
CACHE_DIR = env_str("DJANGO_CACHE_DIR", str(BASE_DIR / "var" / "cache"))
CACHES = cache_settings(REDIS_URL, CACHE_DIR)
# This machine's copy of the site settings, for error pages when the database and the cache fail
# (core/site_copy.py). Outside the cache folder, which visitors' requests fill.
SITE_SETTINGS_COPY = env_str("DJANGO_SITE_SETTINGS_COPY", str(BASE_DIR / "var" / "site-settings.json"))

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# English at today's addresses, Spanish under /es/. Interface text is in locale/ (gettext); content
# fields are translated in the admin with django-modeltranslation (a column per language).
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("es", "Español")]
LOCALE_PATHS = [BASE_DIR / "locale"]
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)
FORMAT_MODULE_PATH = ["magnolia.formats"]
TIME_ZONE = env_str("DJANGO_TIME_ZONE", "America/Los_Angeles")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Uploaded pictures: a folder by default, served by the site at /media/ (by nginx in front of it,
# deploy/nginx.conf); S3-compatible storage through django-storages when a bucket is named.
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("DJANGO_MEDIA_ROOT", str(BASE_DIR / "media")))
MEDIA_BUCKET = env_str("DJANGO_MEDIA_BUCKET")
# Files only staff may fetch (insurance card photos, exports), encrypted (intake/private_files.py): in a
# folder no web server serves, or in a private bucket that every app server reaches when one is named.
PRIVATE_ROOT = Path(env_str("DJANGO_PRIVATE_ROOT", str(BASE_DIR / "private")))
PRIVATE_BUCKET = env_str("DJANGO_PRIVATE_BUCKET")
if PRIVATE_BUCKET and PRIVATE_BUCKET == MEDIA_BUCKET:
    raise ImproperlyConfigured(
        "DJANGO_PRIVATE_BUCKET names the bucket of DJANGO_MEDIA_BUCKET, whose pictures are public: name a "
        "bucket of its own, with its public access blocked."
    )
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    "private": {"BACKEND": "intake.card_files.EncryptedCardStorage"},
}
if PRIVATE_BUCKET:
    STORAGES["private"] = {
        "BACKEND": "intake.private_files.EncryptedBucketStorage",
        "OPTIONS": {
            "bucket_name": PRIVATE_BUCKET,
            # For S3-compatible services; the pictures' service unless said otherwise.
            "endpoint_url": env_str("DJANGO_PRIVATE_ENDPOINT_URL") or env_str("DJANGO_MEDIA_ENDPOINT_URL") or None,
        },
    }
MEDIA_HOST = ""
if MEDIA_BUCKET:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": MEDIA_BUCKET,
            "endpoint_url": env_str("DJANGO_MEDIA_ENDPOINT_URL") or None,  # for S3-compatible services
            "custom_domain": env_str("DJANGO_MEDIA_DOMAIN") or None,  # a CDN in front of the bucket
            "querystring_auth": False,  # public pictures, addresses that never change
            "file_overwrite": False,
            "object_parameters": {"CacheControl": "public, max-age=31536000, immutable"},
        },
    }
    MEDIA_HOST = env_str("DJANGO_MEDIA_DOMAIN") or env_str("DJANGO_MEDIA_ENDPOINT_URL") or "https://*.amazonaws.com"
# Variants are made when a picture is saved; pages then name them without touching storage.
IMAGEKIT_DEFAULT_CACHEFILE_STRATEGY = "imagekit.cachefiles.strategies.Optimistic"
IMAGEKIT_CACHEFILE_DIR = "pictures/sizes"
WHITENOISE_MAX_AGE = 31536000
# Markdown typed by editors is formatted within this many seconds, or refused with a word on why
# (common/markdown.py): some texts take Python-Markdown minutes, which would hold a worker.
MARKDOWN_RENDER_SECONDS = env_int("MARKDOWN_RENDER_SECONDS", 2)
MARKDOWN_REQUEST_SECONDS = env_int("MARKDOWN_REQUEST_SECONDS", 10)

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# E-mail: console by default so nothing leaves a developer's machine.
EMAIL_BACKEND = env_str("DJANGO_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("DJANGO_EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("DJANGO_EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("DJANGO_EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = env_int("DJANGO_EMAIL_TIMEOUT", 10)
DEFAULT_FROM_EMAIL = env_str("DJANGO_DEFAULT_FROM_EMAIL", "website@magnolia-recovery.example")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Background tasks: the database queue in production, run at once when asked.
TASKS = {
    "default": {
        "BACKEND": (
            "django_tasks.backends.immediate.ImmediateBackend"
            if env_bool("TASKS_IMMEDIATE", DEBUG)
            else "django_tasks_db.DatabaseBackend"
        )
    }
}

# Security. Everything below tightens further when DEBUG is off.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
if env_bool("DJANGO_SECURE_PROXY_SSL_HEADER", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", True)
    CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
    SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

# Staff sign in through the admin; after signing in with no (or an unsafe) `next`, they land there.
LOGIN_URL = "admin:login"
CSRF_FAILURE_VIEW = "pages.views.csrf_failure"
LOGIN_REDIRECT_URL = "admin:index"

# Staff sessions end after this much inactivity.
STAFF_SESSION_IDLE_SECONDS = env_int("STAFF_SESSION_IDLE_SECONDS", 30 * 60)

# A second factor (an authenticator app's code, or a recovery code) after the password, for staff
# who see inquiries (admissions and superusers); for content editors too when asked.
STAFF_REQUIRE_2FA = env_bool("STAFF_REQUIRE_2FA", not DEBUG)
STAFF_2FA_FOR_EDITORS = env_bool("STAFF_2FA_FOR_EDITORS", False)
OTP_TOTP_ISSUER = env_str("OTP_TOTP_ISSUER", "Magnolia Recovery")

# How many proxies in front of the site add an X-Forwarded-For entry (see common/client.py).
TRUSTED_PROXY_COUNT = env_int("DJANGO_TRUSTED_PROXIES", 0)

# Admin login lockout (django-axes).
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("AXES_COOLOFF_MINUTES", 30) / 60  # hours
# A username from one address, and an address whatever usernames it tries (a flood of new names).
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_LOCKOUT_TEMPLATE = "axes_lockout.html"
AXES_CLIENT_IP_CALLABLE = "common.client.client_address"

# Content-Security-Policy: no inline script anywhere, and no nonce, so a page is the same for every
# visitor and can be cached whole (JSON-LD is a data block, which browsers never run). The admin's
# own styles are inline.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", *([MEDIA_HOST] if MEDIA_HOST else [])],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
PERMISSIONS_POLICY = {
    "camera": [],
    "microphone": [],
    "geolocation": [],
    "payment": [],
    "usb": [],
    "interest-cohort": [],
}

# How long a CDN or proxy may keep a public page for visitors without a session (Cache-Control);
# 0 sends `private` everywhere. Workers themselves never keep whole pages. See core/middleware.py.
PUBLIC_CACHE_SECONDS = env_int("PUBLIC_CACHE_SECONDS", 60)
# Lifetime of cached fragments. Their keys carry the content version, so they are never stale; this
# only bounds the space they take. 0 (the default with DJANGO_DEBUG=1) shows template edits at once.
FRAGMENT_CACHE_SECONDS = env_int("FRAGMENT_CACHE_SECONDS", 0 if DEBUG else 60 * 60)
# Whole public pages kept the same way, for as long (core.middleware.WholePageCacheMiddleware).
WHOLE_PAGE_CACHE = env_bool("WHOLE_PAGE_CACHE", True)
# Pages not even looked up: robots.txt costs less to build than to look up, and a page with a form
# is never kept (the lookup would be one more cache round trip for nothing).
WHOLE_PAGE_CACHE_SKIP = {"/robots.txt", "/contact/", "/es/contact/"}

# Intake.
INTAKE_NOTIFY_EMAILS = env_list("INTAKE_NOTIFY_EMAILS", ["admissions@magnolia-recovery.example"])
INTAKE_MIN_FILL_SECONDS = env_int("INTAKE_MIN_FILL_SECONDS", 3)
# A form's time stamp older than this counts as spam: stamps replayed by a script never expire otherwise.
INTAKE_MAX_FORM_AGE_SECONDS = env_int("INTAKE_MAX_FORM_AGE_SECONDS", 24 * 60 * 60)
INTAKE_RATE_LIMIT = env_str("INTAKE_RATE_LIMIT", "5/10m")
# When the cache cannot count, take the inquiry: losing one is worse than letting spam through.
RATELIMIT_FAIL_OPEN = True
RATELIMIT_IP_META_KEY = "common.client.client_address"
INTAKE_RESPONSE_TARGET_MINUTES = env_int("INTAKE_RESPONSE_TARGET_MINUTES", 15)
INTAKE_RETENTION_DAYS = env_int("INTAKE_RETENTION_DAYS", 365)
INTAKE_NOTIFY_MAX_ATTEMPTS = env_int("INTAKE_NOTIFY_MAX_ATTEMPTS", 5)
# The clinician on call, told (with a link only, no health details) when a screen shows high risk.
SCREENING_ON_CALL_EMAILS = env_list("SCREENING_ON_CALL_EMAILS", ["oncall@magnolia-recovery.example"])
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

PHONENUMBER_DEFAULT_REGION = "US"
PHONENUMBER_DB_FORMAT = "E164"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "line": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {
        "stdout": {"class": "logging.StreamHandler", "stream": "ext://sys.stdout", "formatter": "line"},
    },
    "root": {"handlers": ["stdout"], "level": env_str("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {
        # Request logs can carry query strings; errors are logged without request bodies.
        "django.request": {"handlers": ["stdout"], "level": "ERROR", "propagate": False},
        "django.security.DisallowedHost": {"handlers": [], "propagate": False},
    },
}
