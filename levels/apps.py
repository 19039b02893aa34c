from django.apps import AppConfig


class LevelsConfig(AppConfig):
    name = "levels"
    verbose_name = "Levels of care"

    def ready(self):
        from core import content_version, links, redirects, versions
        from review import reviewed

        from .models import LevelOfCare

        # Versions name every field, each language's column included: registered once django-modeltranslation
        # has added them (its app is ready before this one).
        versions.keep_versions(LevelOfCare)
        content_version.watch(LevelOfCare)
        reviewed.register(
            LevelOfCare,
            fields=["name", "short_name", "summary", "description", "who_it_fits", "typical_week", "meta_description"],
        )
        redirects.keep_old_addresses(LevelOfCare)
        links.register("levels:detail", lambda slug: LevelOfCare.objects.published().filter(slug=slug).exists())
