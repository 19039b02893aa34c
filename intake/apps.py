from django.apps import AppConfig
from django.db.models.signals import post_migrate


class IntakeConfig(AppConfig):
    name = "intake"
    verbose_name = "Admissions"

    def ready(self):
        from .groups import create_staff_groups

        # After every migrate (and every flush): the groups with their permissions, as listed.
        post_migrate.connect(create_staff_groups, sender=self, dispatch_uid="intake-staff-groups")
