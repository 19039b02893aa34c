"""One inbox for every channel: staff-entered inquiries, referral sources, stored duplicate flags,
phone search however a number is written, queues and follow-up reminders."""

from datetime import timedelta
from io import StringIO

import pytest
import time_machine
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from intake import follow_ups, services
from intake.models import AccessRecord, Inquiry, StatusChange

from ..factories import InquiryFactory, ReferralContactFactory, ReferralSourceFactory, UserFactory
from ..intake_helpers import assessment_form, inquiry_form
from ..markup import definition, listed, parse, select, texts

pytestmark = pytest.mark.django_db

ADD = "/admin/intake/inquiry/add/"
LIST = "/admin/intake/inquiry/"


def change_url(inquiry):
    return f"/admin/intake/inquiry/{inquiry.pk}/change/"


def staff_inquiry(**changes):
    data = {
        "channel": "phone", "received_as": "message", "language": "en", "referral_source": "", "referral_contact": "",
        "name": "Walk In Person",
        "phone": "818-555-0101", "email": "", "preferred_contact": "call", "best_time": "any",
        "inquiry_for": "myself", "level": "", "payment": "not_sure", "insurance_carrier": "", "message": "",
        "assigned_to": "", "follow_up_step": "", "follow_up_at_0": "", "follow_up_at_1": "", "follow_up_owner": "",
        "notifications-TOTAL_FORMS": "0", "notifications-INITIAL_FORMS": "0",
        "notifications-MIN_NUM_FORMS": "0", "notifications-MAX_NUM_FORMS": "1000",
    }  # fmt: skip
    data.update(changes)
    return data


def test_admissions_add_an_inquiry_from_a_referral_with_its_channel(admissions_client, admissions_user):
    contact = ReferralContactFactory(source__name="Valley Hospital", name="Rita Moss")
    page = parse(admissions_client.get(ADD))
    # The form alone sets "website".
    assert [option.attrs["value"] for option in page.select("#id_channel option")] == [
        "phone", "walk_in", "email", "referral"
    ]  # fmt: skip
    assert [option.attrs["value"] for option in page.select("#id_channel option[selected]")] == ["phone"]
    response = admissions_client.post(
        ADD,
        staff_inquiry(channel="referral", referral_source=contact.source_id, referral_contact=contact.pk,
                      assigned_to=admissions_user.pk),
    )  # fmt: skip
    assert response.status_code == 302, response.content.decode()[-2000:]
    inquiry = Inquiry.objects.get()
    assert (inquiry.channel, inquiry.referral_source, inquiry.referral_contact) == ("referral", contact.source, contact)
    assert inquiry.status == "new"
    assert inquiry.consent_text == "Entered by admissions (referral): the person asked to be contacted."
    assert str(inquiry.phone) == "+18185550101" and inquiry.phone_national == "8185550101"
    page = parse(admissions_client.get(change_url(inquiry)))
    assert definition(page, "Came by") == "Referral, referred by Valley Hospital (Rita Moss)"
    reach = [(link.attrs["href"], link.text) for link in page.select(".workspace-facts a")]
    assert reach == [("tel:+18185550101", "Call (818) 555-0101"), ("sms:+18185550101", "Text (818) 555-0101")]


def test_a_referring_person_must_work_at_the_named_source(admissions_client):
    contact = ReferralContactFactory()
    other = ReferralSourceFactory(name="Harbor Counseling")
    response = admissions_client.post(
        ADD, staff_inquiry(channel="referral", referral_source=other.pk, referral_contact=contact.pk)
    )
    assert response.status_code == 200
    assert texts(response, ".field-referral_contact .errorlist li") == [
        f"{contact.name} works at {contact.source}, not at Harbor Counseling: choose one of Harbor Counseling's "
        "people, or change the source."
    ]
    assert not Inquiry.objects.exists()


def test_a_referral_source_that_inquiries_name_cannot_be_deleted(admissions_client, superuser, client):
    source = ReferralSourceFactory()
    InquiryFactory(referral_source=source)
    client.force_login(superuser)
    page = client.get(f"/admin/intake/referralsource/{source.pk}/delete/")
    assert page.status_code == 403
    assert listed(admissions_client.get("/admin/intake/referralsource/")) == [source.name]


