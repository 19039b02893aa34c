"""Per-client limit on inquiry submissions, counted in the cache."""

from django.conf import settings
from django_ratelimit.core import is_ratelimited


def client_address(request):
    """REMOTE_ADDR, or the X-Forwarded-For entry added by the outermost trusted proxy."""
    trusted = settings.INTAKE_TRUSTED_PROXIES
    if trusted > 0:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= trusted:
            return forwarded[-trusted]
    return request.META.get("REMOTE_ADDR", "")


def _client_key(group, request):
    return client_address(request)


def submission_limited(request):
    """Count this submission; True when the client is over the limit."""
    rate = (settings.INTAKE_RATE_LIMIT or "0").strip()
    if rate == "0":
        return False
    return is_ratelimited(request, group="intake.submit", key=_client_key, rate=rate, method="POST", increment=True)
