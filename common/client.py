"""The client's address, the one way every part of the site reads it."""

import ipaddress

from django.conf import settings


def client_address(request):
    """REMOTE_ADDR, or the X-Forwarded-For entry added by the outermost trusted proxy.

    Used by the inquiry rate limit (django-ratelimit groups IPv6 addresses by /64 on top of it) and
    by the admin login lockout (django-axes), so both see the visitor behind the proxy, not the proxy.
    """
    trusted = settings.TRUSTED_PROXY_COUNT
    if trusted > 0:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= trusted and _is_address(forwarded[-trusted]):
            return forwarded[-trusted]
    return request.META.get("REMOTE_ADDR", "")


def _is_address(text):
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True
