"""Plain text cut to a length for search results, link previews, structured data and feeds; and text
folded for comparing as search does."""

import unicodedata

# Search engines show about this many characters of a description.
DESCRIPTION_LENGTH = 160


def shorten(text, limit=DESCRIPTION_LENGTH):
    """`text` on one line, at most `limit` characters: whole words and "…" when it had to be cut
    (a single word longer than that is cut where it must be)."""
    text = " ".join(str(text).split())
    if len(text) <= limit:
        return text
    kept = text[: limit - 1]  # room for the ellipsis
    if text[limit - 1] != " " and " " in kept:  # the cut fell inside a word: drop that word
        kept = kept.rsplit(" ", 1)[0]
    return kept.rstrip(" ,;:.-–—") + "…"


def fold(text):
    """`text` in lower case without accents ("Diagnóstico" → "diagnostico", "año" → "ano"), as
    PostgreSQL's unaccent folds it: how search compares what visitors type with what articles say."""
    decomposed = unicodedata.normalize("NFKD", str(text).casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))
