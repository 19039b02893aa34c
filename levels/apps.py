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
            # The figures fill the texts ([[hours_per_week]]...) and the box beside them: reviewed too.
            fields=[
                "name",
                "short_name",
                "summary",
                "description",
                "who_it_fits",
                "typical_week",
                "meta_description",
                "hours_min",
                "hours_max",
                "days_min",
                "days_max",
                "weeks_min",
                "weeks_max",
                "length_in_words",
                "lives_on_site",
                "supervision",
            ],  # fmt: skip
        )
        redirects.keep_old_addresses(LevelOfCare)
        links.register("levels:detail", lambda slug: LevelOfCare.objects.published().filter(slug=slug).exists())
