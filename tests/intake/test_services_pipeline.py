"""intake.services.pipeline: a move is one call that checks, saves and records it in one transaction,
so no caller can move an inquiry without its timeline entry, nor leave an entry without the move."""

from datetime import timedelta
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils import timezone

from intake import services
from intake.models import AccessRecord, Inquiry, Note, StatusChange

from ..factories import InquiryFactory, NoteFactory, UserFactory
from ..intake_helpers import assessment_details, inquiry_form

pytestmark = pytest.mark.django_db


def fail_to_record():
    """The timeline entry cannot be written: the failure comes after the inquiry's own save."""
    return mock.patch.object(StatusChange, "save", side_effect=IntegrityError("the record could not be written"))


def stored(inquiry):
    return Inquiry.objects.values("status", "first_contact_at", "closed_at", "close_reason").get(pk=inquiry.pk)


def moves(inquiry):
    return list(StatusChange.objects.filter(inquiry=inquiry).values_list("from_status", "to_status", "by"))


def test_a_move_saves_and_records_in_one_call(admissions_user):
    inquiry = InquiryFactory()
    NoteFactory(inquiry=inquiry, outcome="no_answer")  # a move further on needs a contact logged first
    when = timezone.now() - timedelta(minutes=5)
    services.move(
        inquiry=inquiry,
        status=Inquiry.Status.ASSESSMENT_SCHEDULED,
        by=admissions_user,
        when=when,
        assessment=assessment_details(admissions_user),
    )
    assert stored(inquiry) == {
        "status": "assessment_scheduled", "first_contact_at": when, "closed_at": None, "close_reason": ""
    }  # fmt: skip
    change = StatusChange.objects.get()
    assert (change.inquiry, change.from_status, change.to_status, change.by, change.at) == (
        inquiry, "new", "assessment_scheduled", admissions_user, when
    )  # fmt: skip


def test_a_move_to_the_same_status_records_nothing(admissions_user):
    inquiry = InquiryFactory(status=Inquiry.Status.CONTACTED)
    services.move(inquiry=inquiry, status=Inquiry.Status.CONTACTED, by=admissions_user)
    assert moves(inquiry) == []


def test_a_failure_after_the_save_rolls_back_both(admissions_user):
    inquiry = InquiryFactory(first_contact_at=timezone.now() - timedelta(minutes=10))
    before = stored(inquiry)
    with fail_to_record(), pytest.raises(IntegrityError):
        services.move(
            inquiry=inquiry,
            status=Inquiry.Status.ASSESSMENT_SCHEDULED,
            by=admissions_user,
            assessment=assessment_details(admissions_user),
        )
    assert stored(inquiry) == before and not StatusChange.objects.exists()


def test_closing_without_a_reason_is_refused_before_anything_is_saved(admissions_user):
    inquiry = InquiryFactory()
    with pytest.raises(ValidationError) as refused:
        services.move(inquiry=inquiry, status=Inquiry.Status.CLOSED, by=admissions_user)
    assert refused.value.message_dict == {"close_reason": ["Choose why the inquiry is closed."]}
    assert stored(inquiry)["status"] == "new" and not StatusChange.objects.exists()


def test_closing_with_a_reason_dates_it_and_reopening_clears_both(admissions_user):
    inquiry = InquiryFactory()
    services.move(inquiry=inquiry, status=Inquiry.Status.CLOSED, close_reason="not_ready", by=admissions_user)
    closed = stored(inquiry)
    assert closed["status"] == "closed" and closed["close_reason"] == "not_ready" and closed["closed_at"]
    services.move(inquiry=inquiry, status=Inquiry.Status.NEW, by=admissions_user)
    assert stored(inquiry)["closed_at"] is None and stored(inquiry)["close_reason"] == ""
    assert moves(inquiry) == [("new", "closed", admissions_user.pk), ("closed", "new", admissions_user.pk)]


