"""Which articles a list shows, kept per process until content is saved.

A list's members and their order change only when content is saved, so the (id, publish time)
pairs are kept under the content generation; whether each article is visible yet is decided at
every request. Only the page being shown is loaded from the database.
"""

import hashlib
from collections.abc import Sequence

from django.utils import timezone
from django.utils.functional import cached_property

from core.fragments import kept

from .models import Article


class ArticlesByIds(Sequence):
    """Article ids in list order. A slice (a page) is another such list; the articles are loaded,
    in one query, only when the list is read, which a kept list fragment never does (see `pks`)."""

    def __init__(self, ids):
        self.ids = list(ids)

    def __len__(self):
        return len(self.ids)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return ArticlesByIds(self.ids[index])
        return self._articles[index]

    def __iter__(self):
        return iter(self._articles)

    @cached_property
    def _articles(self):
        found = Article.objects.for_listing().in_bulk(self.ids)
        return [found[pk] for pk in self.ids if pk in found]


def worth_keeping(articles, limit):
    """Of published `articles` (newest first), those that can be among the `limit` newest visible
    ones until content is next saved: every scheduled one, and the `limit` newest live ones
    (whatever goes live later is newer than these)."""
    now = timezone.now()
    chosen, live = [], 0
    for article in articles:
        if article.publish_at <= now:
            if live == limit:
                break
            live += 1
        chosen.append(article)
    return chosen


def visible_now(articles, limit=None):
    """The kept `articles` whose publish time has come, at most `limit`."""
    now = timezone.now()
    return [article for article in articles if article.publish_at <= now][:limit]


def visible_links(name, queryset, limit=None):
    """Links to the visible articles of `queryset()`, newest first, at most `limit`: the rows
    themselves are kept (title, slug, publish time), as a short list of links needs no more."""

    def load():
        links = queryset().filter(status=Article.Status.PUBLISHED).links()
        return list(links) if limit is None else worth_keeping(links, limit)

    return visible_now(kept(f"article-links:{hashlib.sha256(name.encode()).hexdigest()}", load), limit)


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
