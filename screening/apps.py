from django.apps import AppConfig


class ScreeningConfig(AppConfig):
    name = "screening"
    verbose_name = "Pre-admission screening"

    def ready(self):
        from . import checks  # noqa: F401  (registers the deploy check of the on-call addresses)
