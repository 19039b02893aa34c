from django.apps import AppConfig


class LevelsConfig(AppConfig):
    name = "levels"
    verbose_name = "Levels of care"

    def ready(self):
        from core import content_version, links, redirects

        from .models import LevelOfCare

        content_version.watch(LevelOfCare)
        redirects.keep_old_addresses(LevelOfCare)
        links.register("levels:detail", lambda slug: LevelOfCare.objects.published().filter(slug=slug).exists())
