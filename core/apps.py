from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Site"

    def ready(self):
        from django.apps import apps

        from .page_cache import connect_invalidation

        connect_invalidation(
            apps.get_model(label)
            for label in (
                "core.SiteSettings",
                "levels.LevelOfCare",
                "faq.Article",
                "faq.Question",
                "faq.Topic",
                "faq.Reviewer",
            )
        )
