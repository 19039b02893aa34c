"""Text: cleaning what the public types, and durations as staff read them."""

import unicodedata

KEEP_IN_MULTILINE = {"\n", "\t"}


def strip_control(value, *, multiline=False):
    """Drop control and format characters (NUL, escapes, bidi overrides); keep newlines if asked."""
    if not value:
        return value
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    keep = KEEP_IN_MULTILINE if multiline else set()
    return "".join(ch for ch in value if ch in keep or not unicodedata.category(ch).startswith("C"))


def humanize_duration(delta):
    """ "12 min", "3 h 5 min", "4 days"; "—" for none."""
    if delta is None:
        return "—"
    minutes = max(int(delta.total_seconds() // 60), 0)
    if minutes < 60:
        return f"{minutes} min"
    hours, minutes = divmod(minutes, 60)
    if hours < 48:
        return f"{hours} h {minutes} min"
    return f"{hours // 24} days"
