from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Site"

    def ready(self):
        from . import content_version
        from .models import Accreditation, Picture, SiteSettings

        content_version.watch(SiteSettings, Accreditation, Picture)
        content_version.schedule(Accreditation.objects.next_expiry)
