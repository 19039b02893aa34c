"""Markdown typed by staff, turned into HTML that is safe to show to visitors.

Models call `render_markdown` when content is saved and store the result, so pages never render
Markdown while a visitor waits.
"""

import html

import markdown
import nh3
from django.conf import settings
from django.utils.html import strip_tags

ALLOWED_TAGS = {
    "p",
    "br",
    "hr",
    "strong",
    "em",
    "b",
    "i",
    "ul",
    "ol",
    "li",
    "blockquote",
    "h2",
    "h3",
    "h4",
    "a",
    "code",
    "pre",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "span",
}
# lang and dir mark a passage in another language (WCAG 3.1.2), such as a notice's language taglines.
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "th": {"scope"},
    "td": set(),
    "p": {"lang", "dir"},
    "span": {"lang", "dir"},
    "li": {"lang", "dir"},
}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto", "tel", "sms"}


def markdown_html(text):
    """The HTML Markdown makes of `text`, not yet sanitised: for checks of what the text asks for."""
    return markdown.markdown(text, extensions=["extra", "sane_lists"], output_format="html")


def sanitise(html_text):
    """Only what is on the allow-list."""
    return nh3.clean(
        html_text,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer",
    )


def render_markdown(text):
    """Sanitised HTML for `text`; anything not on the allow-list is dropped."""
    return sanitise(markdown_html(text)) if text else ""


def html_to_text(html_text):
    """Plain text of stored HTML, for meta tags, feeds and structured data."""
    return " ".join(html.unescape(strip_tags(html_text or "")).split())


def render_fields(instance, save_kwargs, sources):
    """Before a save: store the HTML of each Markdown field, `sources` being {html_field: markdown_field}.
    A field translated per language (title_en, title_es, ...) is rendered in each. A save limited to
    some fields (update_fields) also stores the HTML."""
    stored = set()
    for target, source in sources.items():
        for target_name, source_name in per_language(instance, target, source):
            setattr(instance, target_name, render_markdown(getattr(instance, source_name)))
            stored.add(target_name)
    if save_kwargs.get("update_fields") is not None:
        save_kwargs["update_fields"] = {*save_kwargs["update_fields"], *sources, *stored}


def per_language(instance, *names):
    """[(name_en, ...), (name_es, ...)] when the model keeps these fields per language, else [names]."""
    field_names = {field.name for field in instance._meta.concrete_fields}
    localized = [tuple(f"{name}_{code}" for name in names) for code, _ in settings.LANGUAGES]
    if all(name in field_names for group in localized for name in group):
        return localized
    return [names]
