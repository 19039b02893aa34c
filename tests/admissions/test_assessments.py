"""*Assessment scheduled* records when, with whom, in person or by video: set by the pipeline's move (a
clear error beside each missing box, nothing lost), shown on the inquiry's page, listed day by day for
the coming week in the center's time, and its assessor reminded once, by a link only."""

from datetime import UTC, datetime, timedelta
from io import StringIO

import pytest
import time_machine
from django.conf import settings
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from intake import assessment_reminders, services
from intake.models import AccessRecord, Assessment, Inquiry, StatusChange

from ..factories import InquiryFactory, NoteFactory, UserFactory
from ..intake_helpers import assessment_details, assessment_form, inquiry_form
from ..markup import one, select, texts

pytestmark = pytest.mark.django_db

# Saturday Dec 5, 2026, 9:00 AM in Los Angeles (17:00 UTC).
NOW = datetime(2026, 12, 5, 17, 0, tzinfo=UTC)
MISSING = {
    "assessment_starts_at": ["Say when the assessment is (date and time, the center's time)."],
    "assessment_assessor": ["Choose who on staff assesses them."],
    "assessment_mode": ["Choose in person or by video."],
}


@pytest.fixture
def now():
    with time_machine.travel(NOW):
        yield NOW


@pytest.fixture
def assessor(db):
    return UserFactory(
        username="dana", first_name="Dana", last_name="Reyes", email="dana@example.com", group="Admissions"
    )


def change_url(inquiry):
    return f"/admin/intake/inquiry/{inquiry.pk}/change/"


def reached():
    """An inquiry someone spoke with: ready to be scheduled."""
    inquiry = InquiryFactory(name="Private Person", patient_name="Private Patient", status="contacted")
    NoteFactory(inquiry=inquiry, outcome="reached")
    inquiry.first_contact_at = timezone.now() - timedelta(hours=1)
    inquiry.save()
    return inquiry


def errors(response):
    form = response.context["adminform"].form
    return {name: [e.message for e in found] for name, found in form.errors.as_data().items()}


# --- Set through the move ---------------------------------------------------------------------------


def test_a_move_to_assessment_scheduled_without_its_details_is_refused_beside_each_box(now, admissions_client):
    inquiry = reached()
    response = admissions_client.post(
        change_url(inquiry), inquiry_form(inquiry, status="assessment_scheduled", message="Prefers mornings.")
    )
    assert response.status_code == 200
    assert errors(response) == MISSING
    assert texts(response, "div.field-assessment_mode ul.errorlist li") == MISSING["assessment_mode"]
    # Nothing saved, and what was typed is still in the form.
    saved = Inquiry.objects.get(pk=inquiry.pk)
    assert (saved.status, saved.message, Assessment.objects.count()) == ("contacted", "", 0)
    assert one(response, "textarea[name=message]").text == "Prefers mornings."
    assert one(response, "select[name=status] option[selected]").attrs["value"] == "assessment_scheduled"


def test_a_missing_box_is_said_alone_and_the_others_kept(now, admissions_client, assessor):
    inquiry = reached()
    form = inquiry_form(inquiry, status="assessment_scheduled", **assessment_form(assessor, NOW + timedelta(days=2)))
    form["assessment_mode"] = ""
    response = admissions_client.post(change_url(inquiry), form)
    assert errors(response) == {"assessment_mode": MISSING["assessment_mode"]}
    assert one(response, "select[name=assessment_assessor] option[selected]").text == "Dana Reyes"
    assert one(response, "input[name=assessment_starts_at_0]").attrs["value"] == "2026-12-07"


