import csv
import io
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
from ..markup import admin_field, admin_messages, definition, listed, one, parse, select, texts

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/intake/inquiry/"


def change_url(inquiry):
    return f"/admin/intake/inquiry/{inquiry.pk}/change/"


def test_changelist_shows_the_pipeline_and_hides_spam(admissions_client):
    level = LevelFactory(name="Intensive outpatient program", short_name="IOP")
    InquiryFactory(name="Fresh Person", level=level)
    InquiryFactory(name="Spammy Bot", status=Inquiry.Status.SPAM)
    InquiryFactory(name="Waiting Person", created_at=timezone.now() - timedelta(minutes=40))
    response = admissions_client.get(CHANGELIST)
    assert listed(response) == ["Fresh Person", "Waiting Person"]
    assert listed(response, "level_short") == ["IOP", "not sure"]
    assert "Intensive outpatient program" in texts(response, "[data-filter-title=level of care] a")
    assert listed(response, "status_badge") == ["New", "⚠ New, overdue"]
    assert one(response, ".field-status_badge strong.overdue").attrs["title"] == "Past the 15-minute response target"
    assert listed(admissions_client.get(CHANGELIST + "?status=spam")) == ["Spammy Bot"]


@pytest.mark.parametrize(
    "query, shown",
    [("?status=new", ["Fresh Person"]), ("?status=open", ["Fresh Person"]), ("?status=admitted", []),
     ("?level__id__exact=1", ["Fresh Person"]), ("?assigned_to__id__exact=1", []), ("?q=555", []),
     ("?q=Fresh", ["Fresh Person"]), ("?q=Stale", []), ("?created_at__gte=2020-01-01", ["Fresh Person"]),
     ("?inquiry_for__exact=myself", ["Fresh Person"]), ("?inquiry_for__exact=loved_one", []),
     ("?o=-6", ["Fresh Person"])],
)  # fmt: skip
def test_filters_and_search(admissions_client, query, shown):
    # With no level of care in the database the admin offers no level filter, and ignores one in the address.
    InquiryFactory(name="Fresh Person")
    assert listed(admissions_client.get(CHANGELIST + query)) == shown


def test_search_by_email_and_phone(admissions_client):
    InquiryFactory(name="Alpha", email="alpha@example.com", phone="+18185550111")
    InquiryFactory(name="Beta", email="beta@example.com", phone="+18185550122")
    assert listed(admissions_client.get(CHANGELIST + "?q=alpha@example")) == ["Alpha"]
    assert listed(admissions_client.get(CHANGELIST + "?q=5550122")) == ["Beta"]


@pytest.mark.parametrize(
    "written",
    ["818-555-0101", "(818) 555-0101", "555-0101", "+18185550101", "+1 818 555 0101", "1-818-555-0101",
     "818.555.0101", "8185550101", "(818)555-0101"],
)  # fmt: skip
def test_phone_search_matches_any_way_a_us_number_is_written(admissions_client, written):
    InquiryFactory(name="Caller One", phone="+18185550101")
    InquiryFactory(name="Caller Two", phone="+13235550199")
    assert listed(admissions_client.get(CHANGELIST, {"q": written})) == ["Caller One"]


@pytest.mark.parametrize(
    "written, shown",
    [("Caller", ["Caller One"]), ("Suite 3235", [])],  # "3235" is in the other number
)
def test_text_that_is_not_a_phone_number_is_not_read_as_one(admissions_client, written, shown):
    InquiryFactory(name="Caller One", phone="+18185550101")
    InquiryFactory(name="Somebody Else", phone="+13235550199")
    assert listed(admissions_client.get(CHANGELIST, {"q": written})) == shown


def test_time_to_first_contact_is_shown(admissions_client):
    created = timezone.now() - timedelta(hours=3)
    inquiry = InquiryFactory(created_at=created, first_contact_at=created + timedelta(minutes=12), status="contacted")
    assert inquiry.time_to_first_contact == timedelta(minutes=12)
    assert listed(admissions_client.get(CHANGELIST), "first_contact_time") == ["12 min"]


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
    assert question.status_code == 200
    assert texts(question, "#content p") == [
        "1 of the selected inquiries will move to “Spam”. 2 will stay as they are: a bulk move never takes an "
        "inquiry backwards through the pipeline or reopens a closed, admitted or referred-out one."
    ]
    form = one(question, "#content form")
    assert sorted(int(box.attrs["value"]) for box in form.select("input[name=_selected_action]")) == sorted(ids)
    assert one(form, "input[type=submit]").attrs["value"] == "Yes, move 1"
    assert Inquiry.objects.filter(status=Inquiry.Status.SPAM).count() == 0  # nothing moved yet
    done = admissions_client.post(
        every, {"action": "mark_spam", "_selected_action": ids, "confirmed": "yes"}, follow=True
    )
    assert admin_messages(done) == [
        "1 moved to “Spam”. 2 left as they were: a bulk move never goes backwards or reopens one."
    ]
    statuses = dict(Inquiry.objects.values_list("pk", "status"))
    assert statuses == {fresh.pk: "spam", scheduled.pk: "assessment_scheduled", closed.pk: "closed"}
    closed.refresh_from_db()
    assert closed.close_reason == "not_ready" and closed.closed_at is not None


