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


def listed(response):
    return sorted(inquiry.name for inquiry in response.context["cl"].result_list)


def test_the_inbox_opens_on_open_inquiries_and_all_are_one_click_away(admissions_client):
    for status in ("new", "contacted", "closed", "admitted", "referred_out", "spam"):
        InquiryFactory(name=f"Is {status}", status=status, close_reason="other" if status == "closed" else "")
    opened = admissions_client.get(LIST)
    assert listed(opened) == ["Is contacted", "Is new"]
    assert re.search(r'<li class="selected">\s*<a href="\?status=open"[^>]*>Open \(not closed', opened.content.decode())
    assert listed(admissions_client.get(LIST, {"status": "all"})) == [
        "Is admitted",
        "Is closed",
        "Is contacted",
        "Is new",
        "Is referred_out",
    ]
    assert listed(admissions_client.get(LIST, {"status": "spam"})) == ["Is spam"]
