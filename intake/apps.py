from django.apps import AppConfig
from django.db.models.signals import post_delete, post_migrate


class IntakeConfig(AppConfig):
    name = "intake"
    verbose_name = "Admissions"

    def ready(self):
        from . import checks  # noqa: F401  (registers the check of the encryption keys)
        from .card_files import delete_file_once_committed
        from .groups import create_staff_groups
        from .verifications import CardImage

        # After every migrate (and every flush): the groups with their permissions, as listed.
        post_migrate.connect(create_staff_groups, sender=self, dispatch_uid="intake-staff-groups")
        post_delete.connect(delete_file_once_committed, sender=CardImage, dispatch_uid="intake-card-files")
