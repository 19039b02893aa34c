from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy

from core.context_processors import site_settings

from .models import Article


class LatestArticlesFeed(Feed):
    link = reverse_lazy("faq:list")
    description = "New and updated answers about addiction and mental health treatment."

    def get_object(self, request, *args, **kwargs):
        self.site = site_settings(request)
        return super().get_object(request, *args, **kwargs)

    def title(self):
        return f"{self.site.name}: questions and answers"

    def items(self):
        return Article.objects.published().newest_first()[:20]

    def item_title(self, article):
        return article.title

    def item_description(self, article):
        return article.teaser

    def item_pubdate(self, article):
        return article.publish_at

    def item_updateddate(self, article):
        return article.updated_at
