from django.apps import AppConfig


class ScreeningConfig(AppConfig):
    name = "screening"
    verbose_name = "Pre-admission screening"

    def ready(self):
        from intake.services.duplicates import keeps_its_record

        from . import checks  # noqa: F401  (registers the deploy check of the on-call addresses)
        from .models import Screen

        @keeps_its_record
        def screen(inquiry):
            return ["a pre-admission screen"] if Screen.objects.filter(inquiry=inquiry).exists() else []
