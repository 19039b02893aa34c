"""The staff app: every registered admin is built on StaffAdmin (the system check says which is not);
the app holds no models and sits between the site (core) and the apps whose admins it carries."""

import ast

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin
from django.contrib.auth.models import Group
from django.core import checks

from core.models import Accreditation, Picture, Redirect
from faq.models import Article
from staff.admin_base import StaffAdmin
from staff.checks import admins_are_ours

from ..factories import ArticleFactory
from ..markup import select


def site_with(model, admin_class):
    site = admin.AdminSite(name="throwaway")
    site.register(model, admin_class)
    return site


def test_every_admin_on_the_default_site_is_ours_or_listed():
    assert admins_are_ours() == []


def test_a_plain_model_admin_fails_the_check():
    class PlainRedirectAdmin(admin.ModelAdmin):
        pass

    errors = admins_are_ours(site=site_with(Redirect, PlainRedirectAdmin))
    assert [(error.id, error.obj) for error in errors] == [("staff.E001", PlainRedirectAdmin)]
    assert "core.Redirect" in errors[0].msg and "StaffAdmin" in errors[0].msg


def test_an_admin_built_on_staff_admin_passes():
    class RedirectAdmin(StaffAdmin):
        pass

    assert admins_are_ours(site=site_with(Redirect, RedirectAdmin)) == []


def test_a_listed_admin_of_another_package_passes_but_not_a_subclass_of_ours():
    assert admins_are_ours(site=site_with(Group, GroupAdmin)) == []

    class OurGroupAdmin(GroupAdmin):
        pass

    assert [error.id for error in admins_are_ours(site=site_with(Group, OurGroupAdmin))] == ["staff.E001"]


def test_refusing_stale_edits_needs_updated_at():
    class PictureAdmin(StaffAdmin):
        refuse_stale_edits = True

    errors = admins_are_ours(site=site_with(Picture, PictureAdmin))
    assert [(error.id, error.obj) for error in errors] == [("staff.E002", PictureAdmin)]


def test_the_check_runs_with_the_admin_checks_for_the_apps_asked_about():
    """Registered by the staff app: `manage.py check` fails on a plain admin on the default site."""

    class PlainAccreditationAdmin(admin.ModelAdmin):
        pass

    admin.site.register(Accreditation, PlainAccreditationAdmin)
    try:
        found = checks.run_checks(tags=[checks.Tags.admin])
        only_faq = admins_are_ours(app_configs=[apps.get_app_config("faq")])
    finally:
        admin.site.unregister(Accreditation)
    assert [error.obj for error in found if error.id == "staff.E001"] == [PlainAccreditationAdmin]
    assert only_faq == []


def test_the_staff_app_has_no_models():
    assert list(apps.get_app_config("staff").get_models()) == []


def apps_imported_by(app):
    """The other top-level packages of the project that `app`'s modules import (anywhere in them)."""
    project = {path.parent.name for path in settings.BASE_DIR.glob("*/__init__.py")}
    imported = set()
    for path in (settings.BASE_DIR / app).rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            names = [alias.name for alias in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom) and not node.level:
                names = [node.module]
            imported |= {name.split(".")[0] for name in names}
    return (imported & project) - {app}


def test_staff_imports_only_the_site_below_it_and_the_site_imports_no_staff():
    assert apps_imported_by("staff") <= {"common", "core"}
    assert "staff" not in apps_imported_by("core")


@pytest.mark.django_db
@pytest.mark.parametrize("field", ["steps_up_to", "steps_down_to", "picture"])
def test_a_chosen_key_that_is_no_number_is_refused_beside_its_field_not_a_500(editor_client, field):
    response = editor_client.post("/admin/levels/levelofcare/add/", {"name": "Typed name", field: "abc"})
    assert response.status_code == 200
    assert response.context["adminform"].form.errors[field] == [
        "Select a valid choice. That choice is not one of the available choices."
    ]


@pytest.mark.django_db
def test_each_quick_edit_box_of_a_list_is_labelled_with_its_column_and_row(editor_client):
    ArticleFactory(slug="labelled", title="Labelled Article")
    article = Article.objects.get(slug="labelled")
    page = editor_client.get("/admin/faq/article/")
    labels = {box.attrs["name"]: box.attrs.get("aria-label") for box in select(page, "#result_list select")}
    assert labels == {"form-0-status": f"Status of {article}"}
