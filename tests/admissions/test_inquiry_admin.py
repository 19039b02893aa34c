import csv
import io
import re
import threading
from datetime import timedelta
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.utils import timezone

from intake import services
from intake.models import AccessRecord, Inquiry, Note
from levels.models import LevelOfCare

from ..factories import InquiryFactory, LevelFactory, UserFactory
from ..intake_helpers import form_data, inquiry_form

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/intake/inquiry/"


def change_url(inquiry):
    return f"/admin/intake/inquiry/{inquiry.pk}/change/"


def test_changelist_shows_the_pipeline_and_hides_spam(admissions_client):
    level = LevelFactory(name="Intensive outpatient program", short_name="IOP")
    InquiryFactory(name="Fresh Person", level=level)
    InquiryFactory(name="Spammy Bot", status=Inquiry.Status.SPAM)
    late = InquiryFactory(name="Waiting Person", created_at=timezone.now() - timedelta(minutes=40))
    html = admissions_client.get(CHANGELIST).content.decode()
    assert "Fresh Person" in html and "Intensive outpatient program" in html
    assert "Spammy Bot" not in html
    assert "Past the 15-minute response target" in html and "New, overdue" in html and late.name in html
    spam = admissions_client.get(CHANGELIST + "?status=spam").content.decode()
    assert "Spammy Bot" in spam and "Fresh Person" not in spam


@pytest.mark.parametrize(
    "query", ["?status=new", "?status=open", "?level__id__exact=1", "?assigned_to__id__exact=1", "?q=555", "?q=Fresh",
              "?created_at__gte=2020-01-01", "?inquiry_for__exact=myself", "?o=-6"],
)  # fmt: skip
def test_filters_and_search(admissions_client, query):
    InquiryFactory(name="Fresh Person")
    assert admissions_client.get(CHANGELIST + query).status_code == 200


def test_search_by_email_and_phone(admissions_client):
    InquiryFactory(name="Alpha", email="alpha@example.com", phone="+18185550111")
    InquiryFactory(name="Beta", email="beta@example.com", phone="+18185550122")
    assert "Alpha" in admissions_client.get(CHANGELIST + "?q=alpha@example").content.decode()
    html = admissions_client.get(CHANGELIST + "?q=5550122").content.decode()
    assert "Beta" in html and "Alpha" not in html


@pytest.mark.parametrize(
    "written",
    ["818-555-0101", "(818) 555-0101", "555-0101", "+18185550101", "+1 818 555 0101", "1-818-555-0101",
     "818.555.0101", "8185550101", "(818)555-0101"],
)  # fmt: skip
def test_phone_search_matches_any_way_a_us_number_is_written(admissions_client, written):
    InquiryFactory(name="Caller One", phone="+18185550101")
    InquiryFactory(name="Caller Two", phone="+13235550199")
    html = admissions_client.get(CHANGELIST, {"q": written}).content.decode()
    assert "Caller One" in html and "Caller Two" not in html


@pytest.mark.parametrize("written", ["Caller", "Suite 3235"])  # "3235" is in the other number
def test_text_that_is_not_a_phone_number_is_not_read_as_one(admissions_client, written):
    InquiryFactory(name="Caller One", phone="+18185550101")
    InquiryFactory(name="Somebody Else", phone="+13235550199")
    html = admissions_client.get(CHANGELIST, {"q": written}).content.decode()
    assert "Somebody Else" not in html


def test_time_to_first_contact_is_shown(admissions_client):
    created = timezone.now() - timedelta(hours=3)
    inquiry = InquiryFactory(created_at=created, first_contact_at=created + timedelta(minutes=12), status="contacted")
    assert inquiry.time_to_first_contact == timedelta(minutes=12)
    assert "12 min" in admissions_client.get(CHANGELIST).content.decode()


