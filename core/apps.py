from django.apps import AppConfig
from django.db import transaction
from django.db.models.signals import post_delete


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Site"

    def ready(self):
        from . import content_version, languages
        from .models import Accreditation, Picture, SiteSettings

        content_version.watch(SiteSettings, Accreditation, Picture)
        content_version.schedule(Accreditation.objects.next_expiry)
        languages.connect()
        post_delete.connect(_delete_picture_files, sender=Picture, dispatch_uid="core-picture-files")


def _delete_picture_files(sender, instance, **kwargs):
    transaction.on_commit(instance.delete_files)
