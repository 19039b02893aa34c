"""Rendered pieces of content kept in the cache until any content is saved.

A page's queries still run on every request, so what is listed, published or scheduled is always
current; only the rendering of content that is already chosen is reused. The key holds the content
generation that every content save moves on (see page_cache), so a saved edit shows at once. As a
key's content never changes, fragments live in each process's memory (the "fragments" cache); only
the generation is read from the shared cache (see page_cache.generation).
"""

from django.conf import settings
from django.core.cache import caches
from django.core.cache.utils import make_template_fragment_key
from django.template import Node

from .page_cache import generation


def request_generation(request):
    """The content generation, read from the cache once per request."""
    if request is None:
        return generation()
    if not hasattr(request, "_content_generation"):
        request._content_generation = generation()
    return request._content_generation


class ContentCacheNode(Node):
    def __init__(self, nodelist, name, vary_on):
        self.nodelist = nodelist
        self.name = name
        self.vary_on = vary_on

    def render(self, context):
        seconds = settings.FRAGMENT_CACHE_SECONDS
        if not seconds:
            return self.nodelist.render(context)
        vary_on = [request_generation(context.get("request"))]
        vary_on += [var.resolve(context) for var in self.vary_on]
        key = make_template_fragment_key(self.name, vary_on)
        fragments = caches["fragments"]
        html = fragments.get(key)
        if html is None:
            html = self.nodelist.render(context)
            fragments.set(key, html, seconds)
        return html
