from django.conf import settings

from . import content_version
from .models import SiteSettings


def site_settings(request):
    """The site settings as of this request's content version, read once per request."""
    if not hasattr(request, "site_settings"):
        request.site_settings = SiteSettings.current(content_version.for_request(request))
    return request.site_settings


def site_frame(request):
    """What every page's frame shows, and what its cached fragments are named by: the content
    version (see core/content_version.py)."""
    return {
        "site": site_settings(request),
        "content_version": content_version.for_request(request),
        "fragment_seconds": settings.FRAGMENT_CACHE_SECONDS,
    }
