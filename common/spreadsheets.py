"""CSV files the site writes, for staff to open in a spreadsheet program.

Every CSV goes through `SafeWriter`: a cell that a spreadsheet would run as a formula (text starting
with =, +, -, @, a tab or a carriage return, after any spaces (of any kind: no-break, ideographic)
or invisible characters (zero-width, a byte-order mark), or with the full-width ＝ ＋ － ＠ that some
programs read as their plain twins) is written with a leading apostrophe, so what a visitor
typed into a form or a link (a name, a campaign tag) can never become a live formula on a
coordinator's computer. Numbers are written as they are.
"""

import csv
from numbers import Number

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")
# Read past before looking: spaces of every kind (str.isspace, not tab or line breaks, which are
# formula starts themselves) and characters that show nothing.
INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff"


def safe_cell(value):
    """`value` as a cell no spreadsheet will run: numbers as they are, None empty, anything else as
    text, with an apostrophe before what would start a formula."""
    if value is None:
        return ""
    if isinstance(value, Number) and not isinstance(value, bool):
        return value
    text = str(value)
    return f"'{text}" if _past_blanks(text).startswith(FORMULA_STARTS) else text


def _past_blanks(text):
    at = 0
    while at < len(text) and ((text[at].isspace() and text[at] not in "\t\r\n") or text[at] in INVISIBLE):
        at += 1
    return text[at:]


class SafeWriter:
    """csv.writer whose every cell has been through `safe_cell`."""

    def __init__(self, file):
        self._writer = csv.writer(file)

    def writerow(self, row):
        return self._writer.writerow([safe_cell(value) for value in row])
