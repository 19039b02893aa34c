"""The admin site: Django's, installed as the default (MagnoliaAdminConfig, magnolia/apps.py), with
the center's titles and the staff pages it carries beside the models' own, all under /admin/ and
named in the admin's namespace ("admin:markdown_preview", "admin:two_factor:verify")."""

from django.contrib import admin
from django.urls import include, path


class MagnoliaAdminSite(admin.AdminSite):
    site_header = "Magnolia Recovery admin"
    site_title = "Magnolia Recovery admin"
    index_title = "Content and admissions"
    # The app list beside every page took a quarter of a laptop screen from the inbox; the home page lists it.
    enable_nav_sidebar = False

    def get_urls(self):
        # Imported here, not above: the site is built while the apps' admin modules are still loading.
        from admissions.card_views import card_image
        from pages.patterns import pattern_library
        from staff.keep_alive import keep_alive
        from staff.markdown_preview import markdown_preview_view
        from staff.views import view_on_site

        staff_pages = [
            # Signed-in people without their second step yet reach these (staff/two_factor/middleware.py).
            path("two-step/", include("staff.two_factor.urls")),
            # The bed board, holds, stays, the waitlist and the census figures (each behind admin_view).
            path("census/", include("admissions.census.urls")),
            # Not behind admin_view: to anyone but staff there is nothing here (404, not the sign-in page).
            path("insurance-card/<int:pk>/", card_image, name="insurance_card"),
            # Not behind admin_view either: a signed-out page is told so (403), not sent the sign-in page.
            path("keep-alive/", keep_alive, name="keep_alive"),
            path("markdown-preview/", self.admin_view(markdown_preview_view), name="markdown_preview"),
            # Every public component with sample content, for whoever changes how the site looks.
            path("patterns/", self.admin_view(pattern_library), name="patterns"),
            # In place of the admin's own "view on site" (see staff/views.py).
            path("r/<path:content_type_id>/<path:object_id>/", self.admin_view(view_on_site), name="view_on_site"),
        ]
        # Before the admin's own, whose last pattern catches every address left.
        return [*staff_pages, *(url for url in super().get_urls() if getattr(url, "name", None) != "view_on_site")]

    def index(self, request, extra_context=None):
        """The home page, with what is waiting for the person signed in above the app list."""
        from admissions.shift import shift_counts

        return super().index(request, {"shift_counts": shift_counts(request.user), **(extra_context or {})})

    def autocomplete_view(self, request):
        """The admin's autocomplete, with searches from inquiry pages noted in the access log."""
        from admissions.admin.inbox import LoggedAutocompleteView

        return LoggedAutocompleteView.as_view(admin_site=self)(request)
