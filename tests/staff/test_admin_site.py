"""The admin site (magnolia/admin.py): the center's own, installed as the default, carrying the staff
pages under /admin/ instead of addresses that shadow the admin's."""

import pytest
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.urls import URLResolver, resolve

from intake.models import InquiryExport
from magnolia import urls
from magnolia.admin import MagnoliaAdminSite
from pages.models import Page


def test_the_default_site_is_the_centers():
    assert isinstance(admin.site, MagnoliaAdminSite)
    assert (admin.site.site_header, admin.site.index_title) == ("Magnolia Recovery admin", "Content and admissions")


def test_only_the_admin_site_answers_under_admin():
    under_admin = [pattern for pattern in urls.urlpatterns if str(pattern.pattern).startswith("admin/")]
    assert len(under_admin) == 1 and isinstance(under_admin[0], URLResolver)
    assert under_admin[0].namespace == "admin"


@pytest.mark.parametrize(
    ("path", "view_name", "module"),
    [
        ("/admin/autocomplete/", "admin:autocomplete", "magnolia.admin"),
        ("/admin/r/7/12/", "admin:view_on_site", "staff.views"),
        ("/admin/two-step/set-up/", "admin:two_factor:setup", "staff.two_factor.views"),
        ("/admin/two-step/code/", "admin:two_factor:verify", "staff.two_factor.views"),
        ("/admin/two-step/recovery-codes/", "admin:two_factor:recovery_codes", "staff.two_factor.views"),
        ("/admin/insurance-card/3/", "admin:insurance_card", "admissions.card_views"),
        ("/admin/markdown-preview/", "admin:markdown_preview", "staff.markdown_preview"),
        ("/admin/intake/inquiry/speed-to-lead/", "admin:intake_inquiry_dashboard", "admissions.admin.inbox"),
    ],
)
def test_each_staff_page_keeps_its_address_in_the_admins_namespace(path, view_name, module):
    match = resolve(path)
    assert (match.view_name, match.func.__module__) == (view_name, module)


@pytest.mark.django_db
def test_view_on_site_with_an_id_that_names_nothing_is_not_found(admin_client):
    page_type = ContentType.objects.get_for_model(Page)
    assert admin_client.get(f"/admin/r/{page_type.pk}/not-a-number/").status_code == 404
    assert admin_client.get(f"/admin/r/{page_type.pk}/999999/").status_code == 404


@pytest.mark.django_db
def test_view_on_site_says_nothing_of_admissions_objects(editor_client, admissions_user):
    export = InquiryExport.objects.create(requested_by=admissions_user, inquiry_ids=[], row_count=0, filters="")
    kind = ContentType.objects.get_for_model(InquiryExport)
    # An existing one and a missing one answer alike: nobody learns which numbers exist.
    assert editor_client.get(f"/admin/r/{kind.pk}/{export.pk}/").status_code == 404
    assert editor_client.get(f"/admin/r/{kind.pk}/{export.pk + 1}/").status_code == 404
