"""Content and rendered pieces of pages, kept in each process until any content is saved.

Keys hold the content generation that every content save moves on (see page_cache), so a saved
edit shows at once. As a key's value never changes, it can live in each process's memory (the
"fragments" cache); only the generation is read from the shared cache. What is kept must not
depend on the time: whether an article is visible yet is decided by the caller at each request.
"""

from django.conf import settings
from django.core.cache import caches
from django.core.cache.utils import make_template_fragment_key
from django.template import Node

from .page_cache import request_generation


def kept(name, compute, request=None, seconds=None):
    """compute(), kept under `name` and the content generation; a None result is not kept."""
    seconds = settings.FRAGMENT_CACHE_SECONDS if seconds is None else seconds
    if not seconds:
        return compute()
    key = f"kept:{request_generation(request)}:{name}"
    value = caches["fragments"].get(key)
    if value is None:
        value = compute()
        if value is not None:
            caches["fragments"].set(key, value, seconds)
    return value


class ContentCacheNode(Node):
    def __init__(self, nodelist, name, vary_on):
        self.nodelist = nodelist
        self.name = name
        self.vary_on = vary_on

    def render(self, context):
        name = make_template_fragment_key(self.name, [var.resolve(context) for var in self.vary_on])
        return kept(name, lambda: self.nodelist.render(context), context.get("request"))
