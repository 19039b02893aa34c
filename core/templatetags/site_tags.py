from django import template
from django.conf import settings
from django.templatetags.cache import CacheNode, do_cache
from django.urls import Resolver404, resolve, reverse
from django.utils import translation
from django.utils.html import format_html
from django.utils.text import get_text_list
from django.utils.translation import gettext

from common.text import shorten as _shorten
from core import placeholders
from core.languages import has_translation, shows_english, split_language_prefix
from core.structured_data import clinic_json_ld as _clinic_json_ld
from core.structured_data import reviewed_page_json_ld as _reviewed_page_json_ld
from core.versioned import versioned_cache

register = template.Library()


@register.simple_tag(takes_context=True)
def canonical_url(context, path=None):
    """Absolute URL of this page without its query string (or of `path`)."""
    request = context["request"]
    return request.build_absolute_uri(path or request.path)


NAV_SECTIONS = {
    "/levels-of-care/": "levels",
    "/faq/": "faq",
    "/contact/": "contact",
    "/costs-and-coverage/": "costs",
}


@register.filter
def nav_section(path):
    """The main-menu section a page belongs to ("" for none), for aria-current."""
    path = split_language_prefix(path)[1]
    for prefix, section in NAV_SECTIONS.items():
        if path.startswith(prefix):
            return section
    return ""


@register.simple_tag(takes_context=True)
def clinic_json_ld(context):
    """The center as schema.org MedicalClinic JSON-LD, built once per content version."""
    request = context["request"]
    address = f"{request.scheme}://{request.get_host()}"
    key = f"clinic-json-ld:{context['content_version']}:{translation.get_language()}:{address}"
    build = lambda: _clinic_json_ld(context["site"], request.build_absolute_uri)  # noqa: E731
    return versioned_cache().get_or_set(key, build, settings.FRAGMENT_CACHE_SECONDS)


@register.simple_tag(takes_context=True)
def reviewed_page_json_ld(context, reviewed, name, description, untranslated=False):
    """A reviewed level's or page's MedicalWebPage JSON-LD in its <script> element; nothing without a
    review. `untranslated`: its text is shown in English."""
    request = context["request"]
    language = settings.LANGUAGE_CODE if untranslated else translation.get_language()
    url = request.build_absolute_uri(request.path)
    data = _reviewed_page_json_ld(
        reviewed, name, description, url, request.build_absolute_uri, context["site"], language
    )
    return format_html('<script type="application/ld+json">{}</script>', data) if data else ""


@register.simple_tag(takes_context=True)
def language_versions(context):
    """This page in each language: [{code, name, url (absolute), current, alternate}]. On a page not found
    (Django's 404 view gives its template `request_path`) each leads to that language's home page."""
    request = context["request"]
    if not hasattr(request, "language_versions"):  # the head's alternates and the header's switcher
        request.language_versions = _language_versions(context, request)
    return request.language_versions


def _language_versions(context, request):
    current = translation.get_language()
    # The view's own match where there is one (resolving the address again costs as much).
    match = None if "request_path" in context else getattr(request, "resolver_match", None)
    if match is None and "request_path" not in context:
        try:
            match = resolve(request.path_info)
        except Resolver404:
            match = None
    # The item the page shows (a DetailView's object, or `page_item`): one not written in a language has
    # no alternate in it, for search engines (the switcher still leads there).
    item = context.get("page_item", context.get("object"))
    versions = []
    for code, name in settings.LANGUAGES:
        with translation.override(code):
            if match is not None and match.url_name:
                path = reverse(match.view_name, args=match.args, kwargs=match.kwargs)
            else:
                path = reverse("home")
        versions.append(
            {
                "code": code,
                "name": name,
                "url": request.build_absolute_uri(path),
                "current": code == current,
                "alternate": item is None or has_translation(item, code),
            }
        )
    return versions


@register.simple_tag
def fallback_lang(instance, field_name):
    """` lang="en"` where a translated field shows its English (no translation yet), so that screen
    readers pronounce it as English; nothing otherwise."""
    language = translation.get_language()
    if language == settings.LANGUAGE_CODE or not shows_english(instance, field_name, language):
        return ""
    return format_html(' lang="{}"', settings.LANGUAGE_CODE)


@register.simple_tag
def english_only(instance):
    """After an item's name in a list: a visible " (in English)" on a page in another language when the
    item is not written in it (languages.has_translation); nothing otherwise."""
    language = translation.get_language()
    if language == settings.LANGUAGE_CODE or has_translation(instance, language):
        return ""
    return format_html(' <span class="in-english" lang="{}">{}</span>', language, gettext("(in English)"))


@register.filter
def as_words(items):
    """A list as a sentence says it: "English and Spanish", "inglés y español" (Django's get_text_list)."""
    return get_text_list([str(item) for item in items], gettext("and"))


@register.filter
def shorten(text):
    """A description for search results and link previews: whole words, "…" where it was cut."""
    return _shorten(text)


@register.filter
def picture_urls(picture):
    """`picture`'s src, srcset and largest width's address (Picture.urls), for a template."""
    return picture.urls()


class AddressFragmentNode(CacheNode):
    """`{% cache %}` for what depends on the address alone (a page's head, the header): rendered
    afresh for a query string (a search, a page number: free text would fill the cache), for anything
    but a GET (a form sent back with its errors names them in its title) and on Django's error pages
    (an `exception` in their context: made-up addresses must not fill it either)."""

    def render(self, context):
        request = context["request"]
        if request.method != "GET" or request.GET or "exception" in context:
            return self.nodelist.render(context)
        return super().render(context)


@register.tag
def cache_by_address(parser, token):
    """`{% cache_by_address timeout name vary_on... %}...{% endcache %}`: see AddressFragmentNode."""
    node = do_cache(parser, token)
    node.__class__ = AddressFragmentNode
    return node


@register.simple_tag(takes_context=True)
def filled(context, stored_html, level=None):
    """Stored HTML with its [[placeholders]] filled from the site settings (and a level's figures in
    that level's texts): core/placeholders.py."""
    return placeholders.fill(stored_html, context["site"], level)


@register.filter
def filled_text(text, site):
    """Plain text with its [[placeholders]] filled, for descriptions and lists."""
    return placeholders.fill_text(text, site)
