"""Links written in Markdown: one to a page of this site that does not exist is refused when the
text is saved, naming the link; links to other sites are listed for editors to check by hand.

Each app says how to tell whether one of its pages exists (`register`, from its ready())."""

import html
import re
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.html import format_html, format_html_join

from common.care_cards import OTHER_KIND_MARK
from common.markdown import TooSlow, markdown_html, render_markdown, sanitise, too_slow_message

from . import content_version, placeholders
from .models import Redirect, SiteSettings

HREF = re.compile(r'href="([^"]+)"')
# Filled once at start-up by each app's ready() with functions that ask the database every time:
# nothing about content is kept in a process.
_exists = {}


def register(url_name, exists):
    """`exists(**kwargs)` says whether the page named `url_name` with those arguments is there."""
    _exists[url_name] = exists


def addresses(markdown):
    """The addresses the text links to once rendered: what visitors can click, however it was written
    (inline, reference, autolink or an HTML tag), and nothing that only looks like a link."""
    return _hrefs(render_markdown(markdown))


def _hrefs(html_text):
    return [html.unescape(address) for address in HREF.findall(html_text)]


def _own_path(address):
    """The path of an address on this site, or None for another site, an anchor, mail or phone."""
    parts = urlsplit(address)
    own_host = urlsplit(settings.SITE_URL).netloc
    if parts.scheme in ("http", "https") and parts.netloc != own_host:
        return None
    if parts.scheme not in ("", "http", "https") or not parts.path.startswith("/"):
        return None
    return parts.path


def page_exists(path):
    # In the language the address names: /es/... resolves only while Spanish is active.
    with translation.override(translation.get_language_from_path(path) or settings.LANGUAGE_CODE):
        try:
            match = resolve(path)
        except Resolver404:
            match = None
    if match is not None:
        exists = _exists.get(match.view_name)
        if exists is None or exists(**match.kwargs):
            return True
    return Redirect.objects.filter(old_path=path).exists()  # an old address still leads somewhere


def validate_internal_links(markdown):
    """A field validator: the text can be formatted in time, every link to this site leads to a page
    visitors can open, and the text asks for no picture (pages would drop it without a word: pictures
    have a field of their own)."""
    try:
        rendered = markdown_html(markdown or "")
    except TooSlow as error:
        raise ValidationError(too_slow_message(error), code="too_slow") from error
    check_rendered(rendered)


def check_rendered(rendered):
    """The checks of `validate_internal_links` on Markdown already turned into HTML."""
    # One Markdown pass for both checks: a picture asked for (Markdown or an <img> tag, which the
    # sanitiser would drop without a word), and the links left once sanitised.
    if "<img" in rendered:
        raise ValidationError(
            "Pictures cannot go in the text, where visitors would not see them: remove it, and choose a "
            "picture in the Picture field instead (it gets alt text and sizes for phones).",
            code="image_in_text",
        )
    if OTHER_KIND_MARK in rendered:
        raise ValidationError(
            "A line starting with !!! makes a care card: write !!! non-urgent, !!! urgent or !!! immediate, "
            'then the heading in quotes, e.g. !!! urgent "Call us now if", and the card\'s text on the next '
            "lines, indented by four spaces.",
            code="unknown_care_card",
        )
    check_placeholders(rendered)
    broken = [
        address for address in _hrefs(sanitise(rendered)) if (path := _own_path(address)) and not page_exists(path)
    ]
    if broken:
        listed = ", ".join(broken)
        raise ValidationError(
            f"This links to {listed}, which is not a page visitors can open on this site (a typo, or not "
            f"published yet). Correct the address, or publish that page first.",
            code="broken_link",
        )


def check_placeholders(rendered):
    """Every [[placeholder]] names one, and the helpline is a placeholder, not typed by hand (it would
    stay the old number when Site settings change)."""
    unknown = placeholders.unknown_names(rendered)
    if unknown:
        listed = ", ".join(f"[[{name}]]" for name in unknown)
        raise ValidationError(f"{listed} is not a placeholder. {placeholders.HELP_TEXT}", code="unknown_placeholder")
    if placeholders.in_a_tag(rendered):
        raise ValidationError(
            "A placeholder cannot be part of a link's address or of a care card's heading: write it on its own "
            "in the text (the helpline, the text line and the e-mail become links by themselves).",
            code="placeholder_in_a_tag",
        )
    text = html.unescape(rendered)
    if not placeholders.has_phone_number(text):
        return  # most texts: no need to read the settings
    site = SiteSettings.current(content_version.current())
    if placeholders.writes_number(text, site.helpline):
        raise ValidationError(
            f"This writes the helpline, {site.helpline_display}, by hand: type [[helpline]] instead. It shows the "
            "number from Site settings as a link to call, and stays right when the number changes.",
            code="helpline_by_hand",
        )


def external_links(*html_parts):
    """The addresses of other sites linked from rendered HTML, each once, in order."""
    found = []
    for part in html_parts:
        for address in HREF.findall(part or ""):
            if urlsplit(address).scheme in ("http", "https") and _own_path(address) is None and address not in found:
                found.append(address)
    return found


def external_links_display(*html_parts):
    """For an admin read-only field: the links to other sites, each to open and check."""
    found = external_links(*html_parts)
    if not found:
        return "None"
    items = format_html_join(
        "", '<li><a href="{}" rel="noopener noreferrer" target="_blank">{}</a></li>', ((a, a) for a in found)
    )
    return format_html("<ul>{}</ul>", items)