def test_the_move_keeps_the_assessment_in_the_centers_time(now, admissions_client, admissions_user, assessor):
    inquiry = reached()
    form = assessment_form(assessor, NOW, mode="in_person")
    form.update(assessment_starts_at_0="2026-12-08", assessment_starts_at_1="10:30")  # as typed, Los Angeles time
    response = admissions_client.post(change_url(inquiry), inquiry_form(inquiry, status="assessment_scheduled", **form))
    assert response.status_code == 302
    assessment = Assessment.objects.get()
    assert (
        assessment.inquiry,
        assessment.starts_at,
        assessment.assessor,
        assessment.mode,
        assessment.scheduled_by,
        assessment.reminded_at,
    ) == (inquiry, datetime(2026, 12, 8, 18, 30, tzinfo=UTC), assessor, "in_person", admissions_user, None)
    change = StatusChange.objects.get(inquiry=inquiry)
    assert (change.from_status, change.to_status, change.by) == ("contacted", "assessment_scheduled", admissions_user)
    page = admissions_client.get(change_url(inquiry))
    assert one(page, "dd.assessment").text == "Dec 8, 2026, 10:30 AM, in person, with Dana Reyes"
    timeline = [
        (li.select("strong")[0].text, li.select("p")[0].text if li.select("p") else "")
        for li in select(page, "#timeline li")
    ]
    assert timeline[:2] == [
        ("Assessment set", "Dec 8, 2026, 10:30 AM, in person, with Dana Reyes"),
        ("Status: Contacted → Assessment scheduled", ""),
    ]
    # The page opens with the assessment in its boxes, in the center's time.
    assert one(page, "input[name=assessment_starts_at_0]").attrs["value"] == "2026-12-08"
    assert one(page, "input[name=assessment_starts_at_1]").attrs["value"] == "10:30:00"


def test_moving_it_to_another_time_rearms_the_reminder(now, admissions_client, assessor):
    inquiry = reached()
    services.move(
        inquiry=inquiry,
        status="assessment_scheduled",
        by=assessor,
        assessment=assessment_details(assessor, NOW + timedelta(hours=5)),
    )
    Assessment.objects.update(reminded_at=NOW)
    inquiry.refresh_from_db()
    later = NOW + timedelta(days=3)
    response = admissions_client.post(change_url(inquiry), inquiry_form(inquiry, **assessment_form(assessor, later)))
    assert response.status_code == 302
    assert Assessment.objects.values_list("starts_at", "reminded_at").get() == (later, None)
    assert StatusChange.objects.filter(inquiry=inquiry).count() == 1  # a new time is no move


def test_the_same_assessment_saved_again_keeps_its_reminder(now, admissions_client, assessor):
    inquiry = reached()
    services.move(inquiry=inquiry, status="assessment_scheduled", by=assessor, assessment=assessment_details(assessor))
    Assessment.objects.update(reminded_at=NOW)
    inquiry.refresh_from_db()
    scheduled = Assessment.objects.get()
    form = inquiry_form(inquiry, message="Bring ID.", **assessment_form(assessor, scheduled.starts_at, "video"))
    assert admissions_client.post(change_url(inquiry), form).status_code == 302
    assert Assessment.objects.values_list("reminded_at", flat=True).get() == NOW


def test_an_assessment_is_not_set_at_another_status(now, admissions_client, assessor):
    inquiry = reached()
    form = inquiry_form(inquiry, **assessment_form(assessor, NOW + timedelta(days=1)))
    response = admissions_client.post(change_url(inquiry), form)
    assert errors(response) == {
        "assessment_starts_at": [
            "An assessment is set with the status “Assessment scheduled”: choose that status, or leave the "
            "assessment as it was."
        ]
    }
    assert not Assessment.objects.exists()


def test_only_staff_who_can_sign_in_and_open_the_inquiry_are_offered_as_assessors(now, admissions_client, assessor):
    UserFactory(username="gone", is_active=False, group="Admissions")
    UserFactory(username="visitor", is_staff=False)
    UserFactory(username="editor", group="Content editors")  # their reminder's link would be refused them
    UserFactory(username="reviewer", group="Reviewers")
    UserFactory(username="clinician", first_name="Ari", last_name="Cole", group="Clinicians")
    UserFactory(username="root", is_superuser=True)
    page = admissions_client.get(change_url(reached()))
    assert texts(page, "select[name=assessment_assessor] option") == [
        "---------", "admissions-staff", "root", "Ari Cole", "Dana Reyes",
    ]  # fmt: skip


def test_the_service_refuses_a_move_without_the_assessment_and_saves_nothing(admissions_user):
    inquiry = reached()
    with pytest.raises(ValidationError) as refused:
        services.move(inquiry=inquiry, status=Inquiry.Status.ASSESSMENT_SCHEDULED, by=admissions_user)
    assert refused.value.message_dict == MISSING
    assert Inquiry.objects.get(pk=inquiry.pk).status == "contacted"
    assert not StatusChange.objects.exists() and not Assessment.objects.exists()


