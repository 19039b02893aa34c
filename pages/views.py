import logging

from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import HttpResponse, HttpResponseServerError, JsonResponse
from django.template import loader
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from django.views.generic import TemplateView

from core.models import LAST_SITE_SETTINGS_KEY, SiteSettings
from faq.models import Article
from levels.models import LevelOfCare

logger = logging.getLogger(__name__)

HOME_ARTICLES = 3


class HomeView(TemplateView):
    template_name = "pages/home.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            levels=LevelOfCare.objects.published(),
            articles=Article.objects.published().links()[:HOME_ARTICLES],
            **kwargs,
        )


@require_GET
@cache_control(no_store=True)
def healthz(request):
    """503 when the database is down; 200 otherwise, saying whether the cache answers."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.error("health check: database unavailable")
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    if not _cache_answers():
        logger.warning("health check: cache unavailable, serving uncached")
        return JsonResponse({"status": "degraded", "database": "ok", "cache": "unavailable"})
    return JsonResponse({"status": "ok", "database": "ok", "cache": "ok"})


def _cache_answers():
    try:
        cache.set("healthz", "ok", 10)
        return cache.get("healthz") == "ok"
    except Exception:  # the built-in Redis backend raises; django-redis is told to return None
        return False


@require_GET
@cache_control(max_age=60 * 60)
def robots_txt(request):
    sitemap_url = request.build_absolute_uri(reverse("sitemap-index"))
    lines = ["User-agent: *", "Disallow: /admin/", "Disallow: /contact/thanks/", f"Sitemap: {sitemap_url}"]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def server_error(request):
    """The 500 page: rendered without context processors so it never queries the database.

    It shows the last site settings a page read (the helpline the center set), or the defaults.
    """
    try:
        site = cache.get(LAST_SITE_SETTINGS_KEY) or SiteSettings(pk=1)
    except Exception:  # the cache itself may be what failed
        site = SiteSettings(pk=1)
    html = loader.get_template("500.html").render({"site": site})
    return HttpResponseServerError(html)
