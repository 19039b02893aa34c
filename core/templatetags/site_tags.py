from django import template

from core.markdown import render_markdown

register = template.Library()


@register.simple_tag(takes_context=True)
def canonical_url(context, path=None):
    """Absolute URL of this page without its query string (or of `path`)."""
    request = context["request"]
    return request.build_absolute_uri(path or request.path)


@register.filter(name="markdown")
def markdown_filter(text):
    return render_markdown(text)


@register.simple_tag(takes_context=True)
def nav_current(context, prefix):
    """aria-current for the navigation link whose section holds this page."""
    path = context["request"].path
    return "page" if path.startswith(prefix) else ""
