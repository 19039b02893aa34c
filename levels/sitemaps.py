from django.urls import reverse

from core.sitemaps import BilingualSitemap

from .models import LevelOfCare


class LevelSitemap(BilingualSitemap):
    changefreq = "monthly"
    priority = 0.8

    def items(self):
        return LevelOfCare.objects.published()

    def lastmod(self, level):
        return level.updated_at


class LevelIndexSitemap(BilingualSitemap):
    changefreq = "monthly"
    priority = 0.8

    def items(self):
        return ["levels:list", "levels:compare"]

    def location(self, name):
        return reverse(name)
