"""The site's stylesheet is read whole by browsers, which skip quietly what they cannot use: a brace
left open put every later rule inside `@media print`, and a renamed token left the action bar's Call
button white on white. These read the file as a browser would not complain about."""

import re
from pathlib import Path

from django.conf import settings

CSS = (Path(settings.BASE_DIR) / "static" / "css" / "site.css").read_text()
WITHOUT_COMMENTS = re.sub(r"/\*.*?\*/", "", CSS, flags=re.S)


def test_every_block_is_closed_where_it_should_be():
    depth = 0  # blocks open before the line
    for number, line in enumerate(WITHOUT_COMMENTS.splitlines(), 1):
        # A rule written at the start of a line is a top-level rule: nothing may be left open above it.
        if line and not line[0].isspace() and not line.startswith("}"):
            assert depth == 0, f"line {number} is inside a block left open: {line}"
        depth += line.count("{") - line.count("}")
        assert depth >= 0, f"line {number} closes a block never opened"
    assert depth == 0


def test_every_custom_property_used_is_defined():
    defined = set(re.findall(r"(--[\w-]+)\s*:", WITHOUT_COMMENTS))
    used = set(re.findall(r"var\((--[\w-]+)", WITHOUT_COMMENTS))
    # Bootstrap's own (--bs-*) come from its stylesheet.
    assert sorted(name for name in used - defined if not name.startswith("--bs-")) == []
