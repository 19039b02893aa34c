from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path, re_path
from django.views.decorators.gzip import gzip_page

from intake.admin import LoggedAutocompleteView
from intake.card_views import card_image
from pages import views as page_views
from pages.sitemaps import SITEMAPS
from staff.admin_base import view_on_site
from staff.markdown_preview import markdown_preview_view

admin.site.site_header = "Magnolia Recovery admin"
admin.site.site_title = "Magnolia Recovery admin"
admin.site.index_title = "Content and admissions"
# The app list beside every page took a quarter of a laptop screen from the inbox; the home page lists it.
admin.site.enable_nav_sidebar = False

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
    # The admin's own autocomplete, with searches from inquiry pages noted in the access log.
    path(
        "admin/autocomplete/",
        admin.site.admin_view(LoggedAutocompleteView.as_view(admin_site=admin.site)),
        name="admin-autocomplete",
    ),
    path(
        "admin/r/<int:content_type_id>/<path:object_id>/",
        admin.site.admin_view(view_on_site),
        name="admin-view-on-site",
    ),
    path("admin/two-step/", include("staff.two_factor.urls")),
    path("admin/insurance-card/<int:pk>/", card_image, name="insurance-card"),
    path("admin/markdown-preview/", admin.site.admin_view(markdown_preview_view), name="admin-markdown-preview"),
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
    # Last: a page's address is any slug the rest of the site does not answer.
    path("", include("pages.urls")),
    prefix_default_language=False,
)