def test_actions_assign_spam_and_not_spam(admissions_client, admissions_user):
    first, second = InquiryFactory(), InquiryFactory()
    ids = [first.pk, second.pk]
    admissions_client.post(CHANGELIST, {"action": "assign_to_me", "_selected_action": ids})
    assert set(Inquiry.objects.values_list("assigned_to", flat=True)) == {admissions_user.pk}
    admissions_client.post(CHANGELIST, {"action": "mark_spam", "_selected_action": [second.pk], "confirmed": "yes"})
    second.refresh_from_db()
    assert second.status == Inquiry.Status.SPAM and second.spam_reason == "marked"
    admissions_client.post(
        CHANGELIST + "?status=spam", {"action": "mark_not_spam", "_selected_action": [second.pk], "confirmed": "yes"}
    )
    second.refresh_from_db()
    assert second.status == Inquiry.Status.NEW and second.spam_reason == ""


def test_a_bulk_move_asks_first_and_never_goes_backwards_or_reopens(admissions_client):
    fresh = InquiryFactory(status=Inquiry.Status.NEW)
    scheduled = InquiryFactory(status=Inquiry.Status.ASSESSMENT_SCHEDULED)
    closed = InquiryFactory(status=Inquiry.Status.CLOSED, close_reason="not_ready", closed_at=timezone.now())
    ids = [fresh.pk, scheduled.pk, closed.pk]
    every = CHANGELIST + "?status=all"  # the closed one is listed when all are shown
    question = admissions_client.post(every, {"action": "mark_spam", "_selected_action": ids})
    html = question.content.decode()
    assert question.status_code == 200 and "1 of the selected inquiries will move to “Spam”" in html
    assert "2 will stay as they are" in html and 'value="Yes, move 1"' in html
    assert Inquiry.objects.filter(status=Inquiry.Status.SPAM).count() == 0  # nothing moved yet
    done = admissions_client.post(
        every, {"action": "mark_spam", "_selected_action": ids, "confirmed": "yes"}, follow=True
    )
    assert "1 moved to “Spam”. 2 left as they were" in done.content.decode()
    statuses = dict(Inquiry.objects.values_list("pk", "status"))
    assert statuses == {fresh.pk: "spam", scheduled.pk: "assessment_scheduled", closed.pk: "closed"}
    closed.refresh_from_db()
    assert closed.close_reason == "not_ready" and closed.closed_at is not None


def test_a_level_that_inquiries_name_cannot_be_deleted(editor_client):
    level = LevelFactory(name="Named level")
    InquiryFactory(level=level, name="Private Name")
    page = editor_client.post(f"/admin/levels/levelofcare/{level.pk}/delete/", {"post": "yes"})
    html = page.content.decode()
    assert "unpublish it instead" in html and "Private Name" not in html and "Inquiry #" not in html
    assert LevelOfCare.objects.filter(pk=level.pk).exists()
    bulk = editor_client.post(
        "/admin/levels/levelofcare/", {"action": "delete_selected", "_selected_action": [level.pk], "post": "yes"}
    )
    assert "unpublish it instead" in bulk.content.decode() and LevelOfCare.objects.filter(pk=level.pk).exists()


def test_csv_export_needs_the_export_permission(admissions_client, admissions_user):
    inquiry = InquiryFactory(name="=HYPERLINK(evil)")
    response = admissions_client.post(CHANGELIST, {"action": "export_csv", "_selected_action": [inquiry.pk]})
    assert response.status_code == 302  # back to the list: the action is not offered to them
    assert "Content-Disposition" not in response
    assert "export_csv" not in admissions_client.get(CHANGELIST).content.decode()
    from django.contrib.auth.models import Permission

    admissions_user.user_permissions.add(Permission.objects.get(codename="export_inquiry"))
    client = Client()
    client.force_login(admissions_user)
    response = client.post(CHANGELIST, {"action": "export_csv", "_selected_action": [inquiry.pk]})
    assert response["Content-Type"].startswith("text/csv") and response.streaming
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0][0] == "id" and rows[1][rows[0].index("name")] == "'=HYPERLINK(evil)"
    assert AccessRecord.objects.filter(action="export", inquiry_ref=inquiry.pk, user=admissions_user).exists()


