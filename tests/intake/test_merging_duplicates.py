"""Merging a duplicate inquiry into the earlier one (intake/services/duplicates.py): what moves, what
stays, what is recorded, the undo on the same local day, and the merges refused."""

import threading
from datetime import UTC, date, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone

from census import services as census_services
from intake import services
from intake.models import AccessRecord, Inquiry, InsuranceVerification, Merge, Note, Notification, StatusChange
from screening.services import open_screen

from ..factories import InquiryFactory, NoteFactory, ProgramFactory, UserFactory, WaitlistEntryFactory
from ..intake_helpers import assessment_details

pytestmark = pytest.mark.django_db

# 10:00 in Los Angeles on December 4 (the center's day runs to 08:00 UTC on December 5).
MORNING = datetime(2026, 12, 4, 18, 0, tzinfo=UTC)
WEB_VISIT = {"first_touch": {"utm_campaign": "iop-search"}, "last_touch": {"utm_campaign": "iop-search"}}


@pytest.fixture
def coordinator():
    return UserFactory(username="casey", group="Admissions")


@pytest.fixture
def pair(time_machine):
    """A web inquiry nobody has called yet, and the same person's call an hour later, entered by staff,
    with two contacts logged, a verification and the e-mail that announced it."""
    time_machine.move_to(MORNING, tick=False)
    earlier = InquiryFactory(
        name="Dana Web", created_at=MORNING - timedelta(hours=2), attribution=WEB_VISIT, channel="website"
    )
    own_note = NoteFactory(inquiry=earlier, kind=Note.Kind.NOTE, text="Asked about IOP.", created_at=MORNING)
    later = InquiryFactory(
        name="Dana Call",
        created_at=MORNING - timedelta(hours=1),
        channel="phone",
        status=Inquiry.Status.CONTACTED,
        attribution={"first_touch": {"utm_campaign": "radio"}, "last_touch": {"utm_campaign": "retarget"}},
    )
    attempt = NoteFactory(
        inquiry=later, outcome=Note.Outcome.NO_ANSWER, text="No answer.", created_at=MORNING - timedelta(minutes=50)
    )
    reach = NoteFactory(
        inquiry=later, outcome=Note.Outcome.REACHED, text="Spoke at length.", created_at=MORNING - timedelta(minutes=40)
    )
    verification = InsuranceVerification.objects.create(
        inquiry=later, carrier="aetna", member_id="W123", patient_birth_date=date(1990, 1, 2)
    )
    notification = Notification.objects.create(inquiry=later)
    return {
        "earlier": earlier,
        "later": later,
        "own_note": own_note,
        "moved_notes": [attempt, reach],
        "verification": verification,
        "notification": notification,
    }


def fresh(inquiry):
    return Inquiry.objects.get(pk=inquiry.pk)


def test_a_merge_moves_notes_and_verifications_and_closes_the_duplicate_with_a_link(pair, coordinator):
    earlier, later = pair["earlier"], pair["later"]
    merge = services.merge_duplicate(duplicate=later, into=earlier, by=coordinator)

    assert sorted(fresh(earlier).notes.values_list("pk", flat=True)) == sorted(
        [pair["own_note"].pk, *(note.pk for note in pair["moved_notes"])]
    )
    assert list(fresh(earlier).verifications.values_list("pk", flat=True)) == [pair["verification"].pk]
    assert list(fresh(later).notes.all()) == []
    # The e-mail that announced it is about its own arrival: it stays.
    assert list(fresh(later).notifications.values_list("pk", flat=True)) == [pair["notification"].pk]
    closed = fresh(later)
    assert (closed.status, closed.close_reason, closed.closed_at, closed.merged_into) == (
        Inquiry.Status.CLOSED,
        Inquiry.CloseReason.DUPLICATE,
        MORNING,
        earlier,
    )
    assert (merge.duplicate, merge.into, merge.by, merge.at) == (later, earlier, coordinator, MORNING)
    assert sorted(merge.note_ids) == sorted(note.pk for note in pair["moved_notes"])
    assert merge.verification_ids == [pair["verification"].pk]


