"""Every admin registered on the admin site is one of ours (StaffAdmin: the plain-number guard, the
refused lookups into inquiries, the stale-edit check where asked for), or one of the few admins of
Django and other packages listed below with why they may stay as they come."""

from django.contrib import admin
from django.core import checks

from .admin_base import StaffAdmin

# The admin class (module.name, exactly: a subclass of ours is not let through): why it may stay.
NOT_OURS = {
    "django.contrib.auth.admin.GroupAdmin": (
        "Django's own: groups name permissions, never an inquiry; no staff group may change them."
    ),
    "axes.admin.AccessAttemptAdmin": "django-axes's read-only record of failed sign-ins; superusers only.",
    "axes.admin.AccessLogAdmin": "django-axes's read-only record of sign-ins; superusers only.",
    "axes.admin.AccessFailureLogAdmin": "django-axes's read-only record of failed sign-ins; superusers only.",
    "django_otp.plugins.otp_totp.admin.TOTPDeviceAdmin": (
        "django-otp's authenticator apps; superusers only (staff reset theirs with the people admin's action)."
    ),
    "django_otp.plugins.otp_static.admin.StaticDeviceAdmin": (
        "django-otp's recovery codes; superusers only (staff reset theirs with the people admin's action)."
    ),
    "django_tasks_db.admin.DBTaskResultAdmin": (
        "django-tasks' read-only queue, whose keys are UUIDs (the plain-number guard would refuse every one)."
    ),
}


def class_path(cls):
    return f"{cls.__module__}.{cls.__qualname__}"


def admins_are_ours(app_configs=None, site=None, **kwargs):
    """staff.E001: a registered admin that is neither a StaffAdmin nor listed in NOT_OURS.
    staff.E002: a StaffAdmin refusing stale edits of a model without `updated_at`."""
    site = site or admin.site
    errors = []
    for model, model_admin in site._registry.items():
        if app_configs is not None and model._meta.app_config not in app_configs:
            continue
        cls = type(model_admin)
        if not isinstance(model_admin, StaffAdmin):
            if class_path(cls) not in NOT_OURS:
                errors.append(
                    checks.Error(
                        f"The admin of {model._meta.label} ({class_path(cls)}) does not derive from "
                        "staff.admin_base.StaffAdmin.",
                        hint="Build it on StaffAdmin (mixins before it, other ModelAdmin bases after it), or, for "
                        "another package's admin, list it with a reason in staff.checks.NOT_OURS.",
                        obj=cls,
                        id="staff.E001",
                    )
                )
        elif model_admin.refuse_stale_edits and "updated_at" not in {f.name for f in model._meta.concrete_fields}:
            errors.append(
                checks.Error(
                    f"{class_path(cls)} refuses stale edits, but {model._meta.label} has no `updated_at`.",
                    hint="Give the model `updated_at = models.DateTimeField(auto_now=True)`, or leave "
                    "refuse_stale_edits off.",
                    obj=cls,
                    id="staff.E002",
                )
            )
    return errors
