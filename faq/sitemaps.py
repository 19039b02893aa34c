from django.contrib.sitemaps import Sitemap
from django.db.models import Exists, OuterRef

from .models import Article, Topic


class ArticleSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.7
    limit = 2000  # addresses per sitemap page

    def items(self):
        return Article.objects.published().order_by("pk").only("slug", "updated_at")

    def lastmod(self, article):
        return article.updated_at


class TopicSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.4

    def items(self):
        return Topic.objects.filter(Exists(Article.objects.published().filter(topics=OuterRef("pk"))))