def log_url(inquiry):
    return f"/admin/intake/inquiry/{inquiry.pk}/log-contact/"


def test_a_logged_contact_is_stamped_when_saved_and_sets_first_contact(admissions_client, admissions_user):
    opened = timezone.now() - timedelta(minutes=20)
    inquiry = InquiryFactory(created_at=opened)
    page = admissions_client.get(change_url(inquiry)).content.decode()
    assert "Log a contact" in page and "Waiting 20 min for a first contact" in page
    with time_machine.travel(timezone.now() + timedelta(seconds=75), tick=False):
        response = admissions_client.post(
            log_url(inquiry), {"kind": "call", "outcome": "no_answer", "text": "Left no message.",
                               "created_at": "2020-01-01 00:00"},
        )  # fmt: skip
        saved_at = timezone.now()
    assert response.status_code == 302 and response["Location"].endswith("#timeline")
    inquiry.refresh_from_db()
    note = Note.objects.get()
    assert note.author == admissions_user and note.text == "Left no message." and note.created_at == saved_at
    assert inquiry.status == Inquiry.Status.CONTACT_ATTEMPTED and inquiry.first_contact_at == saved_at
    assert inquiry.first_reached_at is None
    page = admissions_client.get(change_url(inquiry)).content.decode()
    assert "First contact after 21 min" in page and "Left no message." in page
    assert "Status: New → Contact attempted" in page and AccessRecord.objects.filter(detail="logged a contact")
    admissions_client.post(log_url(inquiry), {"kind": "call", "outcome": "reached", "text": ""})
    inquiry.refresh_from_db()
    assert inquiry.status == Inquiry.Status.CONTACT_ATTEMPTED and inquiry.first_reached_at is not None


@pytest.mark.parametrize(
    "data, message",
    [
        ({"kind": "call", "outcome": "", "text": "Rang twice."}, "Choose how the contact went."),
        ({"kind": "note", "outcome": "", "text": ""}, "Write the note."),
        ({"kind": "fax", "outcome": "sent", "text": "Kept text"}, "Select a valid choice."),
    ],
)
def test_a_contact_log_with_a_mistake_is_shown_again_with_what_was_typed(admissions_client, data, message):
    inquiry = InquiryFactory()
    response = admissions_client.post(log_url(inquiry), data)
    html = response.content.decode()
    assert response.status_code == 200 and message in html and "nothing was saved yet" in html
    assert not data["text"] or data["text"] in html
    assert not Note.objects.exists()


def test_the_timeline_lists_contacts_notes_and_moves_newest_first(admissions_client, admissions_user):
    inquiry = InquiryFactory(created_at=timezone.now() - timedelta(hours=2))
    for kind, outcome, text in [("call", "voicemail", "First try"), ("note", "", "Mother called back")]:
        services.log_contact(inquiry=inquiry, by=admissions_user, kind=kind, outcome=outcome, text=text)
    html = admissions_client.get(change_url(inquiry)).content.decode()
    timeline = html[html.index('id="timeline"') :]
    order = [timeline.index(text) for text in ("Mother called back", "First try", "Arrived by website form")]
    assert order == sorted(order)


def test_closing_needs_a_reason(admissions_client):
    inquiry = InquiryFactory()
    data = inquiry_form(inquiry, status="closed", close_reason="")
    response = admissions_client.post(change_url(inquiry), data)
    assert response.status_code == 200 and "Choose why the inquiry is closed." in response.content.decode()
    data["close_reason"] = "not_ready"
    assert admissions_client.post(change_url(inquiry), data).status_code == 302
    inquiry.refresh_from_db()
    assert inquiry.status == "closed" and inquiry.closed_at is not None