def test_the_service_refuses_an_assessor_who_cannot_sign_in(admissions_user):
    gone = UserFactory(username="gone", is_active=False)
    with pytest.raises(ValidationError) as refused:
        services.move(
            inquiry=reached(), status="assessment_scheduled", by=admissions_user, assessment=assessment_details(gone)
        )
    assert refused.value.message_dict == {
        "assessment_assessor": ["Choose a member of staff who can sign in and open this inquiry."]
    }


# --- The day view -------------------------------------------------------------------------------------


def scheduled_at(when, assessor, mode="video", status="assessment_scheduled", **inquiry):
    inquiry = InquiryFactory(status=status, **inquiry)
    return Assessment.objects.create(inquiry=inquiry, starts_at=when, assessor=assessor, mode=mode)


def test_the_week_lists_each_day_in_the_centers_time(now, admissions_client, admissions_user, assessor):
    # 11:30 PM in Los Angeles on Monday is Tuesday in UTC: listed on Monday.
    late = scheduled_at(datetime(2026, 12, 8, 7, 30, tzinfo=UTC), assessor, name="Caller One", patient_name="Ana")
    early = scheduled_at(datetime(2026, 12, 5, 17, 15, tzinfo=UTC), admissions_user, "in_person", name="Bo Caller")
    scheduled_at(datetime(2026, 12, 12, 8, 0, tzinfo=UTC), assessor)  # Dec 12, 0:00 local: the eighth day
    scheduled_at(NOW + timedelta(hours=1), assessor, status="admitted")  # since admitted: not waiting for it
    page = admissions_client.get("/admin/intake/inquiry/assessments/")
    assert page.status_code == 200
    assert texts(page, "section.assessment-day h2") == [
        "Today, Saturday, Dec 5",
        "Sunday, Dec 6",
        "Monday, Dec 7",
        "Tuesday, Dec 8",
        "Wednesday, Dec 9",
        "Thursday, Dec 10",
        "Friday, Dec 11",
    ]
    days = select(page, "section.assessment-day")
    rows = [[[td.text for td in tr.select("td")] for tr in day.select("tbody tr")] for day in days]
    assert rows[0] == [["9:15 AM", f"#{early.inquiry_id}", "Bo Caller", "admissions-staff", "In person"]]
    assert rows[2] == [["11:30 PM", f"#{late.inquiry_id}", "Ana", "Dana Reyes", "By video"]]
    assert [day.select("p")[0].text for day in days if not day.select("table")] == ["None."] * 5
    assert one(days[2], "tbody a").attrs["href"] == change_url(late.inquiry)


def test_mine_shows_only_the_assessments_i_do(now, client, assessor, admissions_user):
    mine = scheduled_at(NOW + timedelta(hours=2), assessor)
    scheduled_at(NOW + timedelta(hours=3), admissions_user)
    client.force_login(assessor)
    page = client.get("/admin/intake/inquiry/assessments/?mine=1")
    assert [a.text for a in select(page, "section.assessment-day tbody a")] == [f"#{mine.inquiry_id}"]
    assert one(page, "nav.inbox-queues a[aria-current]").text == "Mine"


def test_the_week_is_for_admissions_only_and_noted_in_the_access_log(admissions_client, admissions_user, editor_user):
    editor = Client()
    editor.force_login(editor_user)
    assert editor.get("/admin/intake/inquiry/assessments/").status_code == 403
    assert admissions_client.get("/admin/intake/inquiry/assessments/").status_code == 200
    logged = AccessRecord.objects.values_list("user", "action", "detail")
    assert list(logged) == [(admissions_user.pk, AccessRecord.Action.LIST, "assessments of the next 7 days")]


def test_the_inbox_and_the_home_page_link_to_it(now, admissions_client, assessor):
    scheduled_at(NOW + timedelta(hours=1), assessor)
    inbox = admissions_client.get("/admin/intake/inquiry/")
    assert [
        a.text for a in select(inbox, "ul.object-tools a") if a.attrs["href"] == "/admin/intake/inquiry/assessments/"
    ] == ["Assessments"]
    home = admissions_client.get("/admin/")
    today = [
        a for a in select(home, "section.shift-counts a") if a.attrs["href"] == "/admin/intake/inquiry/assessments/"
    ]
    assert [a.text for a in today] == ["1 Assessments today"]


