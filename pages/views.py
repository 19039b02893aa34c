import logging

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError
from django.http import (
    Http404,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponsePermanentRedirect,
    HttpResponseServerError,
    JsonResponse,
)
from django.shortcuts import render
from django.template import loader
from django.templatetags.static import static
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from django.views.generic import DetailView, TemplateView
from django.views.static import serve

from core import content_version, site_copy
from core.languages import lacks_translation
from core.models import LAST_SITE_SETTINGS_KEY, ContentVersion, SiteSettings
from core.previews import StaffPreviewMixin
from core.versioned import VersionedObjectMixin
from faq.models import Article
from intake.forms import InquiryForm
from intake.spam import seconds_since_start, sign_start
from intake.verification_forms import VerificationRequestForm
from levels.models import LevelOfCare

from .models import Page

logger = logging.getLogger(__name__)

HOME_ARTICLES = 3


class HomeView(TemplateView):
    template_name = "pages/home.html"

    def get_context_data(self, **kwargs):
        # Lazy: read only when their cached fragments are rendered (the querysets alone cost more to
        # build than the rest of the view).
        return super().get_context_data(
            levels=SimpleLazyObject(lambda: list(LevelOfCare.objects.published())),
            articles=SimpleLazyObject(lambda: list(Article.objects.published().links()[:HOME_ARTICLES])),
            **kwargs,
        )


class CostsView(TemplateView):
    """Costs and coverage: the payers, Medi-Cal and Medicare, self-pay and the Good Faith Estimate,
    all from the site settings (already read for the frame: no query of its own)."""

    template_name = "pages/costs.html"


class PageView(VersionedObjectMixin, DetailView):
    template_name = "pages/page.html"
    context_object_name = "page"
    preview = False

    def get_queryset(self):
        return Page.objects.published().select_related("picture", "reviewer")

    def get_context_data(self, **kwargs):
        # The summary is for search engines and link previews, not on the page.
        untranslated = lacks_translation(self.object, not_shown=["summary"])
        return super().get_context_data(preview=self.preview, untranslated=untranslated, **kwargs)


class PagePreviewView(StaffPreviewMixin, PageView):
    """Staff see a page before it is published."""

    permission_required = "pages.view_page"

    def get_queryset(self):
        return Page.objects.select_related("picture", "reviewer")


@require_GET
@cache_control(no_store=True)
def healthz(request):
    """503 when the database is down, or answers but cannot read the tables every page reads; 200
    otherwise, saying whether the cache answers."""
    try:
        # What every page reads first (not SELECT 1: a database without the site's tables, or that
        # may not read them, serves no page).
        ContentVersion.objects.filter(pk=content_version.ROW).exists()
        SiteSettings.objects.filter(pk=1).exists()
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
@cache_control(public=True, max_age=365 * 24 * 60 * 60, immutable=True)
def media(request, path):
    """An uploaded picture from the media folder (nginx serves them itself in front of the site). A
    name the file system cannot even look up (too long, say) is not there either."""
    try:
        return serve(request, path, document_root=settings.MEDIA_ROOT)
    except OSError:
        raise Http404("No such picture") from None


@require_GET
@cache_control(max_age=60 * 60 * 24)
def favicon(request):
    """Browsers and crawlers ask for /favicon.ico whatever the page says: send them to the mark."""
    return HttpResponsePermanentRedirect(static("img/magnolia.svg"))


@require_GET
@cache_control(max_age=60 * 60)
def robots_txt(request):
    sitemap_url = request.build_absolute_uri(reverse("sitemap-index"))
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /contact/thanks/",
        "Disallow: /insurance/verify/thanks/",
        "Disallow: /es/contact/thanks/",
        "Disallow: /es/insurance/verify/thanks/",
        f"Sitemap: {sitemap_url}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def csrf_failure(request, reason=""):
    """Django's CSRF refusal, in the site's frame with the helpline and crisis lines. A contact or
    insurance form that was refused (left open too long, or cookies blocked) comes back with what was
    typed."""
    context = {"form": None}
    forms_by_path = {
        reverse("intake:contact"): (InquiryForm, "intake/includes/inquiry_form.html"),
        # The card photos cannot be kept: the form asks for them again.
        reverse("insurance:verify"): (VerificationRequestForm, "intake/includes/verification_form.html"),
    }
    if request.method == "POST" and request.path in forms_by_path:
        form_class, form_template = forms_by_path[request.path]
        form = form_class(request.POST)
        stamp = request.POST.get("started", "")
        age = seconds_since_start(stamp)
        fresh = age is not None and age <= settings.INTAKE_MAX_FORM_AGE_SECONDS
        started = stamp if fresh else sign_start()
        context = {"form": form, "form_template": form_template, "blank": False, "started": started}
    logger.warning("CSRF refusal on %s", request.path)
    return render(request, "403_csrf.html", context, status=403)


def server_error(request):
    return HttpResponseServerError(_error_page("500.html"))


def bad_request(request, exception=None):
    return HttpResponseBadRequest(_error_page("400.html"))


def _error_page(template):
    """An error page rendered without context processors, so it never queries the database (it
    may be what failed). It shows the last site settings saved or read (the helpline the center
    set): this machine's copy, or the cache's when that is newer (the copy could not be written),
    or the defaults."""
    return loader.get_template(template).render({"site": _last_site_settings()})


def _last_site_settings():
    kept = [site for site in (site_copy.read(), _cached_site_settings()) if site is not None and site.updated_at]
    return max(kept, key=lambda site: site.updated_at, default=None) or SiteSettings(pk=1)


def _cached_site_settings():
    try:
        site = cache.get(LAST_SITE_SETTINGS_KEY)
    except Exception:  # the cache itself may be what failed
        return None
    return site if isinstance(site, SiteSettings) else None
