"""Whole-page cache for anonymous visitors, dropped whenever content is saved.

Never used for anyone with a session (staff), for non-GET requests, for responses that set
cookies or say private/no-store (the contact form), or for the admin.
"""

import time

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

GENERATION_KEY = "page-cache:generation"
SKIP_PREFIXES = ("/admin/", "/healthz", "/contact/", "/static/")


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


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seconds = settings.PAGE_CACHE_SECONDS
        if not seconds or not self._cacheable_request(request):
            return self.get_response(request)
        key = f"page-cache:{request_generation(request)}:{request.get_host()}:{request.get_full_path()}"
        cached = cache.get(key)
        if cached is not None:
            cached["X-Page-Cache"] = "hit"
            return cached
        response = self.get_response(request)
        if self._cacheable_response(response):
            if hasattr(response, "render") and callable(response.render):
                response.render()
            cache.set(key, response, seconds)
        return response

    @staticmethod
    def _cacheable_request(request):
        return (
            request.method == "GET"
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and not request.path.startswith(SKIP_PREFIXES)
        )

    @staticmethod
    def _cacheable_response(response):
        control = response.get("Cache-Control", "")
        return (
            response.status_code == 200
            and not response.cookies
            and not response.streaming
            and "private" not in control
            and "no-store" not in control
        )
