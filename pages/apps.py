from django.apps import AppConfig


class PagesConfig(AppConfig):
    name = "pages"
    verbose_name = "Pages"

    def ready(self):
        from core import content_version, links, redirects, versions
        from review import reviewed

        from .models import Page

        versions.keep_versions(Page)  # after django-modeltranslation added the language columns
        content_version.watch(Page)
        reviewed.register(Page, fields=["title", "summary", "body"])
        redirects.keep_old_addresses(Page)
        links.register("pages:detail", lambda slug: Page.objects.published().filter(slug=slug).exists())
        links.register("pages:preview", lambda slug: False)  # staff only
