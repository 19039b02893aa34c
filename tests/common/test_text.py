import pytest

from common.text import shorten


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        ("Short enough.", 160, "Short enough."),
        ("one two three", 13, "one two three"),  # exactly the limit: kept whole, no ellipsis
        ("one two three", 10, "one two…"),  # the cut fell inside "three": it goes
        ("one two three", 8, "one two…"),  # the cut fell at a space: "two" is whole
        ("one two, three", 12, "one two…"),  # no comma before the ellipsis
        ("  one\n two \tthree  ", 20, "one two three"),  # one line, single spaces
        ("Supercalifragilistic", 10, "Supercali…"),  # one word longer than the limit is cut where it must
    ],
)
def test_shorten_cuts_at_a_word_and_adds_an_ellipsis(text, limit, expected):
    assert shorten(text, limit) == expected
    assert len(shorten(text, limit)) <= limit


def test_shorten_keeps_to_160_characters_by_default():
    text = "Here are plain answers to the questions families ask most about treatment " * 3
    short = shorten(text)
    assert short == (
        "Here are plain answers to the questions families ask most about treatment Here are plain answers to the "
        "questions families ask most about treatment Here are…"
    )
    assert len(short) == 157
