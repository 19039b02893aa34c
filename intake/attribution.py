"""Where a visitor came from: the landing page, referrer and UTM tags of their first arrival and of
their latest one (stored on the inquiry as "first_touch" and "last_touch", marketing's words)."""

from django.core import signing
from django.utils.http import url_has_allowed_host_and_scheme

COOKIE_FIRST = "mg_first_touch"
COOKIE_LAST = "mg_last_touch"
SALT = "intake.attribution"
MAX_AGE = 60 * 60 * 24 * 90
UTM_KEYS = ("utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content")
MAX_VALUE = 300


def _arrival(request):
    arrival = {"landing_page": request.get_full_path()[:MAX_VALUE]}
    referrer = request.META.get("HTTP_REFERER", "")[:MAX_VALUE]
    if referrer:
        arrival["referrer"] = referrer
    for key in UTM_KEYS:
        if request.GET.get(key):
            arrival[key] = request.GET[key][:MAX_VALUE]
    return arrival


def _is_new_arrival(request):
    """An arrival from elsewhere: tagged, or referred by another site."""
    if any(key in request.GET for key in UTM_KEYS):
        return True
    referrer = request.META.get("HTTP_REFERER", "")
    return bool(referrer) and not url_has_allowed_host_and_scheme(referrer, allowed_hosts={request.get_host()})


def _signed(arrival):
    return signing.dumps(arrival, salt=SALT, compress=True)


def _read(request, name):
    if name not in request.COOKIES:
        return None
    try:
        arrival = signing.loads(request.COOKIES[name], salt=SALT, max_age=MAX_AGE)
    except signing.BadSignature:
        return None
    return arrival if isinstance(arrival, dict) else None


def read_attribution(request):
    first = _read(request, COOKIE_FIRST)
    last = _read(request, COOKIE_LAST)
    if first is None:
        first = _arrival(request)
    return {"first_touch": first, "last_touch": last or first}


class AttributionMiddleware:
    """Remembers the first and latest arrival of a visitor in two signed cookies."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.method != "GET" or request.path.startswith(("/admin/", "/static/")) or response.status_code != 200:
            return response
        if not response.get("Content-Type", "").startswith("text/html"):
            return response
        has_first = _read(request, COOKIE_FIRST) is not None
        if not has_first or _is_new_arrival(request):
            arrival = _signed(_arrival(request))
            options = {"max_age": MAX_AGE, "httponly": True, "samesite": "Lax", "secure": request.is_secure()}
            if not has_first:
                response.set_cookie(COOKIE_FIRST, arrival, **options)
            response.set_cookie(COOKIE_LAST, arrival, **options)
        return response