def test_a_move_saves_only_the_pipeline(admissions_user):
    """What else the caller changed on the object is not saved by a move."""
    inquiry = InquiryFactory(name="Kept Name")
    inquiry.name = "Typed but not saved"
    services.move(inquiry=inquiry, status=Inquiry.Status.SPAM, by=admissions_user)
    saved = Inquiry.objects.get(pk=inquiry.pk)
    assert (saved.name, saved.status, saved.spam_reason) == ("Kept Name", "spam", "marked")


def test_a_bulk_move_records_each_and_rolls_back_all_when_one_fails(admissions_user):
    first, second = InquiryFactory(phone="+18185550101"), InquiryFactory(phone="+18185550102")
    queryset = Inquiry.objects.filter(pk__in=[first.pk, second.pk])
    real_save = StatusChange.save
    calls = []

    def second_fails(change, *args, **kwargs):
        calls.append(change)
        if len(calls) == 2:
            raise IntegrityError("the second record could not be written")
        return real_save(change, *args, **kwargs)

    with mock.patch.object(StatusChange, "save", second_fails), pytest.raises(IntegrityError):
        services.move_many(inquiries=queryset, status=Inquiry.Status.SPAM, by=admissions_user)
    assert set(queryset.values_list("status", flat=True)) == {"new"}
    assert not StatusChange.objects.exists() and not AccessRecord.objects.exists()

    moved = services.move_many(inquiries=queryset, status=Inquiry.Status.SPAM, by=admissions_user)
    assert sorted(moved) == sorted([first.pk, second.pk])
    assert moves(first) == moves(second) == [("new", "spam", admissions_user.pk)]
    assert sorted(AccessRecord.objects.values_list("inquiry_ref", flat=True)) == sorted(moved)


def test_a_contact_logged_moves_records_and_dates_in_one_transaction(admissions_user):
    inquiry = InquiryFactory()
    with fail_to_record(), pytest.raises(IntegrityError):
        services.log_contact(inquiry=inquiry, by=admissions_user, kind="call", outcome="reached")
    assert not Note.objects.exists() and stored(inquiry)["status"] == "new"

    inquiry = Inquiry.objects.get(pk=inquiry.pk)
    note = services.log_contact(inquiry=inquiry, by=admissions_user, kind="call", outcome="reached", text="Talked")
    saved = Inquiry.objects.get(pk=inquiry.pk)
    assert (saved.status, saved.first_contact_at, saved.first_reached_at) == (
        "contacted",
        note.created_at,
        note.created_at,
    )
    assert moves(inquiry) == [("new", "contacted", admissions_user.pk)]
    assert StatusChange.objects.get().at == note.created_at


def test_a_reach_after_an_attempt_moves_to_contacted_and_one_further_on_stays(admissions_user):
    tried = InquiryFactory()
    first = services.log_contact(inquiry=tried, by=admissions_user, kind="call", outcome="no_answer")
    reach = services.log_contact(inquiry=Inquiry.objects.get(pk=tried.pk), by=admissions_user, kind="text",
                                 outcome="reached")  # fmt: skip
    saved = Inquiry.objects.get(pk=tried.pk)
    assert (saved.status, saved.first_contact_at, saved.first_reached_at) == (
        "contacted",
        first.created_at,
        reach.created_at,
    )
    assert moves(tried) == [("new", "contact_attempted", admissions_user.pk), ("contact_attempted", "contacted",
                            admissions_user.pk)]  # fmt: skip

    further = InquiryFactory(status=Inquiry.Status.ASSESSMENT_SCHEDULED, first_contact_at=timezone.now())
    services.log_contact(inquiry=further, by=admissions_user, kind="call", outcome="reached")
    assert stored(further)["status"] == "assessment_scheduled" and moves(further) == []