def test_the_earlier_one_keeps_its_first_touch_and_gains_the_other_visit(pair, coordinator):
    services.merge_duplicate(duplicate=pair["later"], into=pair["earlier"], by=coordinator)
    number = pair["later"].pk
    assert fresh(pair["earlier"]).attribution == {
        **WEB_VISIT,
        "other_touches": [
            {"from_inquiry": number, "utm_campaign": "radio"},
            {"from_inquiry": number, "utm_campaign": "retarget"},
        ],
    }


def test_the_contacts_it_gains_date_the_earlier_ones_first_contact_and_move_it_on(pair, coordinator):
    services.merge_duplicate(duplicate=pair["later"], into=pair["earlier"], by=coordinator)
    earlier = fresh(pair["earlier"])
    attempt, reach = pair["moved_notes"]
    assert (earlier.status, earlier.first_contact_at, earlier.first_reached_at) == (
        Inquiry.Status.CONTACTED,
        attempt.created_at,
        reach.created_at,
    )


def test_both_moves_are_on_the_timelines_and_both_inquiries_in_the_access_log(pair, coordinator):
    earlier, later = pair["earlier"], pair["later"]
    services.merge_duplicate(duplicate=later, into=earlier, by=coordinator)
    moves = StatusChange.objects.order_by("inquiry_id")
    moves = moves.values_list("inquiry_id", "from_status", "to_status", "by", "at")
    assert list(moves) == [
        (earlier.pk, "new", "contacted", coordinator.pk, MORNING),
        (later.pk, "contacted", "closed", coordinator.pk, MORNING),
    ]
    records = AccessRecord.objects.order_by("inquiry_ref").values_list("user", "inquiry_ref", "action", "detail")
    detail = f"merged #{later.pk} into #{earlier.pk}"
    assert list(records) == [
        (coordinator.pk, earlier.pk, "change", detail),
        (coordinator.pk, later.pk, "change", detail),
    ]


def test_an_undo_on_the_same_day_moves_back_exactly_what_moved_and_reopens_the_duplicate(
    pair, coordinator, time_machine
):
    earlier, later = pair["earlier"], pair["later"]
    merge = services.merge_duplicate(duplicate=later, into=earlier, by=coordinator)
    NoteFactory(inquiry=earlier, kind=Note.Kind.NOTE, text="Written after the merge.")  # stays where it is
    time_machine.move_to(datetime(2026, 12, 5, 7, 59, tzinfo=UTC), tick=False)  # 23:59 in Los Angeles

    services.undo_merge(merge=merge, by=coordinator)

    assert sorted(fresh(later).notes.values_list("pk", flat=True)) == sorted(note.pk for note in pair["moved_notes"])
    assert list(fresh(later).verifications.values_list("pk", flat=True)) == [pair["verification"].pk]
    left = sorted(fresh(earlier).notes.values_list("text", flat=True))
    assert left == ["Asked about IOP.", "Written after the merge."]
    reopened = fresh(later)
    assert (reopened.status, reopened.close_reason, reopened.closed_at, reopened.merged_into) == (
        Inquiry.Status.CONTACTED,
        "",
        None,
        None,
    )
    restored = fresh(earlier)
    assert (restored.status, restored.first_contact_at, restored.first_reached_at, restored.attribution) == (
        Inquiry.Status.NEW,
        None,
        None,
        WEB_VISIT,
    )
    merge.refresh_from_db()
    assert (merge.undone_at, merge.undone_by) == (datetime(2026, 12, 5, 7, 59, tzinfo=UTC), coordinator)
    undone = AccessRecord.objects.filter(detail=f"undid the merge of #{later.pk} into #{earlier.pk}")
    assert sorted(undone.values_list("inquiry_ref", flat=True)) == sorted([earlier.pk, later.pk])