def test_a_level_that_inquiries_name_cannot_be_deleted(editor_client):
    level = LevelFactory(name="Named level")
    InquiryFactory(level=level, name="Private Name")
    page = editor_client.post(f"/admin/levels/levelofcare/{level.pk}/delete/", {"post": "yes"})
    protected = ["inquiries ask about it: unpublish it instead, so that they keep their level of care"]
    assert texts(page, "#content ul li") == protected
    html = page.content.decode()
    assert "Private Name" not in html and "Inquiry #" not in html
    assert LevelOfCare.objects.filter(pk=level.pk).exists()
    bulk = editor_client.post(
        "/admin/levels/levelofcare/", {"action": "delete_selected", "_selected_action": [level.pk], "post": "yes"}
    )
    assert texts(bulk, "#content ul li") == protected and LevelOfCare.objects.filter(pk=level.pk).exists()


def test_csv_export_needs_the_export_permission(admissions_client, admissions_user):
    inquiry = InquiryFactory(name="=HYPERLINK(evil)")
    response = admissions_client.post(CHANGELIST, {"action": "export_csv", "_selected_action": [inquiry.pk]})
    assert response.status_code == 302  # back to the list: the action is not offered to them
    assert "Content-Disposition" not in response
    offered = select(admissions_client.get(CHANGELIST), "select[name=action] option")
    actions = [option.attrs["value"] for option in offered]
    assert actions == ["", "assign_to_me", "mark_spam", "mark_not_spam"]
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
    page = parse(admissions_client.get(change_url(inquiry)))
    assert one(page, "form.log-contact h3").text == "Log a contact"
    assert definition(page, "Wait") == "Waiting 20 min for a first contact"
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
    page = parse(admissions_client.get(change_url(inquiry)))
    assert definition(page, "Wait") == "First contact after 21 min"
    assert timeline_of(page) == [
        ("Call: No answer", "Left no message."), ("Status: New → Contact attempted", ""),
        ("Arrived by website form", ""),
    ]  # fmt: skip
    assert AccessRecord.objects.filter(detail="logged a contact")
    admissions_client.post(log_url(inquiry), {"kind": "call", "outcome": "reached", "text": ""})
    inquiry.refresh_from_db()
    assert inquiry.status == Inquiry.Status.CONTACTED and inquiry.first_reached_at is not None  # reached after trying


def timeline_of(page):
    """(what, detail) of each entry on an inquiry's timeline, newest first."""
    return [(one(entry, "> strong").text, " ".join(texts(entry, "p"))) for entry in select(page, "#timeline li")]


@pytest.mark.parametrize(
    "data, field, message",
    [
        ({"kind": "call", "outcome": "", "text": "Rang twice."}, "outcome", "Choose how the contact went."),
        ({"kind": "note", "outcome": "", "text": ""}, "text", "Write the note."),
        ({"kind": "fax", "outcome": "sent", "text": "Kept text"}, "kind",
         "Select a valid choice. fax is not one of the available choices."),
    ],
)  # fmt: skip
def test_a_contact_log_with_a_mistake_is_shown_again_with_what_was_typed(admissions_client, data, field, message):
    inquiry = InquiryFactory()
    response = admissions_client.post(log_url(inquiry), data)
    assert response.status_code == 200
    form = one(response, "form.log-contact")
    assert texts(form, "p.errornote") == ["Please correct what is marked below; nothing was saved yet."]
    assert [(error.attrs["id"], error.text) for error in form.select("p.errorlist")] == [(f"id_{field}-error", message)]
    assert one(form, "textarea[name=text]").text == data["text"]
    assert not Note.objects.exists()


def test_the_timeline_lists_contacts_notes_and_moves_newest_first(admissions_client, admissions_user):
    inquiry = InquiryFactory(created_at=timezone.now() - timedelta(hours=2))
    for kind, outcome, text in [("call", "voicemail", "First try"), ("note", "", "Mother called back")]:
        services.log_contact(inquiry=inquiry, by=admissions_user, kind=kind, outcome=outcome, text=text)
    assert timeline_of(admissions_client.get(change_url(inquiry))) == [
        ("Internal note", "Mother called back"), ("Call: Left a voicemail", "First try"),
        ("Status: New → Contact attempted", ""), ("Arrived by website form", ""),
    ]  # fmt: skip


