from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy

from core.models import SiteSettings

from .models import Article


class LatestArticlesFeed(Feed):
    link = reverse_lazy("faq:list")
    description = "New and updated answers about addiction and mental health treatment."

    def title(self):
        return f"{SiteSettings.current().name}: questions and answers"

    def items(self):
        return Article.objects.published().order_by("-publish_at")[:20]

    def item_title(self, article):
        return article.title

    def item_description(self, article):
        return article.meta_text

    def item_pubdate(self, article):
        return article.publish_at

    def item_updateddate(self, article):
        return article.updated_at