def test_database_refuses_inquiry_without_contact_or_closed_without_reason():
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        InquiryFactory(phone="", email="")
    with pytest.raises(IntegrityError), transaction.atomic():
        InquiryFactory(status="closed", close_reason="")


def test_possible_duplicates_are_flagged(admissions_client):
    old = InquiryFactory(phone="+18185550150", email="", created_at=timezone.now() - timedelta(days=10))
    InquiryFactory(phone="+18185550151", email="", created_at=timezone.now() - timedelta(days=40))
    new = InquiryFactory(phone="+18185550150", email="other@example.com")
    by_email = InquiryFactory(phone="", email="OTHER@example.com")
    assert set(Inquiry.objects.possible_duplicates_of(new)) == {old, by_email}
    html = admissions_client.get(change_url(new)).content.decode()
    assert f"#{old.pk}" in html
    lonely = InquiryFactory(phone="+18185550199", email="alone@example.com")
    assert "None" in admissions_client.get(change_url(lonely)).content.decode()


def test_every_view_and_change_is_recorded_for_superusers(admissions_client, admissions_user, superuser):
    inquiry = InquiryFactory()
    admissions_client.get(change_url(inquiry))
    admissions_client.post(CHANGELIST, {"action": "mark_spam", "_selected_action": [inquiry.pk], "confirmed": "yes"})
    actions = list(AccessRecord.objects.filter(user=admissions_user).values_list("action", "inquiry_ref"))
    assert ("view", inquiry.pk) in actions and ("change", inquiry.pk) in actions
    assert admissions_client.get("/admin/intake/accessrecord/").status_code == 403
    boss = Client()
    boss.force_login(superuser)
    html = boss.get("/admin/intake/accessrecord/").content.decode()
    assert admissions_user.username in html


def test_a_refused_save_history_and_delete_confirmation_each_record_one_look(admissions_client, admissions_user):
    inquiry = InquiryFactory()
    url = f"/admin/intake/inquiry/{inquiry.pk}/"
    refused = admissions_client.post(url + "change/", {"csrfmiddlewaretoken": "x"})
    assert refused.status_code == 200
    assert admissions_client.get(url + "history/").status_code == 200
    records = AccessRecord.objects.filter(user=admissions_user).order_by("pk")
    assert [(r.inquiry_ref, r.action, r.detail) for r in records] == [
        (inquiry.pk, "view", "shown after a refused save"),
        (inquiry.pk, "view", "history"),
    ]


def test_content_editor_gets_no_inquiry_data(editor_client):
    inquiry = InquiryFactory(name="Hidden Person")
    # 403 where the admin knows the page; 404 for the app index and notes, which have no admin page of their own.
    forbidden = {
        CHANGELIST: 403, CHANGELIST + "?q=Hidden": 403, change_url(inquiry): 403,
        f"/admin/intake/inquiry/{inquiry.pk}/history/": 403, f"/admin/intake/inquiry/{inquiry.pk}/delete/": 403,
        "/admin/intake/note/": 404, "/admin/intake/notification/": 403, "/admin/intake/accessrecord/": 403,
        "/admin/intake/": 404,
    }  # fmt: skip
    for url, status in forbidden.items():
        response = editor_client.get(url)
        assert response.status_code == status, url
        assert "Hidden Person" not in response.content.decode()
    autocomplete = editor_client.get(
        "/admin/autocomplete/", {"app_label": "intake", "model_name": "inquiry", "field_name": "level", "term": "Hid"}
    )
    # Editors may read levels of care, so the level search answers, with level names only.
    assert autocomplete.status_code == 200
    assert "Hidden Person" not in autocomplete.content.decode()
    index = editor_client.get("/admin/").content.decode()
    assert "Inquiries" not in index and "Hidden Person" not in index
    assert "Articles" in index and "Levels of care" in index


