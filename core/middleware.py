from django.conf import settings
from django.utils.cache import patch_cache_control

# Never kept by a shared cache, whatever else holds.
PRIVATE_PREFIXES = ("/admin/", "/healthz")


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
            and not response.cookies
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and not request.path.startswith(PRIVATE_PREFIXES)
        )


class StaffSessionTimeoutMiddleware:
    """Staff sessions end after a period without requests (a rolling expiry)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Visitors without a session cookie are never staff: their session is not even opened, so
        # their pages do not vary by cookie.
        if (
            settings.SESSION_COOKIE_NAME in request.COOKIES
            and "_auth_user_id" in request.session
            and request.user.is_staff
        ):
            request.session.set_expiry(settings.STAFF_SESSION_IDLE_SECONDS)
        return self.get_response(request)
