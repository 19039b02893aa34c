from django.apps import AppConfig


class LevelsConfig(AppConfig):
    name = "levels"
    verbose_name = "Levels of care"

    def ready(self):
        from core import content_version

        from .models import LevelOfCare

        content_version.watch(LevelOfCare)
