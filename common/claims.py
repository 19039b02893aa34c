"""Sentences that state a figure or lean on research without citing a source: the admin warns of them
(it does not refuse them) after a save and in the Markdown preview.

A claim is a sentence with a percentage ("50 percent", "50%", "50 por ciento"), "studies show" (or
"studies ... found", "los estudios muestran"...), "research" / "investigación". It is supported when
the same sentence carries a numbered source reference, `[1]` (common/citations.py). Spanish
"estudios" alone also means schooling ("trabajo o estudios"), so it counts only with a verb of
reporting ("los estudios muestran") or after "según".
"""

import html
import re

from django.utils.html import strip_tags

_REPORTING_EN = (
    r"(?:show|shows|showed|shown|suggest|suggests|find|finds|found|indicate|indicates|report|reports|prove|proves)"
)
_REPORTING_ES = r"(?:muestran|demuestran|indican|sugieren|señalan|revelan|reportan|encuentran|encontraron|prueban)"
CLAIM_PATTERNS = [
    ("a percentage", re.compile(r"\d+(?:[.,]\d+)?\s*(?:%|percent\b|per cent\b|por\s+ciento\b)", re.IGNORECASE)),
    ("studies", re.compile(rf"\bstudies\s+(?:\w+\s+){{0,4}}?{_REPORTING_EN}\b", re.IGNORECASE)),
    ("research", re.compile(r"\bresearch(?:ers?)?\b", re.IGNORECASE)),
    (
        "studies",
        re.compile(
            rf"\bestudios\s+(?:\w+\s+){{0,4}}?{_REPORTING_ES}\b|\bsegún\s+(?:los\s+|algunos\s+|varios\s+)?estudios\b",
            re.IGNORECASE,
        ),
    ),
    ("research", re.compile(r"\binvestigaci(?:ón|ones)\b", re.IGNORECASE)),
]
CITATION = re.compile(r"\[[1-9][0-9]?\]")
# Where one block of text ends in the HTML: paragraphs, list items, headings, table cells, line breaks.
_BLOCK_END = re.compile(r"</(?:p|li|h[1-6]|td|th|blockquote|div|section)>|<br\s*/?>", re.IGNORECASE)
# A sentence ends at . ! or ? followed by a space and what starts a sentence.
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"“¿¡(]?[A-ZÁÉÍÓÚÑ0-9])")


def sentences(html_text):
    """The sentences of stored HTML, in order, each on one line."""
    found = []
    for block in _BLOCK_END.split(html_text or ""):
        text = " ".join(html.unescape(strip_tags(block)).split())
        found.extend(sentence for sentence in _SENTENCE_END.split(text) if sentence)
    return found


def unsupported_claims(html_text):
    """[(sentence, what it claims)] for each sentence with a claim and no numbered source reference."""
    found = []
    for sentence in sentences(html_text):
        if CITATION.search(sentence):
            continue
        kinds = [kind for kind, pattern in CLAIM_PATTERNS if pattern.search(sentence)]
        if kinds:
            found.append((sentence, kinds[0]))
    return found


WHAT = {"a percentage": "a percentage", "studies": "what studies show", "research": "research"}


def warning(sentence, kind, where):
    """The admin's words for one unsupported claim in the text `where` names."""
    return (
        f"{where}: “{sentence}” states {WHAT[kind]} without a numbered source reference. Cite its source by "
        "its number in the article's Sources, e.g. [1], or reword it (levels of care and pages have no "
        "Sources: leave the figure to an article that cites it)."
    )
