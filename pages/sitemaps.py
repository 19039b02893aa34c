from django.urls import reverse

from core.sitemaps import BilingualSitemap
from faq.sitemaps import ArticleSitemap, ReviewerSitemap, TopicSitemap
from levels.sitemaps import LevelIndexSitemap, LevelSitemap

from .models import Page


class StaticPageSitemap(BilingualSitemap):
    priority = 1.0
    changefreq = "weekly"

    def items(self):
        return ["home", "faq:list", "faq:reviewers", "intake:contact", "costs"]

    def location(self, name):
        return reverse(name)


class PageSitemap(BilingualSitemap):
    changefreq = "monthly"
    priority = 0.5

    def items(self):
        # Their text too: whether a page is in Spanish decides its Spanish address (a few dozen pages).
        return Page.objects.published().order_by("pk")

    def lastmod(self, page):
        return page.updated_at


SITEMAPS = {
    "pages": StaticPageSitemap,
    "center": PageSitemap,
    "levels-index": LevelIndexSitemap,
    "levels": LevelSitemap,
    "articles": ArticleSitemap,
    "topics": TopicSitemap,
    "reviewers": ReviewerSitemap,
}
