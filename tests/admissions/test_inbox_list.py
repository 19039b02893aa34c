"""What each row of the inbox shows."""

import re

import pytest

from ..factories import InquiryFactory

pytestmark = pytest.mark.django_db

LIST = "/admin/intake/inquiry/"


def cell(html, inquiry, column):
    """The text of one column's cell in an inquiry's row."""
    row = re.search(rf"<tr[^>]*>(?:(?!</tr>).)*?/admin/intake/inquiry/{inquiry.pk}/change/.*?</tr>", html, re.S).group(
        0
    )
    found = re.search(rf'<td class="field-{column}[^"]*">(.*?)</td>', row, re.S)
    return found.group(1).strip()


def test_only_possible_duplicates_are_marked_and_in_words(admissions_client):
    first = InquiryFactory(name="First Caller", phone="+18185550101", email="")
    again = InquiryFactory(name="Second Call", phone="+18185550101", email="")
    clean = InquiryFactory(name="Someone Else", phone="+13105550199", email="")
    first.refresh_from_db(), again.refresh_from_db()
    html = admissions_client.get(LIST).content.decode()
    assert cell(html, again, "duplicate") == '<strong class="duplicate-flag">Possible duplicate</strong>'
    assert cell(html, first, "duplicate") == '<strong class="duplicate-flag">Possible duplicate</strong>'
    assert cell(html, clean, "duplicate") == ""
    assert "icon-yes.svg" not in html and "icon-no.svg" not in html