def test_closing_needs_a_reason(admissions_client):
    inquiry = InquiryFactory()
    data = inquiry_form(inquiry, status="closed", close_reason="")
    response = admissions_client.post(change_url(inquiry), data)
    assert response.status_code == 200
    assert texts(response, ".field-close_reason .errorlist li") == ["Choose why the inquiry is closed."]
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
    label = "Possible duplicates (same phone or e-mail within 30 days):"
    field = one(admissions_client.get(change_url(new)), ".field-possible_duplicates")
    assert one(field, "label").text == label
    links = {(link.attrs["href"], link.text) for link in field.select(".readonly a")}
    assert links == {
        (change_url(other), f"#{other.pk} (New, Website form, {other.created_at.date()})") for other in (old, by_email)
    }
    lonely = InquiryFactory(phone="+18185550199", email="alone@example.com")
    assert admin_field(admissions_client.get(change_url(lonely)), "possible_duplicates") == (label, "None")


def test_every_view_and_change_is_recorded_for_superusers(admissions_client, admissions_user, superuser):
    inquiry = InquiryFactory()
    admissions_client.get(change_url(inquiry))
    admissions_client.post(CHANGELIST, {"action": "mark_spam", "_selected_action": [inquiry.pk], "confirmed": "yes"})
    actions = list(AccessRecord.objects.filter(user=admissions_user).values_list("action", "inquiry_ref"))
    assert ("view", inquiry.pk) in actions and ("change", inquiry.pk) in actions
    assert admissions_client.get("/admin/intake/accessrecord/").status_code == 403
    boss = Client()
    boss.force_login(superuser)
    assert set(listed(boss.get("/admin/intake/accessrecord/"), "user")) == {admissions_user.username}


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
    assert (autocomplete.status_code, autocomplete.json()) == (200, {"results": [], "pagination": {"more": False}})
    index = editor_client.get("/admin/")
    models = texts(index, "#content-main th[scope=row] a")
    assert "Inquiries" not in models and "Hidden Person" not in index.content.decode()
    assert "Articles" in models and "Levels of care" in models


def test_admissions_staff_cannot_edit_content(admissions_client):
    assert admissions_client.get("/admin/faq/article/").status_code == 403
    assert admissions_client.get("/admin/levels/levelofcare/").status_code == 403
    assert listed(admissions_client.get(CHANGELIST)) == []


def test_purge_deletes_old_closed_and_spam_only():
    old = timezone.now() - timedelta(days=400)
    InquiryFactory(status="closed", close_reason="other", closed_at=old, created_at=old)
    InquiryFactory(status="spam", created_at=old)
    kept_open = InquiryFactory(status="contacted", created_at=old)
    kept_recent = InquiryFactory(status="closed", close_reason="other", closed_at=timezone.now(), created_at=old)
    out = StringIO()
    call_command("purge_inquiries", "--older-than", "365", "--dry-run", stdout=out)
    assert out.getvalue() == "Would delete 2 inquiries older than 365 days: 1 closed, 1 spam.\n"
    assert Inquiry.objects.count() == 4
    out = StringIO()
    call_command("purge_inquiries", "--older-than", "365", stdout=out)
    assert out.getvalue() == "Deleted 2 inquiries older than 365 days: 1 closed, 1 spam.\n"
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
    page = parse(admissions_client.get(change_url(InquiryFactory())))
    assert admin_field(page, "insurance_verification")[0] == "Insurance verification:"
    label = "Possible duplicates (same phone or e-mail within 30 days):"
    assert admin_field(page, "possible_duplicates") == (label, "None")


def test_the_list_shown_again_after_a_post_is_recorded_like_any_look_at_it(admissions_client, admissions_user):
    InquiryFactory(name="Listed Person")
    assert listed(admissions_client.post(CHANGELIST, {})) == ["Listed Person"]
    assert listed(admissions_client.post(CHANGELIST, {"action": "mark_spam"})) == ["Listed Person"]  # none chosen
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


@pytest.mark.parametrize(
    ("answer", "said", "stands_out"),
    [
        ("no", "No: leave no voicemail and send no text that names us", True),
        ("yes", "Safe, they said", False),
        ("not_sure", "I don't know yet: leave no name in a message until they say it is safe", False),
        ("not_asked", "Not asked: leave no name in a message until they say it is safe", False),
    ],
)
def test_the_workspace_says_whether_a_message_may_name_the_center(admissions_client, answer, said, stands_out):
    inquiry = InquiryFactory(voicemail_ok=answer)
    page = parse(admissions_client.get(f"/admin/intake/inquiry/{inquiry.pk}/change/"))
    rows = select(page, ".workspace-facts div")
    (fact,) = [row for row in rows if texts(row, "dt") == ["Voicemail or text naming us"]]
    assert texts(fact, "dd") == [said]
    assert texts(fact, "dd strong.no-voicemail") == ([said] if stands_out else [])
    assert [o.attrs["value"] for o in select(page, "#id_voicemail_ok option[selected]")] == [answer]