@pytest.mark.parametrize("status", ["assessment_scheduled", "admitted", "referred_out"])
def test_a_move_further_on_with_no_contact_ever_logged_is_refused(admissions_user, status):
    inquiry = InquiryFactory()
    with pytest.raises(ValidationError) as refused:
        services.move(inquiry=inquiry, status=status, by=admissions_user)
    label = Inquiry.Status(status).label
    assert refused.value.message_dict == {
        "status": [
            f"“{label}” would date a first contact, and no call, text or e-mail is logged. Log it first in “Log a "
            "contact”, at the top of this page."
        ]
    }
    assert stored(inquiry)["status"] == "new" and stored(inquiry)["first_contact_at"] is None and moves(inquiry) == []


def test_an_internal_note_moves_nothing(admissions_user):
    inquiry = InquiryFactory()
    services.log_contact(inquiry=inquiry, by=admissions_user, kind="note", text="Mother called")
    assert stored(inquiry)["status"] == "new" and stored(inquiry)["first_contact_at"] is None
    assert moves(inquiry) == []


def test_an_edit_on_the_inquiry_page_is_moved_and_recorded_by_the_service(admissions_client, admissions_user):
    inquiry = InquiryFactory()
    with mock.patch("admissions.admin.inbox.services.edit_inquiry", wraps=services.edit_inquiry) as edit:
        response = admissions_client.post(
            f"/admin/intake/inquiry/{inquiry.pk}/change/",
            inquiry_form(inquiry, status="closed", close_reason="not_ready", name="New Name"),
        )
    assert response.status_code == 302
    edit.assert_called_once()
    assert edit.call_args.kwargs["changed"] == {"name": "Test Person", "status": "new", "close_reason": ""}
    saved = Inquiry.objects.get(pk=inquiry.pk)
    assert (saved.name, saved.status, saved.close_reason) == ("New Name", "closed", "not_ready")
    assert saved.closed_at is not None
    assert moves(inquiry) == [("new", "closed", admissions_user.pk)]


def test_an_edit_that_fails_to_record_saves_nothing(admissions_user):
    inquiry = InquiryFactory(first_contact_at=timezone.now() - timedelta(minutes=10))
    inquiry.status, inquiry.name = Inquiry.Status.ASSESSMENT_SCHEDULED, "New Name"
    with fail_to_record(), pytest.raises(IntegrityError):
        services.edit_inquiry(
            inquiry=inquiry,
            by=admissions_user,
            changed={"status": "new", "name": "Test Person"},
            assessment=assessment_details(admissions_user),
        )
    saved = Inquiry.objects.get(pk=inquiry.pk)
    assert (saved.name, saved.status) == ("Test Person", "new")


def test_an_edit_moving_the_follow_up_arms_its_reminder_again(admissions_user, django_capture_on_commit_callbacks):
    owner = UserFactory(username="owner", email="owner@example.com", group="Admissions")
    reminded = timezone.now() - timedelta(hours=1)
    inquiry = InquiryFactory(status="contacted", follow_up_owner=owner, follow_up_notified_at=reminded)
    inquiry.follow_up_at = timezone.now() + timedelta(days=1)
    with django_capture_on_commit_callbacks() as scheduled:
        services.edit_inquiry(inquiry=inquiry, by=admissions_user, changed={"follow_up_at": None})
    assert Inquiry.objects.get(pk=inquiry.pk).follow_up_notified_at is None
    assert len(scheduled) == 1  # the reminder, queued once the edit is committed
    assert moves(inquiry) == []


def test_no_way_to_move_without_recording_is_left(admissions_user):
    """The old two-step API (a move stashed on the inquiry, recorded by a second call) is gone."""
    assert not hasattr(services, "record_moves")
    inquiry = InquiryFactory(first_contact_at=timezone.now() - timedelta(minutes=10))
    details = assessment_details(admissions_user)
    services.move(inquiry=inquiry, status=Inquiry.Status.ASSESSMENT_SCHEDULED, by=None, assessment=details)
    assert not hasattr(inquiry, "_moves")
