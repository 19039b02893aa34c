import re

from django.conf import settings
from django.core.cache import cache
from django.utils import translation
from django.utils.cache import get_cache_key, learn_cache_key, patch_cache_control

from . import content_version

# Never kept by a shared cache, whatever else holds.
PRIVATE_PREFIXES = ("/admin/", "/healthz")
NOT_KEPT = "_whole_page_not_kept"
SLUG = re.compile(r"[-a-zA-Z0-9_]{1,100}")


def _public_request(request):
    """A request for a public page by someone without a session: its answer may be the same for all."""
    return settings.SESSION_COOKIE_NAME not in request.COOKIES and not request.path.startswith(PRIVATE_PREFIXES)


def not_kept(request):
    """Tells the whole-page cache not to keep this page: an address parameter named nothing real,
    so the address is one a visitor made up (see WholePageCacheMiddleware)."""
    setattr(request, NOT_KEPT, True)


class SharedCacheHeadersMiddleware:
    """Tells a CDN or proxy which responses it may keep, and for how long.

    A public page answered to a visitor without a session, that sets no cookie and whose view said
    nothing about caching, may be kept for PUBLIC_CACHE_SECONDS. Everything else is `private`. Views
    with a form (contact) or for staff (preview, admin) say `no-store` themselves. No `Vary: Cookie`
    is needed on what may be kept: it is the same page for every visitor without a session, and
    requests with one are never answered from a shared cache (see the nginx block in the README).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.cookies:
            # Never shared, whatever the view said: the cookie is this visitor's own.
            patch_cache_control(response, private=True)
            return response
        if "Cache-Control" in response:
            return response
        if self._shareable(request, response):
            patch_cache_control(response, public=True, max_age=settings.PUBLIC_CACHE_SECONDS)
        else:
            patch_cache_control(response, private=True)
        return response

    @staticmethod
    def _shareable(request, response):
        return (
            settings.PUBLIC_CACHE_SECONDS > 0
            and request.method in ("GET", "HEAD")
            and response.status_code in (200, 404)
            and _public_request(request)
        )


class PathLanguageMiddleware:
    """Speaks the language the address names: Spanish under /es/, English everywhere else (the
    admin included).

    Django's LocaleMiddleware would also read Accept-Language and a cookie for English addresses,
    and say `Vary: Accept-Language` on them: every English page would then be kept once per browser
    language by the whole-page cache and a CDN, for the same bytes. Here a page is one language.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
        request.LANGUAGE_CODE = language
        # Only for this request: the thread's language is given back after it (a test, a shell or the
        # next request in the thread starts from the default).
        with translation.override(language):
            response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


class WholePageCacheMiddleware:
    """Keeps whole public pages in the shared cache under the content version, with Django's own
    cache keys (which follow Vary); a page is rendered again after any change or scheduled time.

    Only pages that are the same for every visitor are kept: a GET without a session cookie, with no
    query parameters but those the site's own links carry, written as they write them, answered 200
    with no cookie and no Cache-Control of the view's own (pages with a form say no-store). Nothing
    in a kept page is ever rewritten.

    Visitors must not be able to fill the cache (and push out the rate limit's counts) with addresses
    of their own making: a search (free text) is never kept, a page number only as the site writes it
    (1, not 01), and a view says `not_kept(request)` when a parameter named nothing (an unknown level).
    Pages past the last answer 404, which is never kept.
    """

    # List pages, sitemap pages, a level's articles. Searches (?q=) are answered fresh.
    PARAMETERS = {"page": re.compile(r"[1-9][0-9]{0,5}"), "p": re.compile(r"[1-9][0-9]{0,5}"), "level": SLUG}

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not self._keepable_request(request):
            return self.get_response(request)
        prefix = f"v{content_version.for_request(request)}"
        key = get_cache_key(request, prefix, "GET", cache=cache)
        kept = cache.get(key) if key else None
        if kept is not None:
            kept["X-Page-Cache"] = "hit"
            return kept
        response = self.get_response(request)
        if self._keepable_response(request, response):
            cache.set(
                learn_cache_key(request, response, settings.FRAGMENT_CACHE_SECONDS, prefix, cache=cache),
                response,
                settings.FRAGMENT_CACHE_SECONDS,
            )
        return response

    def _keepable_request(self, request):
        return (
            settings.WHOLE_PAGE_CACHE
            and settings.FRAGMENT_CACHE_SECONDS > 0
            and request.method == "GET"
            and _public_request(request)
            and request.path not in settings.WHOLE_PAGE_CACHE_SKIP
            and self._parameters_as_written(request)
        )

    def _parameters_as_written(self, request):
        return all(
            name in self.PARAMETERS and len(values) == 1 and self.PARAMETERS[name].fullmatch(values[0])
            for name, values in request.GET.lists()
        )

    @staticmethod
    def _keepable_response(request, response):
        return (
            not getattr(request, NOT_KEPT, False)
            and response.status_code == 200
            and not response.streaming
            and not response.cookies
            and "Cache-Control" not in response
        )
