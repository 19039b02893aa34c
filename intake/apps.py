from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "intake"
    verbose_name = "Admissions"

    def ready(self):
        # Registers the form's time stamp as a fresh value before a kept contact page is served.
        from . import spam  # noqa: F401
