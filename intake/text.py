"""Cleaning of free text typed by the public."""

import unicodedata

KEEP_IN_MULTILINE = {"\n", "\t"}


def strip_control(value, *, multiline=False):
    """Drop control and format characters (NUL, escapes, bidi overrides); keep newlines if asked."""
    if not value:
        return value
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    keep = KEEP_IN_MULTILINE if multiline else set()
    return "".join(ch for ch in value if ch in keep or not unicodedata.category(ch).startswith("C"))
