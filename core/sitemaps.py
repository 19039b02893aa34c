from django.contrib.sitemaps import Sitemap


class BilingualSitemap(Sitemap):
    """Every address in English and in Spanish, each listing the other (and English as the default)
    as its alternate."""

    i18n = True
    alternates = True
    x_default = True
