from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from core import views as core_views
from core.sitemaps import SITEMAPS

admin.site.site_header = "Magnolia Recovery admin"
admin.site.site_title = "Magnolia Recovery admin"
admin.site.index_title = "Content and admissions"

handler500 = "core.views.server_error"

urlpatterns = [
    path("", core_views.HomeView.as_view(), name="home"),
    path("healthz", core_views.healthz, name="healthz"),
    path("robots.txt", core_views.robots_txt, name="robots_txt"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="django.contrib.sitemaps.views.sitemap"),
    path("levels-of-care/", include("levels.urls")),
    path("faq/", include("faq.urls")),
    path("contact/", include("intake.urls")),
    path("admin/", admin.site.urls),
]
