"""Placeholders in editors' Markdown for what the site settings (and a level of care) hold, so that a
page never writes the helpline, the address or a level's hours by hand and never goes out of date.

    Call [[helpline]] at any hour.              ->  Call <a href="tel:+18184312224">(818) 431-2224</a> at any hour.
    IOP takes [[hours_per_week]].               ->  IOP takes 9 to 19 hours a week.   (a level's text only)

Double square brackets clash neither with Markdown (no syntax of its own; a reference link would need
a `[name]: ...` line) nor with Django templates; Markdown and the sanitiser leave them as typed, so the
stored HTML keeps them. They are filled when a page is shown, from the settings the request already
read: a change in Site settings (which moves the content version on) shows on the next request,
without saving any page again, and costs no query. Values are escaped; the helpline and text line
become tel: and sms: links and the e-mail a mailto: link (plain text inside a link the editor made).
An unknown name is refused when the text is saved (core/links.py), and so is the helpline typed by hand.
"""

import re

from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

PLACEHOLDER = re.compile(r"\[\[([a-z_]+)\]\]")
# A tag or a placeholder, in stored (sanitised) HTML: placeholders are filled in text, never in a tag.
_TAG_OR_PLACEHOLDER = re.compile(r"<[^>]*>|\[\[([a-z_]+)\]\]")


def _phone(number, scheme):
    return (number.as_national, f"{scheme}:{number.as_e164}") if number else ("", None)


# {name: (what it is, for the help text; site settings -> (text, link or None))}
PROFILE = {
    "center_name": ("the center's name", lambda site: (site.name, None)),
    "helpline": (
        "the 24-hour helpline, a link to call",
        lambda site: (site.helpline_display, f"tel:{site.helpline_e164}"),
    ),
    "text_line": ("the text line, a link to text", lambda site: _phone(site.text_line, "sms")),
    "email": ("the e-mail address, a link", lambda site: (site.email, f"mailto:{site.email}" if site.email else None)),
    "address": ("the street address on one line", lambda site: (", ".join(site.address_lines), None)),
}
# A level of care's figures, as its "At a glance" box shows them (levels.LevelOfCare's properties):
# {name: (what it is, the level's attribute)}. Filled in a level's own texts only.
LEVEL_FIGURES = {
    "hours_per_week": ("its hours a week", "hours_display"),
    "days_per_week": ("its days a week", "days_display"),
    "typical_length": ("its typical length", "length_display"),
    "setting": ("where the patient lives", "setting_display"),
}

HELP_TEXT = (
    "From Site settings, always current: "
    + ", ".join(f"[[{name}]] ({what})" for name, (what, _) in PROFILE.items())
    + ". In a level of care's texts also its figures from the Intensity part: "
    + ", ".join(f"[[{name}]] ({what})" for name, (what, _) in LEVEL_FIGURES.items())
    + "."
)


def _values(site, level):
    """{name: (text, link or None)} for the placeholders that can be filled here."""
    values = {name: value(site) for name, (_, value) in PROFILE.items()}
    if level is not None:
        for name, (_, attribute) in LEVEL_FIGURES.items():
            text = str(getattr(level, attribute))
            # Mid-sentence in the text, where the box starts it with a capital ("Round the clock").
            values[name] = (text[:1].lower() + text[1:], None)
    return values


def fill(html_text, site, level=None):
    """Stored HTML with its placeholders filled: escaped values, links where the value has one. A name
    that cannot be filled here is left as typed."""
    if "[[" not in (html_text or ""):
        return mark_safe(html_text or "")  # noqa: S308 (stored HTML, sanitised when saved)
    values = _values(site, level)
    in_link = 0

    def replace(match):
        nonlocal in_link
        name = match.group(1)
        if name is None:  # a tag: note whether what follows is inside a link
            tag = match.group(0).lower()
            if re.match(r"<a[\s>]", tag):
                in_link += 1
            elif tag.startswith("</a"):
                in_link = max(in_link - 1, 0)
            return match.group(0)
        if name not in values:
            return match.group(0)
        text, link = values[name]
        if link and not in_link:
            return format_html('<a href="{}">{}</a>', link, text)
        return escape(text)

    return mark_safe(_TAG_OR_PLACEHOLDER.sub(replace, html_text))  # noqa: S308 (values escaped above)


def fill_text(text, site, level=None):
    """Plain text (a teaser, structured data) with its placeholders filled, unescaped."""
    if "[[" not in (text or ""):
        return text or ""
    values = _values(site, level)
    return PLACEHOLDER.sub(lambda m: values[m.group(1)][0] if m.group(1) in values else m.group(0), text)


# Anything written as a placeholder, to refuse what is not exactly one ([[Helpline]], [[ helpline ]]).
_ANY_PLACEHOLDER = re.compile(r"\[\[([^\[\]<>]{0,80})\]\]")
# A placeholder inside a tag (a link's address, a care card's label): never filled there.
_IN_A_TAG = re.compile(r"<[^>]*\[\[[^>]*>")


def unknown_names(text):
    """The placeholders in `text` that name nothing, each once."""
    known = {*PROFILE, *LEVEL_FIGURES}
    return list(dict.fromkeys(name for name in _ANY_PLACEHOLDER.findall(text or "") if name not in known))


def in_a_tag(html_text):
    """Whether stored HTML has a placeholder inside a tag: `[call](tel:[[helpline]])` or a care card's
    heading, which would reach visitors as typed."""
    return _IN_A_TAG.search(html_text or "") is not None


# A phone number as people write it: 8184312224, (818) 431-2224, 818.431.2224, +1 818-431-2224.
_PHONE = re.compile(r"(?<![\d])(?:\+?1[\s.\-]*)?\(?\d{3}\)?[\s.\-]*\d{3}[\s.\-]*\d{4}(?!\d)")


def has_phone_number(text):
    return _PHONE.search(text or "") is not None


def writes_number(text, number):
    """Whether `text` writes the phone `number` (a PhoneNumber) by hand, in any common formatting."""
    if not number:
        return False
    wanted = str(number.national_number)
    for match in _PHONE.finditer(text or ""):
        digits = re.sub(r"\D", "", match.group(0))
        if digits.removeprefix("1") == wanted or digits == wanted:
            return True
    return False
