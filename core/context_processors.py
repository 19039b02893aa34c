from django.conf import settings

from . import content_version
from .models import SiteSettings


def site_frame(request):
    """What every page's frame shows, and what its cached fragments are named by: the content
    version (see core/content_version.py)."""
    version = content_version.for_request(request)
    return {
        "site": SiteSettings.current(version),
        "content_version": version,
        "fragment_seconds": settings.FRAGMENT_CACHE_SECONDS,
    }
