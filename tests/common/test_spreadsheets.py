"""Every CSV the site writes: no cell a spreadsheet program would run as a formula."""

import pytest

from common.spreadsheets import safe_cell


@pytest.mark.parametrize(
    "value, written",
    [
        ("=1+1", "'=1+1"),
        ("+18185550101", "'+18185550101"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        (" =1+1", "' =1+1"),
        ("   @SUM(A1)", "'   @SUM(A1)"),
        ('＝HYPERLINK("x")', '\'＝HYPERLINK("x")'),
        ("＋1", "'＋1"),
        ("\u00a0=1+1", "'\u00a0=1+1"),
        ("\u3000=1+1", "'\u3000=1+1"),
        ("\u200b=1+1", "'\u200b=1+1"),
        ("\ufeff=1+1", "'\ufeff=1+1"),
        ("\u2060 \u00a0@SUM(A1)", "'\u2060 \u00a0@SUM(A1)"),
        ("\u00a0Ana", "\u00a0Ana"),
        ("a = b", "a = b"),
        ("iop-search", "iop-search"),
        (-12.5, -12.5),
        (7, 7),
        (None, ""),
    ],
)
def test_text_that_would_start_a_formula_gets_an_apostrophe_and_numbers_stay_numbers(value, written):
    assert safe_cell(value) == written
