from django.core.cache import caches

from .fragments import request_generation
from .models import SiteSettings


def site_settings(request):
    # Named by the content generation (bumped when the settings are saved), so each process can
    # keep its own copy and a page needs no extra round trip to Redis.
    key = f"site-settings:{request_generation(request)}"
    site = caches["fragments"].get(key)
    if site is None:
        site = SiteSettings.current()
        caches["fragments"].set(key, site, 60 * 60)
    return {"site": site}
