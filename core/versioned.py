"""Content looked up once per content version in each process (see magnolia/caches.py): a page's
object costs a query to build (an article with its reviewer and pictures is 64 columns) and far
less to read back."""

from django.conf import settings
from django.core.cache import caches

from . import content_version


def versioned_cache():
    """Entries are kept FRAGMENT_CACHE_SECONDS (0: not at all), like the fragments."""
    return caches["template_fragments"]


class VersionedObjectMixin:
    """A DetailView's published object, kept under the content version. Previews (drafts, scheduled
    items) are always read from the database, and an address that finds nothing keeps nothing, so
    made-up addresses cannot fill the cache."""

    preview = False

    def get_object(self, queryset=None):
        if queryset is not None or self.preview:
            return super().get_object(queryset)
        version = content_version.for_request(self.request)
        view = f"{type(self).__module__}.{type(self).__qualname__}"
        key = f"object:{view}:{version}:{self.kwargs.get(self.slug_url_kwarg)}"
        cache = versioned_cache()
        found = cache.get(key)
        if found is None:
            found = super().get_object()
            cache.set(key, found, settings.FRAGMENT_CACHE_SECONDS)
        return found


class VersionedCountMixin:
    """A ListView whose list has a name (`list_name`; "" for a search) counts its items once per
    content version: the count query costs as much as the rest of the page."""

    list_name = ""

    def get_paginator(self, queryset, *args, **kwargs):
        paginator = super().get_paginator(queryset, *args, **kwargs)
        if self.list_name:
            version = content_version.for_request(self.request)
            key = f"count:{type(self).__module__}.{type(self).__qualname__}:{version}:{self.list_name}"
            # Paginator.count is a cached_property: setting it spares the query.
            paginator.count = versioned_cache().get_or_set(key, queryset.count, settings.FRAGMENT_CACHE_SECONDS)
        return paginator
