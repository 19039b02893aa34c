from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .models import LevelOfCare


class LevelSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.8

    def items(self):
        return LevelOfCare.objects.published()

    def lastmod(self, level):
        return level.updated_at


class LevelIndexSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.8

    def items(self):
        return ["levels:list", "levels:compare"]

    def location(self, name):
        return reverse(name)
