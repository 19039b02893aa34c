from django.conf import settings
from django.contrib.sitemaps import Sitemap

from .languages import has_translation


class BilingualSitemap(Sitemap):
    """Every address in English and in Spanish, each listing the other (and English as the default)
    as its alternate; an item not written in Spanish (languages.has_translation) only in English."""

    i18n = True
    alternates = True
    x_default = True

    def get_languages_for_item(self, item):
        languages = super().get_languages_for_item(item)
        if isinstance(item, str):  # a named page of the site's own, in every language
            return languages
        return [code for code in languages if code == settings.LANGUAGE_CODE or has_translation(item, code)]