# --- The reminder -------------------------------------------------------------------------------------


def test_the_assessor_is_reminded_once_the_day_before_by_a_link_only(assessor, django_capture_on_commit_callbacks):
    inquiry = reached()
    starts = timezone.now() + timedelta(days=2)
    with django_capture_on_commit_callbacks(execute=True):
        services.move(
            inquiry=inquiry, status="assessment_scheduled", by=assessor, assessment=assessment_details(assessor, starts)
        )
    assert mail.outbox == []  # two days ahead: not yet (the test tasks run at once and cannot wait)
    call_command("send_assessment_reminders", stdout=StringIO())
    assert mail.outbox == []
    with time_machine.travel(starts - timedelta(hours=23)):
        call_command("send_assessment_reminders", stdout=StringIO())
        call_command("send_assessment_reminders", stdout=StringIO())
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert (message.to, message.subject) == (["dana@example.com"], f"Assessment coming up: inquiry #{inquiry.pk}")
    assert message.body == (
        f"You are down to assess inquiry #{inquiry.pk} within the next day.\n\n"
        "Open it in the admissions inbox for the time and the details (log in required):\n"
        f"{settings.SITE_URL}{change_url(inquiry)}\n\n"
        "For privacy, this e-mail carries no details about the person.\n"
    )  # no name of the caller or the patient, no phone, nothing of their health


def test_a_reminder_queued_for_an_old_time_or_assessor_is_not_sent(assessor, admissions_user):
    inquiry = reached()
    starts = timezone.now() + timedelta(hours=3)
    services.move(
        inquiry=inquiry, status="assessment_scheduled", by=assessor, assessment=assessment_details(assessor, starts)
    )
    assessment = Assessment.objects.get()
    mail.outbox.clear()
    old_time = (starts - timedelta(hours=1)).isoformat()
    assert assessment_reminders.send_reminder.call(assessment.pk, old_time, assessor.pk) == "skipped"
    assert assessment_reminders.send_reminder.call(assessment.pk, starts.isoformat(), admissions_user.pk) == "skipped"
    assert mail.outbox == []


def test_an_assessment_no_longer_waited_for_sends_nothing(assessor):
    inquiry = reached()
    services.move(
        inquiry=inquiry,
        status="assessment_scheduled",
        by=assessor,
        assessment=assessment_details(assessor, timezone.now() + timedelta(hours=3)),
    )
    mail.outbox.clear()
    Assessment.objects.update(reminded_at=None)
    Inquiry.objects.filter(pk=inquiry.pk).update(status="closed", close_reason="not_ready")
    assert assessment_reminders.send_due() == 0 and mail.outbox == []


def test_scheduled_within_the_day_the_reminder_goes_at_once(assessor, django_capture_on_commit_callbacks):
    inquiry = reached()
    with django_capture_on_commit_callbacks(execute=True):
        services.move(
            inquiry=inquiry,
            status="assessment_scheduled",
            by=assessor,
            assessment=assessment_details(assessor, timezone.now() + timedelta(hours=3)),
        )
    assert [m.subject for m in mail.outbox] == [f"Assessment coming up: inquiry #{inquiry.pk}"]
    assert Assessment.objects.get().reminded_at is not None


@pytest.mark.parametrize("when", [NOW - timedelta(days=2), NOW + timedelta(days=366)], ids=["past", "far-ahead"])
def test_an_assessment_far_from_now_is_refused_beside_its_box(now, admissions_client, assessor, when):
    inquiry = reached()
    form = inquiry_form(inquiry, status="assessment_scheduled", **assessment_form(assessor, when))
    response = admissions_client.post(change_url(inquiry), form)
    assert texts(response, "div.field-assessment_starts_at ul.errorlist li") == [
        "Choose a time from yesterday to a year from now: an assessment outside them is never on the week's list "
        "and never reminded of."
    ]
    assert Inquiry.objects.get(pk=inquiry.pk).status == "contacted" and not Assessment.objects.exists()
