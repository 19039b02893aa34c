"""Numbered source references in editors' Markdown: `[1]` after a claim cites the article's first
source, as numbered in the Sources list under it (the list's items are `#source-1`, `#source-2`...).

    IOP suits many people who can live at home [1].

becomes a link to that source, `<a href="#source-1" title="Source 1">[1]</a>`. A number with a
reference definition of its own (`[1]: https://...`) stays the link Markdown makes of it, and
`[1](...)` is an ordinary link: both are matched before this pattern.
"""

import xml.etree.ElementTree as etree

from django.utils.translation import gettext
from markdown.extensions import Extension
from markdown.inlinepatterns import InlineProcessor

# One or two digits in square brackets, not opening a link's address.
CITATION_PATTERN = r"\[([1-9][0-9]?)\](?![(\[:])"
# Told beside every Markdown field in the admin (staff/markdown_preview.py).
SYNTAX_HELP = (
    "Sources: after a sentence with a figure or a study, type the number of the article's source in "
    "square brackets, e.g. [1], which links to it in the Sources list."
)


class CitationExtension(Extension):
    def extendMarkdown(self, md):
        # Below the short reference (130): a number that has a reference definition stays that link.
        md.inlinePatterns.register(CitationInlineProcessor(CITATION_PATTERN, md), "citation", 129)


class CitationInlineProcessor(InlineProcessor):
    def handleMatch(self, m, data):
        number = m.group(1)
        link = etree.Element("a", {"href": f"#source-{number}"})
        # In the language active while the text is formatted, as care cards' words are.
        link.set("title", gettext("Source %(number)s") % {"number": number})
        link.text = f"[{number}]"
        return link, m.start(0), m.end(0)
