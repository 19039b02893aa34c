"""Content looked up once per content version in each process (see magnolia/caches.py): a page's
object costs a query to build (an article with its reviewer and pictures is 64 columns) and far
less to read back."""

from django.core.cache import caches

from . import content_version


def versioned_cache():
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
            cache.set(key, found)
        return found
