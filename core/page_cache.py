"""Whole-page cache for anonymous visitors, dropped whenever content is saved.

Never used for anyone with a session (staff), for non-GET requests, for the admin, or for
responses that set cookies or say private/no-store, unless their view is marked
`shared_but_fresh` (the contact form). Per-visitor values in a kept page (the CSP nonce, and what
core/fresh_values.py wrote) are cut out of it, and every hit gets new ones.
"""

import base64
import hashlib
import os
import re
import time
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.middleware.csrf import CsrfViewMiddleware

from . import fresh_values

GENERATION_KEY = "page-cache:generation"
SKIP_PREFIXES = ("/admin/", "/healthz", "/static/")
NONCE = "csp_nonce"


# What this process last read, so that a busy page does not ask Redis on every request.
_seen = {"value": None, "at": 0.0}


def generation():
    """The content generation: re-read from the shared cache at most once a second
    (settings.GENERATION_RECHECK_SECONDS), and at once after a save in this process."""
    now = time.time()
    if _seen["value"] is not None and now - _seen["at"] < settings.GENERATION_RECHECK_SECONDS:
        return _seen["value"]
    value = _shared_generation()
    _seen.update(value=value, at=now)
    return value


def request_generation(request):
    """The content generation, read once per request."""
    if request is None:
        return generation()
    if not hasattr(request, "_content_generation"):
        request._content_generation = generation()
    return request._content_generation


def _shared_generation():
    value = cache.get(GENERATION_KEY)
    if value is None:
        # Start from the clock, not 1: after the shared cache is emptied, a new generation must
        # not repeat an old one that processes still hold fragments for (core/fragments.py).
        cache.add(GENERATION_KEY, time.time_ns() // 1_000_000, None)
        value = cache.get(GENERATION_KEY, 0)
    return value


def invalidate(**kwargs):
    _next_generation()
    # Again after commit: a request that read the old rows before the commit may have cached them.
    transaction.on_commit(_next_generation)


def _next_generation():
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        _shared_generation()
    _seen["value"] = None


def connect_invalidation(models):
    for model in models:
        post_save.connect(invalidate, sender=model, dispatch_uid=f"page-cache-save-{model._meta.label}")
        post_delete.connect(invalidate, sender=model, dispatch_uid=f"page-cache-delete-{model._meta.label}")
    m2m_changed.connect(invalidate, dispatch_uid="page-cache-m2m")


def shared_but_fresh(view):
    """Marks a view whose private response differs between visitors only by its fresh values:
    browsers must not keep it, but the page cache may, refilling those values at each hit."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response.shared_but_fresh = True
        return response

    return wrapper


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        # Django's own CSRF middleware, run here on a hit as csrf_protect runs it: it reads the
        # visitor's CSRF cookie before a token is made, and sets the cookie afterwards.
        self.csrf = CsrfViewMiddleware(get_response)

    def __call__(self, request):
        seconds = settings.PAGE_CACHE_SECONDS
        if not seconds or not self._cacheable_request(request):
            return self.get_response(request)
        # Hashed, as Django's cache middleware does: a long search would make a long key.
        url = hashlib.sha256(f"{request.get_host()}{request.get_full_path()}".encode()).hexdigest()
        key = f"page:{request_generation(request)}:{url}"
        kept = cache.get(key)
        if kept is not None and fresh_values.can_make(kept["fresh"]):
            return self._serve(request, kept)
        response = self.get_response(request)
        if self._cacheable_response(response):
            if hasattr(response, "render") and callable(response.render):
                response.render()
            cache.set(key, self._keep(request, response), seconds)
        return response

    @staticmethod
    def _keep(request, response):
        values = dict(fresh_values.written(request))
        nonce = getattr(request, "csp_nonce", None)
        if nonce:  # false until a template has asked for it
            values[str(nonce)] = NONCE
        return {
            "status": response.status_code,
            "headers": [(name, _cut(value, values)) for name, value in response.items() if name != "Content-Length"],
            "parts": _cut(response.content, values),
            "fresh": sorted(set(values.values()) - {NONCE}),
        }

    def _serve(self, request, kept):
        if "csrf_token" in kept["fresh"]:
            self.csrf.process_request(request)
        values = fresh_values.make(request, kept["fresh"])
        # Made as django-csp makes its nonces.
        values[NONCE] = base64.b64encode(os.urandom(16)).decode("ascii")
        response = HttpResponse(_fill(kept["parts"], values), status=kept["status"])
        for name, parts in kept["headers"]:
            response[name] = _fill(parts, values)
        response["Content-Length"] = len(response.content)
        response["X-Page-Cache"] = "hit"
        return self.csrf.process_response(request, response)

    @staticmethod
    def _cacheable_request(request):
        return (
            request.method == "GET"
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and not request.path.startswith(SKIP_PREFIXES)
        )

    @staticmethod
    def _cacheable_response(response):
        if response.status_code != 200 or response.streaming:
            return False
        if getattr(response, "shared_but_fresh", False):
            # The CSRF cookie is the visitor's own: each hit sets it again.
            return set(response.cookies) <= {settings.CSRF_COOKIE_NAME}
        control = response.get("Cache-Control", "")
        return not response.cookies and "private" not in control and "no-store" not in control


def _cut(text, values):
    """`text` (str or bytes) split around the fresh values in it: literal text at even places,
    the values' names at odd ones."""
    if not values:
        return (text,)
    same_type = _as_bytes if isinstance(text, bytes) else str
    names = {same_type(value): name for value, name in values.items()}
    pattern = same_type("(") + same_type("|").join(map(re.escape, names)) + same_type(")")
    parts = re.split(pattern, text)
    parts[1::2] = [names[value] for value in parts[1::2]]
    return tuple(parts)


def _fill(parts, values):
    """The text again, with new values in place of the old (bytes if it was bytes)."""
    same_type = _as_bytes if isinstance(parts[0], bytes) else str
    return same_type("").join(part if i % 2 == 0 else same_type(values[part]) for i, part in enumerate(parts))


def _as_bytes(text):
    return text.encode()
