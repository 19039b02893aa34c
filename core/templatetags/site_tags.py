from django import template
from django.utils.html import format_html

from core.fragments import ContentCacheNode
from core.fresh_values import fresh
from core.markdown import render_markdown

register = template.Library()


@register.simple_tag(takes_context=True)
def canonical_url(context, path=None):
    """Absolute URL of this page without its query string (or of `path`)."""
    request = context["request"]
    return request.build_absolute_uri(path or request.path)


@register.simple_tag(takes_context=True)
def csrf_input(context):
    """Django's {% csrf_token %}, with a token the page cache replaces for every visitor."""
    token = fresh(context["request"], "csrf_token")
    return format_html('<input type="hidden" name="csrfmiddlewaretoken" value="{}">', token)


@register.filter(name="markdown")
def markdown_filter(text):
    return render_markdown(text)


NAV_SECTIONS = {"/levels-of-care/": "levels", "/faq/": "faq", "/contact/": "contact"}


@register.filter
def nav_section(path):
    """The main-menu section a page belongs to ("" for none), for aria-current."""
    for prefix, section in NAV_SECTIONS.items():
        if path.startswith(prefix):
            return section
    return ""


@register.tag
def content_cache(parser, token):
    """{% content_cache "name" var ... %}...{% endcontent_cache %}: see core.fragments."""
    bits = token.split_contents()
    if len(bits) < 2 or bits[1][0] not in "\"'" or bits[1][0] != bits[1][-1]:
        raise template.TemplateSyntaxError(f"{bits[0]} needs a quoted fragment name")
    nodelist = parser.parse(("endcontent_cache",))
    parser.delete_first_token()
    return ContentCacheNode(nodelist, bits[1][1:-1], [parser.compile_filter(bit) for bit in bits[2:]])


@register.filter
def pks(objects):
    """The primary keys of a list of objects, to name a cached list by what it holds. A list that
    knows its ids (faq.listing.ArticlesByIds) is not loaded for this."""
    ids = getattr(objects, "ids", None)
    if ids is None:
        ids = [obj.pk for obj in objects]
    return ",".join(map(str, ids))
