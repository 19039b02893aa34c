"""What each row of the inbox shows."""

import re

import pytest
from django.contrib.auth.models import Permission

from intake.models import Inquiry

from ..factories import InquiryFactory, UserFactory

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


def queue_links(html):
    nav = re.search(r'<nav class="inbox-queues".*?</nav>', html, re.S).group(0)
    return re.findall(r'<a href="([^"]+)"( aria-current="page")?>([^<]+)</a>', nav)


def test_the_queues_come_before_the_search_and_the_list(admissions_client):
    InquiryFactory()
    html = admissions_client.get(LIST).content.decode()
    assert html.index('class="inbox-queues"') < html.index('id="changelist-search"') < html.index('id="result_list"')
    assert queue_links(html) == [
        (LIST, ' aria-current="page"', "Every open one"),
        (f"{LIST}?queue=overdue", "", "Overdue (new, past the target)"),
        (f"{LIST}?queue=follow_up", "", "Follow-up due"),
        (f"{LIST}?queue=mine", "", "Mine"),
    ]
    chosen = queue_links(admissions_client.get(LIST, {"queue": "mine"}).content.decode())
    assert [current for _, current, _ in chosen] == ["", "", "", ' aria-current="page"']


def test_each_row_has_its_phone_to_tap(admissions_client):
    with_phone = InquiryFactory(name="Has Phone", phone="+18185550101", email="a@example.com")
    without = InquiryFactory(name="Only Email", phone="", email="b@example.com")
    html = admissions_client.get(LIST).content.decode()
    assert cell(html, with_phone, "phone_link") == '<a href="tel:+18185550101">(818) 555-0101</a>'
    assert cell(html, without, "phone_link") == ""


def test_the_workspace_offers_a_call_and_a_text(admissions_client):
    inquiry = InquiryFactory(phone="+18185550101", preferred_contact="text")
    html = admissions_client.get(f"/admin/intake/inquiry/{inquiry.pk}/change/").content.decode()
    reach = re.search(r"<dt>Reach them</dt><dd>(.*?)</dd>", html, re.S).group(1)
    assert re.findall(r'<a href="([^"]+)"[^>]*>([^<]+)</a>', reach)[:2] == [
        ("tel:+18185550101", "Call (818) 555-0101"),
        ("sms:+18185550101", "Text (818) 555-0101"),
    ]


def test_the_log_a_contact_address_opened_by_itself_leads_to_the_inquiry(admissions_client):
    inquiry = InquiryFactory()
    response = admissions_client.get(f"/admin/intake/inquiry/{inquiry.pk}/log-contact/")
    assert (response.status_code, response["Location"]) == (302, f"/admin/intake/inquiry/{inquiry.pk}/change/")


def test_someone_who_may_only_view_inquiries_runs_no_bulk_action(client):
    viewer = UserFactory(username="viewer")
    viewer.user_permissions.add(Permission.objects.get(codename="view_inquiry"))
    client.force_login(viewer)
    inquiry = InquiryFactory()
    listed_page = client.get(LIST)
    assert listed_page.context["action_form"] is None  # none offered
    for action in ("mark_spam", "assign_to_me", "mark_not_spam"):
        client.post(LIST, {"action": action, "_selected_action": [inquiry.pk], "confirmed": "yes"})
    assert Inquiry.objects.filter(pk=inquiry.pk).values_list("status", "assigned_to").get() == ("new", None)


def test_the_voicemail_answer_is_a_column_and_a_no_stands_out(admissions_client):
    said_no = InquiryFactory(name="Said No", voicemail_ok=Inquiry.Voicemail.NO)
    said_yes = InquiryFactory(name="Said Yes", voicemail_ok=Inquiry.Voicemail.YES)
    before = InquiryFactory(name="From Before")  # inquiries from before the question: not asked
    html = admissions_client.get(LIST).content.decode()
    assert cell(html, said_no, "voicemail") == '<strong class="no-voicemail">No: do not name us</strong>'
    assert cell(html, said_yes, "voicemail") == "Yes"
    assert cell(html, before, "voicemail") == "Not asked"
