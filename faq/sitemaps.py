from django.contrib.sitemaps import Sitemap

from .models import Article, Topic


class ArticleSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.7

    def items(self):
        return Article.objects.published().only("slug", "updated_at")

    def lastmod(self, article):
        return article.updated_at


class TopicSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.4

    def items(self):
        return Topic.objects.filter(articles__in=Article.objects.published()).distinct()
