from django.apps import AppConfig
from django.db.models.signals import post_delete


class IntakeConfig(AppConfig):
    name = "intake"
    verbose_name = "Admissions"

    def ready(self):
        from . import checks  # noqa: F401  (registers the check of the encryption keys)
        from .card_files import delete_file_once_committed
        from .models import CardImage

        post_delete.connect(delete_file_once_committed, sender=CardImage, dispatch_uid="intake-card-files")