def test_admissions_staff_cannot_edit_content(admissions_client):
    assert admissions_client.get("/admin/faq/article/").status_code == 403
    assert admissions_client.get("/admin/levels/levelofcare/").status_code == 403
    assert admissions_client.get(CHANGELIST).status_code == 200


def test_purge_deletes_old_closed_and_spam_only():
    old = timezone.now() - timedelta(days=400)
    InquiryFactory(status="closed", close_reason="other", closed_at=old, created_at=old)
    InquiryFactory(status="spam", created_at=old)
    kept_open = InquiryFactory(status="contacted", created_at=old)
    kept_recent = InquiryFactory(status="closed", close_reason="other", closed_at=timezone.now(), created_at=old)
    out = StringIO()
    call_command("purge_inquiries", "--older-than", "365", "--dry-run", stdout=out)
    assert "Would delete 2 inquiries" in out.getvalue() and Inquiry.objects.count() == 4
    out = StringIO()
    call_command("purge_inquiries", "--older-than", "365", stdout=out)
    assert "Deleted 2 inquiries older than 365 days: 1 closed, 1 spam." in out.getvalue()
    assert set(Inquiry.objects.all()) == {kept_open, kept_recent}


def test_purge_refuses_nonsense():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("purge_inquiries", "--older-than", "0")


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_fifty_concurrent_submissions_are_all_stored(settings):
    settings.INTAKE_RATE_LIMIT = "0"
    errors = []
    barrier = threading.Barrier(50)

    def submit(index):
        try:
            client = Client()
            barrier.wait(timeout=30)
            response = client.post("/contact/", form_data(name=f"Person {index}", phone=f"+1818555{index:04d}"))
            if response.status_code != 302:
                errors.append(response.status_code)
        except Exception as error:  # surfaced below
            errors.append(repr(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=submit, args=(i,)) for i in range(50)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    assert Inquiry.objects.count() == 50
    assert set(Inquiry.objects.values_list("name", flat=True)) == {f"Person {i}" for i in range(50)}
    # All sent the same e-mail address at once: each is flagged, none missed an uncommitted other.
    assert set(Inquiry.objects.values_list("has_duplicate", flat=True)) == {True}


def test_demo_staff_groups_exist():
    from django.contrib.auth.models import Group

    assert set(Group.objects.values_list("name", flat=True)) >= {"Admissions", "Content editors"}
    UserFactory(group="Admissions")


def test_each_read_only_part_of_the_inquiry_page_has_its_own_label(admissions_client):
    html = admissions_client.get(change_url(InquiryFactory())).content.decode()
    labels = dict(
        re.findall(r'<div class="[^"]*\bfield-(\w+)\b[^"]*">\s*(?:<div[^>]*>\s*)*<label[^>]*>([^<]*)</label>', html)
    )
    assert labels["insurance_verification"] == "Insurance verification:"
    assert labels["possible_duplicates"] == "Possible duplicates (same phone or e-mail within 30 days):"


def test_the_list_shown_again_after_a_post_is_recorded_like_any_look_at_it(admissions_client, admissions_user):
    InquiryFactory()
    assert admissions_client.post(CHANGELIST, {}).status_code == 200
    assert admissions_client.post(CHANGELIST, {"action": "mark_spam"}).status_code == 200  # no rows chosen
    records = AccessRecord.objects.filter(user=admissions_user, action="list").values_list("detail", flat=True)
    assert list(records) == ["filters: none", "filters: none"]


def test_a_follow_up_past_the_years_pages_can_show_is_refused_beside_its_field(admissions_client):
    inquiry = InquiryFactory()
    data = inquiry_form(inquiry, follow_up_at_0="9999-12-31", follow_up_at_1="23:59")
    response = admissions_client.post(change_url(inquiry), data)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["follow_up_at"] == ["Choose a date between the years 2 and 9998."]
    inquiry.refresh_from_db()
    assert inquiry.follow_up_at is None