def test_editors_never_see_referral_sources(editor_client):
    source = ReferralSourceFactory()
    for url in ("/admin/intake/referralsource/", f"/admin/intake/referralsource/{source.pk}/change/"):
        assert editor_client.get(url).status_code == 403


def test_only_admissions_staff_can_be_assigned(admissions_client, admissions_user, editor_user, superuser):
    inquiry = InquiryFactory()
    options = texts(admissions_client.get(change_url(inquiry)), "#id_assigned_to option")
    assert options == ["---------", admissions_user.username, superuser.username]
    assert editor_user.username not in options


@pytest.mark.parametrize(
    "typed",
    ["818-555-0101", "(818) 555-0101", "818 555 0101", "8185550101", "+1 818 555 0101", "1-818-555-0101",
     "+18185550101", "1 (818) 555-0101", "555-0101", "5550101", " 555 0101 "],
)  # fmt: skip
def test_phone_search_matches_every_way_a_us_number_is_written(admissions_client, typed):
    wanted = InquiryFactory(name="Wanted Person", phone="+18185550101", email="")
    other = InquiryFactory(name="Other Person", phone="+13105550101", email="")  # same last seven, other area
    InquiryFactory(name="Third Person", phone="+18185550199", email="")
    response = admissions_client.get(LIST, {"q": typed})
    seven_digits = len("".join(ch for ch in typed if ch.isdigit())) == 7
    assert listed(response) == (["Other Person", "Wanted Person"] if seven_digits else ["Wanted Person"])
    assert listed(response, "number") == [f"#{i.pk}" for i in ([other, wanted] if seven_digits else [wanted])]


@pytest.mark.parametrize("typed", ["555-01", "818-555-01011", "call me", "0101"])
def test_text_that_is_not_a_whole_number_finds_no_phone(admissions_client, typed):
    InquiryFactory(name="Wanted Person", phone="+18185550101", email="")
    assert listed(admissions_client.get(LIST, {"q": typed})) == []


def test_name_and_email_search_as_before(admissions_client):
    InquiryFactory(name="Maria Lopez", email="m.lopez@example.com", phone="")
    assert listed(admissions_client.get(LIST, {"q": "lopez"})) == ["Maria Lopez"]
    assert listed(admissions_client.get(LIST, {"q": "M.LOPEZ@example"})) == ["Maria Lopez"]


def test_duplicates_are_flagged_across_channels_and_kept_up_to_date(admissions_client):
    web = InquiryFactory(phone="+18185550101", email="")
    assert not web.has_duplicate
    assert admissions_client.post(ADD, staff_inquiry(phone="(818) 555-0101")).status_code == 302
    phoned = Inquiry.objects.get(channel="phone")
    web.refresh_from_db()
    assert web.has_duplicate and phoned.has_duplicate
    emailed = InquiryFactory(phone="", email="Same@Example.com")
    other = InquiryFactory(phone="", email="same@example.com")
    emailed.refresh_from_db()
    assert emailed.has_duplicate and other.has_duplicate and emailed.email == "same@example.com"
    # A corrected number ends the match, for both.
    phoned.phone = "+18185550177"
    phoned.save()
    web.refresh_from_db()
    assert not web.has_duplicate and not phoned.has_duplicate
    other.delete()
    emailed.refresh_from_db()
    assert not emailed.has_duplicate
    # Outside the 30-day window there is no match.
    old = InquiryFactory(phone="+18185550177", email="", created_at=timezone.now() - timedelta(days=45))
    assert not old.has_duplicate


