"""Which articles a list shows, kept per process until content is saved.

A list's members and their order change only when content is saved, so the (id, publish time)
pairs are kept under the content generation; whether each article is visible yet is decided at
every request. Only the page being shown is loaded from the database.
"""

import hashlib
from collections.abc import Sequence

from django.utils import timezone

from core.fragments import kept

from .models import Article


class ArticlesByIds(Sequence):
    """Article ids in list order; a slice (a page) loads those articles."""

    def __init__(self, ids):
        self.ids = ids

    def __len__(self):
        return len(self.ids)

    def __getitem__(self, index):
        ids = self.ids[index] if isinstance(index, slice) else [self.ids[index]]
        found = Article.objects.for_listing().in_bulk(ids)
        articles = [found[pk] for pk in ids if pk in found]
        return articles if isinstance(index, slice) else articles[0]


def visible_articles(name, queryset):
    """The visible articles of `queryset()` (published ones, in list order), named `name`.

    `queryset` is a function, so that a search is only built when its list is not kept.
    """
    members = kept(
        f"article-list:{hashlib.sha256(name.encode()).hexdigest()}",
        lambda: list(queryset().filter(status=Article.Status.PUBLISHED).values_list("pk", "publish_at")),
    )
    now = timezone.now()
    return ArticlesByIds([pk for pk, publish_at in members if publish_at <= now])
