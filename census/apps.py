from django.apps import AppConfig


class CensusConfig(AppConfig):
    name = "census"
    verbose_name = "Census"
    default_auto_field = "django.db.models.BigAutoField"
