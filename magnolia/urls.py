from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path, re_path
from django.views.decorators.gzip import gzip_page

from pages import views as page_views
from pages.sitemaps import SITEMAPS

handler400 = "pages.views.bad_request"
handler500 = "pages.views.server_error"

urlpatterns = [
    path("healthz", page_views.healthz, name="healthz"),
    path("robots.txt", page_views.robots_txt, name="robots_txt"),
    path("favicon.ico", page_views.favicon, name="favicon"),
    # An index of sections, each split into pages of at most Sitemap.limit addresses, compressed.
    path(
        "sitemap.xml",
        gzip_page(sitemap_views.index),
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap-section"},
        name="sitemap-index",
    ),
    path("sitemap-<section>.xml", gzip_page(sitemap_views.sitemap), {"sitemaps": SITEMAPS}, name="sitemap-section"),
    # The admin site (magnolia/admin.py), with the staff pages: two-step sign-in, card photos, previews.
    path("admin/", admin.site.urls),
]
if not settings.MEDIA_BUCKET:
    # Uploaded pictures from the media folder, for the set-up without nginx in front (which serves
    # /media/ itself, deploy/nginx.conf). Every file has a name of its own, so it is kept a year.
    urlpatterns.append(re_path(r"^media/(?P<path>pictures/.+)$", page_views.media, name="media"))
# Every public page in English at today's address and in Spanish under /es/.
urlpatterns += i18n_patterns(
    path("", page_views.HomeView.as_view(), name="home"),
    path("levels-of-care/", include("levels.urls")),
    path("faq/", include("faq.urls")),
    path("contact/", include("intake.urls")),
    path("insurance/", include("intake.insurance_urls")),
    path("costs-and-coverage/", page_views.CostsView.as_view(), name="costs"),
    # Last: a page's address is any slug the rest of the site does not answer.
    path("", include("pages.urls")),
    prefix_default_language=False,
)
