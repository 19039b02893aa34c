from django.apps import AppConfig


class AdmissionsConfig(AppConfig):
    """The coordinators' side of intake, with no models of its own: the admins of intake's models
    (registered by admissions/admin/__init__.py), the workspace, the dashboard, exports, the card view."""

    name = "admissions"
    verbose_name = "Admissions workspace"