class _Writes:
    """Counts the statements run and the rows UPDATE statements changed."""

    def __init__(self):
        self.statements = 0
        self.rows_updated = 0

    def __call__(self, execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        self.statements += 1
        if sql.lstrip().upper().startswith("UPDATE"):
            self.rows_updated += context["cursor"].rowcount
        return result


def _arrival_in_a_group_of(size, phone):
    now = timezone.now()
    Inquiry.objects.bulk_create(
        Inquiry(name=f"Earlier {n}", phone=phone, has_duplicate=True, created_at=now - timedelta(hours=n + 1))
        for n in range(size)
    )
    newest = Inquiry(name="Newest", phone=phone, email=f"newest-{size}@example.com", consent_text="Agreed.")
    writes = _Writes()
    with connection.execute_wrapper(writes):
        newest.save()
    return newest, writes


def test_a_new_inquiry_costs_the_same_whatever_the_size_of_its_phone_group():
    small, small_writes = _arrival_in_a_group_of(2, "+18185550101")
    large, large_writes = _arrival_in_a_group_of(50, "+18185550102")
    assert small.has_duplicate and large.has_duplicate
    # Only the nearest earlier one is written (its flag could have been unset); the other 49 are not.
    assert (small_writes.rows_updated, large_writes.rows_updated) == (1, 1)
    assert small_writes.statements == large_writes.statements


def test_the_flags_follow_the_nearest_match_on_each_side_as_inquiries_come_and_go():
    now = timezone.now()
    first = InquiryFactory(phone="+18185550103", email="", created_at=now - timedelta(days=40))
    middle = InquiryFactory(phone="+18185550103", email="", created_at=now - timedelta(days=20))
    last = InquiryFactory(phone="+18185550103", email="")
    assert [i.has_duplicate for i in (first, middle, last)] == [False, True, True]
    first.refresh_from_db()
    assert first.has_duplicate  # flagged when the middle one arrived, 20 days later
    middle.delete()  # 40 days apart, the first and the last are no longer duplicates
    first.refresh_from_db()
    last.refresh_from_db()
    assert (first.has_duplicate, last.has_duplicate) == (False, False)
    late = InquiryFactory(phone="+18185550103", email="", created_at=now - timedelta(days=9))
    first.refresh_from_db()
    last.refresh_from_db()
    assert (first.has_duplicate, late.has_duplicate, last.has_duplicate) == (False, True, True)


def test_queues_overdue_follow_up_due_and_mine(admissions_client, admissions_user):
    now = timezone.now()
    overdue = InquiryFactory(name="Overdue Person", created_at=now - timedelta(minutes=40))
    InquiryFactory(name="Fresh Person", created_at=now - timedelta(minutes=2))
    due = InquiryFactory(name="Due Person", status="contacted", follow_up_at=now - timedelta(minutes=1))
    InquiryFactory(name="Later Person", status="contacted", follow_up_at=now + timedelta(days=1))
    mine = InquiryFactory(name="Mine Person", status="contacted", follow_up_owner=admissions_user)
    InquiryFactory(name="Closed Person", status="admitted", assigned_to=admissions_user)
    expected = {"overdue": {overdue}, "follow_up": {due}, "mine": {mine}}
    for queue, wanted in expected.items():
        assert listed(admissions_client.get(LIST, {"queue": queue})) == [p.name for p in wanted], queue
    links = select(admissions_client.get(LIST), "[data-filter-title=queue] a")
    queues = [(link.text, link.attrs["href"]) for link in links]
    assert queues == [
        ("All", "?"), ("Overdue (new, past the target)", "?queue=overdue"), ("Follow-up due", "?queue=follow_up"),
        ("Mine", "?queue=mine"),
    ]  # fmt: skip


def test_a_status_change_is_on_the_timeline_with_who_made_it(admissions_client, admissions_user):
    inquiry = InquiryFactory(first_contact_at=timezone.now() - timedelta(minutes=10))
    assessment = assessment_form(admissions_user, timezone.now() + timedelta(days=1))
    admissions_client.post(change_url(inquiry), inquiry_form(inquiry, status="assessment_scheduled", **assessment))
    change = StatusChange.objects.get()
    assert (change.from_status, change.to_status, change.by) == ("new", "assessment_scheduled", admissions_user)
    inquiry.refresh_from_db()
    assert inquiry.assessment_scheduled_at == change.at  # kept for the dashboard's funnel
    timeline = texts(admissions_client.get(change_url(inquiry)), "#timeline li > strong")
    # With the assessment the move set, on its own line.
    assert timeline == ["Assessment set", "Status: New → Assessment scheduled", "Arrived by website form"]


def test_a_follow_up_reminds_its_owner_once_when_due_without_naming_anyone(
    admissions_client, django_capture_on_commit_callbacks
):
    owner = UserFactory(username="owner", email="owner@example.com", group="Admissions")
    inquiry = InquiryFactory(name="Private Person", status="contacted")
    due = timezone.localtime() + timedelta(hours=2)
    with django_capture_on_commit_callbacks(execute=True):
        response = admissions_client.post(
            change_url(inquiry),
            inquiry_form(inquiry, status="contacted", follow_up_step="Call about the assessment",
                         follow_up_at_0=f"{due:%Y-%m-%d}", follow_up_at_1=f"{due:%H:%M:%S}", follow_up_owner=owner.pk),
        )  # fmt: skip
    assert response.status_code == 302, response.content.decode()[-2000:]
    assert mail.outbox == []  # not due yet; the test tasks run at once and cannot wait
    call_command("send_follow_up_reminders", stdout=StringIO())
    assert mail.outbox == []
    with time_machine.travel(due + timedelta(minutes=1)):
        call_command("send_follow_up_reminders", stdout=StringIO())
        call_command("send_follow_up_reminders", stdout=StringIO())
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["owner@example.com"]
    assert message.subject == f"Follow-up due: inquiry #{inquiry.pk}"
    assert message.body == (
        f"A follow-up you own is due now on inquiry #{inquiry.pk}.\n\n"
        f"Open it in the admissions inbox (log in required):\n{settings.SITE_URL}{change_url(inquiry)}\n\n"
        "For privacy, this e-mail carries no details about the person.\n"
    )  # so nothing of the person's: no name, no number
    # A new due time arms it again.
    inquiry.refresh_from_db()
    inquiry.follow_up_at = timezone.now() - timedelta(minutes=1)
    inquiry.follow_up_notified_at = None
    inquiry.save()
    with django_capture_on_commit_callbacks(execute=True):
        follow_ups.schedule(inquiry)
    assert len(mail.outbox) == 2


def test_a_finished_inquiry_sends_no_reminder():
    owner = UserFactory(email="owner@example.com")
    InquiryFactory(status="admitted", follow_up_owner=owner, follow_up_at=timezone.now() - timedelta(hours=1))
    assert follow_ups.send_due() == 0 and mail.outbox == []


def test_purge_goes_in_batches_and_clears_the_flags_it_leaves_behind(monkeypatch):
    from intake.management.commands import purge_inquiries

    monkeypatch.setattr(purge_inquiries, "BATCH", 2)
    long_ago = timezone.now() - timedelta(days=400)
    doomed = [
        InquiryFactory(phone=f"+1818555010{i}", email="", status="closed", close_reason="other", closed_at=long_ago,
                       created_at=long_ago)
        for i in range(5)
    ]  # fmt: skip
    survivor = InquiryFactory(phone="+18185550100", email="", created_at=long_ago + timedelta(days=1))
    assert survivor.has_duplicate
    services.log_contact(inquiry=doomed[0], by=None, kind="call", outcome="reached")
    call_command("purge_inquiries", stdout=StringIO())
    assert list(Inquiry.objects.all()) == [survivor]
    survivor.refresh_from_db()
    assert not survivor.has_duplicate
    assert not StatusChange.objects.exists() and AccessRecord.objects.filter(action="purge").count() == 5


def test_the_inbox_counts_no_further_than_it_needs(admissions_client, monkeypatch, settings):
    from admissions.admin.inbox import CappedPaginator, InquiryAdmin

    monkeypatch.setattr(CappedPaginator, "CAP", 3)
    monkeypatch.setattr(InquiryAdmin, "list_per_page", 2)
    for n in range(4):
        InquiryFactory(name=f"Person {n}")
    response = admissions_client.get(LIST)
    assert listed(response) == ["Person 3", "Person 2"]
    assert texts(response, "p.paginator") == [
        "1 2 More than 3 inquiries (newest first; narrow them with a queue, a filter or a search) Show all"
    ]
