from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from common.text import shorten
from core.context_processors import site_settings
from core.languages import has_translation
from core.placeholders import fill_text

from .models import Article


class LatestArticlesFeed(Feed):
    """The newest articles, in the language of its address (/faq/feed/ or /es/faq/feed/)."""

    link = reverse_lazy("faq:list")
    description = _("New and updated answers about addiction and mental health treatment.")

    def get_object(self, request, *args, **kwargs):
        self.site = site_settings(request)
        return super().get_object(request, *args, **kwargs)

    def title(self):
        return gettext("%(name)s: questions and answers") % {"name": self.site.name}

    def items(self):
        return Article.objects.published().newest_first()[:20]

    def item_title(self, article):
        language = get_language()
        if language == settings.LANGUAGE_CODE or has_translation(article, language):
            return article.title
        # As in the site's lists: a Spanish reader knows before opening it.
        return f"{article.title} {gettext('(in English)')}"

    def item_description(self, article):
        return shorten(fill_text(article.teaser, self.site))

    def item_pubdate(self, article):
        return article.publish_at

    def item_updateddate(self, article):
        return article.updated_at