def test_an_undo_reopens_a_duplicate_that_was_closed_before_with_its_own_reason(pair, coordinator):
    later = pair["later"]
    closed_before = MORNING - timedelta(minutes=5)
    Inquiry.objects.filter(pk=later.pk).update(status="closed", close_reason="not_ready", closed_at=closed_before)
    merge = services.merge_duplicate(duplicate=fresh(later), into=pair["earlier"], by=coordinator)
    services.undo_merge(merge=merge, by=coordinator)
    reopened = fresh(later)
    assert (reopened.status, reopened.close_reason, reopened.closed_at) == ("closed", "not_ready", closed_before)


def test_an_undo_leaves_what_a_colleague_changed_since(pair, coordinator):
    earlier = pair["earlier"]
    merge = services.merge_duplicate(duplicate=pair["later"], into=earlier, by=coordinator)
    scheduled = assessment_details(coordinator)
    services.move(
        inquiry=fresh(earlier), status=Inquiry.Status.ASSESSMENT_SCHEDULED, by=coordinator, assessment=scheduled
    )
    services.undo_merge(merge=merge, by=coordinator)
    kept = fresh(earlier)
    # The status is the colleague's; the dates and the attribution, still as the merge left them, go back.
    assert (kept.status, kept.first_contact_at, kept.attribution) == ("assessment_scheduled", None, WEB_VISIT)


def test_an_undo_keeps_the_contacts_a_colleague_logged_on_the_earlier_one_since(pair, coordinator):
    earlier = pair["earlier"]
    merge = services.merge_duplicate(duplicate=pair["later"], into=earlier, by=coordinator)
    colleague = UserFactory(username="colleague", group="Admissions")
    services.log_contact(inquiry=fresh(earlier), by=colleague, kind="call", outcome="reached", text="Called back.")
    call = fresh(earlier).notes.get(text="Called back.")
    services.undo_merge(merge=merge, by=coordinator)
    after = Inquiry.objects.filter(pk=earlier.pk).values("status", "first_contact_at", "first_reached_at").get()
    # Not back to "new" with no contact at all; dated by the call it still holds, not the moved ones.
    assert after == {"status": "contacted", "first_contact_at": call.created_at, "first_reached_at": call.created_at}
    assert list(fresh(earlier).notes.values_list("text", flat=True)) == ["Asked about IOP.", "Called back."]


def test_an_undo_after_the_day_is_refused_with_nothing_changed(pair, coordinator, time_machine):
    merge = services.merge_duplicate(duplicate=pair["later"], into=pair["earlier"], by=coordinator)
    time_machine.move_to(datetime(2026, 12, 5, 8, 0, tzinfo=UTC), tick=False)  # midnight in Los Angeles
    with pytest.raises(ValidationError) as refused:
        services.undo_merge(merge=merge, by=coordinator)
    assert refused.value.messages == [
        "A merge can be undone only on the day it was made (until midnight); this one was made on Dec. 4, 2026."
    ]
    assert fresh(pair["later"]).merged_into == pair["earlier"]
    assert Merge.objects.get().undone_at is None


def test_a_merge_is_undone_once(pair, coordinator):
    merge = services.merge_duplicate(duplicate=pair["later"], into=pair["earlier"], by=coordinator)
    services.undo_merge(merge=merge, by=coordinator)
    with pytest.raises(ValidationError) as refused:
        services.undo_merge(merge=merge, by=coordinator)
    assert refused.value.messages == ["This merge was already undone."]


def test_an_undo_waits_for_the_later_merge_of_the_earlier_one(pair, coordinator):
    first = InquiryFactory(created_at=MORNING - timedelta(hours=3))
    merge = services.merge_duplicate(duplicate=pair["later"], into=pair["earlier"], by=coordinator)
    services.merge_duplicate(duplicate=fresh(pair["earlier"]), into=first, by=coordinator)
    with pytest.raises(ValidationError) as refused:
        services.undo_merge(merge=merge, by=coordinator)
    assert refused.value.messages == [
        f"Inquiry #{pair['earlier'].pk} has since been merged into #{first.pk}: undo that merge first."
    ]


