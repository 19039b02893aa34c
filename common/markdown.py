"""Markdown typed by staff, turned into HTML that is safe to show to visitors.

Models call `render_markdown` when content is saved and store the result, so pages never render
Markdown while a visitor waits.

Python-Markdown takes time that grows with the square of the text for some inputs: each unmatched
`[` scans to the end of its paragraph, each unclosed `<a ` to the end of the text, and runs of
headings, `>`, `=` underlines or indented lines are re-split line by line (8,000 `[` take seconds,
99,000 take hours; a long definition list even overflows the stack). Rather than chase each pattern,
text longer than QUICK_LENGTH is formatted in a child process that is stopped after
MARKDOWN_RENDER_SECONDS: the time is bounded whatever the text holds. Editors are told when they save
(core/links.py's validator) and in the preview.

A form has many Markdown fields (an article's answers, each in two languages), so a request as a whole
also has a budget, MARKDOWN_REQUEST_SECONDS (MarkdownBudgetMiddleware): past it, no more text is
formatted in that request, and each text formatted in it is formatted once (the validator's result
serves the save).
"""

import contextvars
import hashlib
import html
import logging
import multiprocessing
import time

import markdown
import nh3
from django.conf import settings
from django.utils import translation
from django.utils.html import linebreaks, strip_tags

from .care_cards import CARD_CLASSES, CareCardExtension
from .citations import CitationExtension

logger = logging.getLogger(__name__)

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
    "section",
    "div",
}
# lang and dir mark a passage in another language (WCAG 3.1.2), such as a notice's language taglines.
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "th": {"scope"},
    "td": set(),
    "p": {"lang", "dir"},
    "span": {"lang", "dir"},
    "li": {"lang", "dir"},
    "section": {"aria-label"},
}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto", "tel", "sms"}


# Up to this length even the worst text is formatted in well under a second: done in this process,
# which spares a child process for short fields (and most of the test suite's).
QUICK_LENGTH = 400
# A forked child starts at once with Markdown already loaded (a fresh interpreter would import it).
_CHILDREN = multiprocessing.get_context("fork")


class TooSlow(Exception):
    """Markdown could not format the text within MARKDOWN_RENDER_SECONDS, or could not at all."""


class OutOfTime(TooSlow):
    """The request had spent its MARKDOWN_REQUEST_SECONDS on other texts: this one was not tried."""


def too_slow_message(error=None):
    if isinstance(error, OutOfTime):
        return (
            f"The texts on this page together took more than {settings.MARKDOWN_REQUEST_SECONDS} seconds to "
            "format, so this one was not checked. Fix the texts marked as too slow to format, then save again."
        )
    return (
        f"This text could not be formatted within {settings.MARKDOWN_RENDER_SECONDS} seconds, so visitors "
        "could not be shown it. Long runs of [ ( < or > marks, or many lines with no blank line between "
        "them (headings, quotes, underlines) cause this: remove the stray marks, or add blank lines."
    )


# This request's deadline and the texts it formatted ({digest: html}); None outside a request
# (commands and tasks have no budget).
_request = contextvars.ContextVar("markdown_request", default=None)


class MarkdownBudgetMiddleware:
    """Gives each request MARKDOWN_REQUEST_SECONDS of Markdown formatting in all, well inside the app
    server's timeout however many fields a form has."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _request.set({"deadline": time.monotonic() + settings.MARKDOWN_REQUEST_SECONDS, "done": {}})
        try:
            return self.get_response(request)
        finally:
            _request.reset(token)


def markdown_html(text):
    """The HTML Markdown makes of `text`, not yet sanitised: for checks of what the text asks for.
    Raises TooSlow when it cannot be made in time."""
    if len(text) <= QUICK_LENGTH:
        try:
            return _convert(text)
        except RecursionError as error:
            raise TooSlow from error
    state = _request.get()
    if state is None:
        return _convert_in_child(text, settings.MARKDOWN_RENDER_SECONDS)
    # A care card's words are in the language active while formatting (common/care_cards.py).
    digest = hashlib.sha256(f"{translation.get_language()}:{text}".encode()).digest()
    if digest not in state["done"]:
        left = state["deadline"] - time.monotonic()
        if left <= 0:
            raise OutOfTime
        state["done"][digest] = _convert_in_child(text, min(settings.MARKDOWN_RENDER_SECONDS, left))
    return state["done"][digest]


def _convert(text):
    return markdown.markdown(
        text, extensions=["extra", "sane_lists", CareCardExtension(), CitationExtension()], output_format="html"
    )


def _convert_in_child(text, seconds):
    """Format `text` in a forked child process, stopped once `seconds` have passed."""
    receiver, sender = _CHILDREN.Pipe(duplex=False)
    child = _CHILDREN.Process(target=_send_converted, args=(text, sender), daemon=True)
    child.start()
    sender.close()  # the child's copy stays open: the pipe ends (EOFError) only if the child dies
    try:
        if not receiver.poll(seconds):
            raise TooSlow
        converted = receiver.recv()
    except EOFError as error:
        raise TooSlow from error
    finally:
        if child.is_alive():
            child.kill()
        child.join()
        receiver.close()
    if converted is None:
        raise TooSlow
    return converted


def _send_converted(text, sender):
    """In the child: the HTML, or None when Markdown gives up."""
    try:
        converted = _convert(text)
    except RecursionError:
        converted = None
    sender.send(converted)
    sender.close()


def sanitise(html_text):
    """Only what is on the allow-list."""
    return nh3.clean(
        html_text,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        allowed_classes=CARD_CLASSES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer",
    )


def render_markdown(text):
    """Sanitised HTML for `text`; anything not on the allow-list is dropped. Text that cannot be
    formatted in time (saved without the admin's validation) is kept as plain paragraphs."""
    if not text:
        return ""
    try:
        return sanitise(markdown_html(text))
    except TooSlow:
        logger.warning("Markdown of %s characters not formatted in time: stored as plain text", len(text))
        return sanitise(linebreaks(text, autoescape=True))


def html_to_text(html_text):
    """Plain text of stored HTML, for meta tags, feeds and structured data."""
    return " ".join(html.unescape(strip_tags(html_text or "")).split())


def render_fields(instance, save_kwargs, sources):
    """Before a save: store the HTML of each Markdown field, `sources` being {html_field: markdown_field}.
    A field translated per language (title_en, title_es, ...) is rendered in each, in its language (a
    care card's words). A save limited to some fields (update_fields) also stores the HTML."""
    stored = set()
    for target, source in sources.items():
        for target_name, source_name in per_language(instance, target, source):
            with translation.override(_language_of(target_name, translation.get_language())):
                setattr(instance, target_name, render_markdown(getattr(instance, source_name)))
            stored.add(target_name)
    if save_kwargs.get("update_fields") is not None:
        save_kwargs["update_fields"] = {*save_kwargs["update_fields"], *sources, *stored}


def _language_of(field_name, default):
    """The language of a field's column per language (body_es: es), or `default`."""
    codes = {code for code, _ in settings.LANGUAGES}
    suffix = field_name.rsplit("_", 1)[-1]
    return suffix if "_" in field_name and suffix in codes else default


def per_language(instance, *names):
    """[(name_en, ...), (name_es, ...)] when the model keeps these fields per language, else [names]."""
    field_names = {field.name for field in instance._meta.concrete_fields}
    localized = [tuple(f"{name}_{code}" for name in names) for code, _ in settings.LANGUAGES]
    if all(name in field_names for group in localized for name in group):
        return localized
    return [names]
