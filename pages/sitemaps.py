from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from faq.sitemaps import ArticleSitemap, ReviewerSitemap, TopicSitemap
from levels.sitemaps import LevelIndexSitemap, LevelSitemap


class StaticPageSitemap(Sitemap):
    priority = 1.0
    changefreq = "weekly"

    def items(self):
        return ["home", "faq:list", "faq:reviewers", "intake:contact"]

    def location(self, name):
        return reverse(name)


SITEMAPS = {
    "pages": StaticPageSitemap,
    "levels-index": LevelIndexSitemap,
    "levels": LevelSitemap,
    "articles": ArticleSitemap,
    "topics": TopicSitemap,
    "reviewers": ReviewerSitemap,
}