@pytest.mark.parametrize(
    ("case", "message"),
    [
        ("itself", "An inquiry cannot be merged into itself."),
        ("later", "Inquiry #{later} came in after #{earlier}: merge the later one into the earlier one."),
        ("into_closed", "Inquiry #{earlier} is closed: only an inquiry still in the pipeline takes a duplicate."),
        ("into_merged", "Inquiry #{earlier} was itself merged into #{first}: merge into that one."),
        ("already_merged", "Inquiry #{later} is already merged into #{first}."),
        ("spam", "A spam inquiry is not a duplicate: leave it as spam."),
        ("admitted", "Inquiry #{later} is admitted: its outcome is kept, not merged away."),
        (
            "screened",
            "Inquiry #{later} has a pre-admission screen: its record is kept, not merged away. Work it on its own "
            "page, or close it as a duplicate once what it holds is done with.",
        ),
        (
            "held_and_waiting",
            "Inquiry #{later} has a bed or place held and a place on the waitlist: its record is kept, not merged "
            "away. Work it on its own page, or close it as a duplicate once what it holds is done with.",
        ),
        (
            "not_a_duplicate",
            "Inquiries #{later} and #{earlier} share no phone number or e-mail address within 30 days: only a "
            "possible duplicate can be merged.",
        ),
    ],
)
def test_merges_that_are_refused_change_nothing(pair, coordinator, case, message):
    earlier, later = pair["earlier"], pair["later"]
    first = InquiryFactory(created_at=MORNING - timedelta(hours=3))
    duplicate, into = later, earlier
    if case == "itself":
        into = later
    elif case == "later":
        duplicate, into = earlier, later
    elif case == "into_closed":
        Inquiry.objects.filter(pk=earlier.pk).update(status="closed", close_reason="not_ready")
    elif case == "into_merged":
        Inquiry.objects.filter(pk=earlier.pk).update(merged_into=first)
    elif case == "already_merged":
        Inquiry.objects.filter(pk=later.pk).update(merged_into=first)
    elif case == "spam":
        Inquiry.objects.filter(pk=later.pk).update(status="spam", spam_reason="marked")
    elif case == "admitted":
        Inquiry.objects.filter(pk=later.pk).update(status="admitted")
    elif case == "screened":
        open_screen(later, coordinator)
    elif case == "held_and_waiting":
        program = ProgramFactory()
        census_services.hold(inquiry=later, program=program, by=coordinator)
        WaitlistEntryFactory(inquiry=later, level=program.level)
        AccessRecord.objects.all().delete()  # the hold's own record: the refused merge must add none
    elif case == "not_a_duplicate":  # someone else: one person's insurance details never land on another's record
        Inquiry.objects.filter(pk=later.pk).update(phone="+13105550123", email="someone.else@example.com")
    with pytest.raises(ValidationError) as refused:
        services.merge_duplicate(duplicate=duplicate, into=into, by=coordinator)
    assert refused.value.messages == [message.format(earlier=earlier.pk, later=later.pk, first=first.pk)]
    assert (Merge.objects.count(), fresh(later).notes.count(), AccessRecord.objects.count()) == (0, 2, 0)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_coordinators_merging_the_same_duplicate_at_once_merge_it_once():
    earlier = InquiryFactory(created_at=timezone.now() - timedelta(hours=2))
    later = InquiryFactory()
    NoteFactory(inquiry=later, outcome=Note.Outcome.NO_ANSWER)
    people = [UserFactory(group="Admissions") for _ in range(2)]
    barrier, outcomes = threading.Barrier(2), []

    def merge(person):
        try:
            barrier.wait(timeout=30)
            services.merge_duplicate(duplicate=later, into=earlier, by=person)
            outcomes.append("merged")
        except ValidationError as error:
            outcomes.append(error.messages[0])
        finally:
            connection.close()

    threads = [threading.Thread(target=merge, args=(person,)) for person in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(outcomes) == sorted(["merged", f"Inquiry #{later.pk} is already merged into #{earlier.pk}."])
    assert Merge.objects.count() == 1
    assert StatusChange.objects.filter(inquiry=later, to_status="closed").count() == 1
