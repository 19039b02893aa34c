from .fragments import kept
from .models import SiteSettings


def site_settings(request):
    # Kept per process under the content generation (moved on when the settings are saved), so a
    # page needs no extra round trip to Redis.
    return {"site": kept("site-settings", SiteSettings.current, request, seconds=60 * 60)}
