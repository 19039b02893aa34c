"""The admissions pipeline's rules: how an inquiry moves, and what staff's entries change.

Each function here is one call that does all of it in one transaction: the status set with the dates
and reasons that go with it, the inquiry checked (`Inquiry.clean`: a closed one needs its reason),
saved, and the move recorded on its timeline. A caller cannot move an inquiry without the record, nor
leave a record without the move: nothing is stashed on the inquiry for a later call to finish.
"""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext

from .. import assessment_reminders, follow_ups
from ..models import AccessRecord, Assessment, Inquiry, Note, StatusChange

CONTACTED = {
    Inquiry.Status.CONTACT_ATTEMPTED,
    Inquiry.Status.CONTACTED,
    Inquiry.Status.ASSESSMENT_SCHEDULED,
    Inquiry.Status.ADMITTED,
    Inquiry.Status.REFERRED_OUT,
}

# What a move may change.
PIPELINE_FIELDS = ["status", "first_contact_at", "assessment_scheduled_at", "closed_at", "close_reason", "spam_reason"]

# Where a bulk action may move an inquiry from: never backwards through the pipeline, and never
# out of a closed, admitted or referred-out inquiry (those are moved one by one, on their page). No
# bulk move claims a contact: each contact is logged on its inquiry's page, with how it went.
BULK_MOVES_FROM = {
    Inquiry.Status.SPAM: {Inquiry.Status.NEW, Inquiry.Status.CONTACT_ATTEMPTED},
    Inquiry.Status.NEW: {Inquiry.Status.SPAM},
}


# How far from now an assessment may be set: one entered a little late, up to one booked a year ahead.
ASSESSMENT_PAST = timedelta(days=1)
ASSESSMENT_AHEAD = timedelta(days=365)

# What an assessment needs, each said beside its box on the inquiry's page (`assessment_<key>`).
ASSESSMENT_MISSING = {
    "starts_at": "Say when the assessment is (date and time, the center's time).",
    "assessor": "Choose who on staff assesses them.",
    "mode": "Choose in person or by video.",
}


def move(*, inquiry, status, by, when=None, close_reason="", assessment=None):
    """Move a saved inquiry to `status` in one transaction: first contact, assessment, closing and spam
    fields kept right, the inquiry checked, saved and the move recorded (by `by`, at `when`, now by
    default). A ValidationError, with nothing saved, when the move breaks a rule of `Inquiry.clean`.

    A move to *Assessment scheduled* needs `assessment`: {"starts_at", "assessor", "mode"}; it is kept
    (replacing an earlier one) and its assessor's reminder queued."""
    when = when or timezone.now()
    _check_contact_claim(inquiry, before=inquiry.status, status=status)
    _check_assessment(before=inquiry.status, status=status, details=assessment)
    with transaction.atomic():
        before = inquiry.status
        _set_status(inquiry, status, when=when, close_reason=close_reason)
        _save(inquiry, before=before, by=by, when=when, update_fields=PIPELINE_FIELDS)
        _keep_assessment(inquiry, details=assessment, by=by)
    return inquiry


def assessors():
    """Who may assess: staff who can sign in and open the inquiry (its reminder links there), by a
    group, a permission of their own, or as superusers; not editors or reviewers."""
    sees = Q(codename="view_inquiry", content_type__app_label="intake")
    allowed = Permission.objects.filter(sees)
    may_see = Q(is_superuser=True) | Q(groups__permissions__in=allowed) | Q(user_permissions__in=allowed)
    users = get_user_model().objects.filter(is_staff=True, is_active=True)
    return users.filter(pk__in=users.filter(may_see).values("pk")).order_by("first_name", "username")


def assessment_problems(*, before, status, details):
    """What is missing or wrong in an assessment's `details` (None: not given or unchanged) for a move
    from `before` to `status`, by the inquiry form's field name (`assessment_<key>`); {} if nothing.
    A move to *Assessment scheduled*, or a change to its assessment while there, needs all three; an
    assessment is not set on an inquiry at another status."""
    scheduled = Inquiry.Status.ASSESSMENT_SCHEDULED
    problems = {}
    if status == scheduled and (status != before or details is not None):
        details = details or {}
        problems = {f"assessment_{key}": message for key, message in ASSESSMENT_MISSING.items() if not details.get(key)}
    elif details and any(details.values()):
        problems["assessment_starts_at"] = (
            "An assessment is set with the status “Assessment scheduled”: choose that status, or leave the "
            "assessment as it was."
        )
    assessor = (details or {}).get("assessor")
    if assessor and not assessors().filter(pk=assessor.pk).exists():
        problems["assessment_assessor"] = "Choose a member of staff who can sign in and open this inquiry."
    starts_at = (details or {}).get("starts_at")
    now = timezone.now()
    if starts_at and not now - ASSESSMENT_PAST <= starts_at <= now + ASSESSMENT_AHEAD:
        problems["assessment_starts_at"] = (
            "Choose a time from yesterday to a year from now: an assessment outside them is never on the week's "
            "list and never reminded of."
        )
    return problems


def _check_assessment(*, before, status, details):
    problems = assessment_problems(before=before, status=status, details=details)
    if problems:
        raise ValidationError(problems)


def _keep_assessment(inquiry, *, details, by):
    """Create or change the inquiry's assessment from `details`, when at *Assessment scheduled*; a new
    time or assessor arms the reminder again. In the caller's transaction."""
    if inquiry.status != Inquiry.Status.ASSESSMENT_SCHEDULED or not details:
        return
    assessment = Assessment.objects.filter(inquiry=inquiry).first() or Assessment(inquiry=inquiry)
    new = {"starts_at": details["starts_at"], "assessor_id": details["assessor"].pk, "mode": details["mode"]}
    if assessment.pk and all(getattr(assessment, name) == value for name, value in new.items()):
        return
    moved = not assessment.pk or (assessment.starts_at, assessment.assessor_id) != (
        new["starts_at"],
        new["assessor_id"],
    )
    for name, value in new.items():
        setattr(assessment, name, value)
    assessment.scheduled_by = by
    if moved:
        assessment.reminded_at = None
    assessment.save()
    if moved:
        assessment_reminders.schedule(assessment)


def movable(*, inquiries, status):
    """Those of `inquiries` a bulk action may move to `status`."""
    return inquiries.filter(status__in=BULK_MOVES_FROM[status])


def move_many(*, inquiries, status, by):
    """Move those of `inquiries` (a queryset) that may be moved in bulk, and record who did it; the
    ids moved. Which may move is decided again here, on locked rows; all move or none."""
    now = timezone.now()
    moved = []
    with transaction.atomic():
        # of=("self",): the admin's queryset joins levels and staff, which must not be locked too.
        for inquiry in movable(inquiries=inquiries, status=status).select_for_update(of=("self",)):
            before = inquiry.status
            _set_status(inquiry, status, when=now)  # to spam only from new or attempted: marked by staff
            _save(inquiry, before=before, by=by, when=now, update_fields=PIPELINE_FIELDS)
            moved.append(inquiry.pk)
        AccessRecord.record(by, moved, AccessRecord.Action.CHANGE)
    return moved


def log_contact(*, inquiry, by, kind, outcome="", text=""):
    """A contact attempt or an internal note logged from the inquiry's page, stamped now, in one
    transaction with what it changes: a first contact attempt moves a new inquiry on (recorded) and
    dates first contact; a reach moves one at "Contact attempted" to "Contacted" (recorded); the first
    one that reached the person dates first reach. Returns the note."""
    now = timezone.now()
    with transaction.atomic():
        note = Note.objects.create(inquiry=inquiry, author=by, kind=kind, outcome=outcome, text=text, created_at=now)
        if not note.is_contact_attempt:
            return note
        reached = note.outcome == Note.Outcome.REACHED
        before = inquiry.status
        changed = []
        if inquiry.status == Inquiry.Status.NEW:
            status = Inquiry.Status.CONTACTED if reached else Inquiry.Status.CONTACT_ATTEMPTED
            _set_status(inquiry, status, when=now)
            changed += PIPELINE_FIELDS
        elif reached and inquiry.status == Inquiry.Status.CONTACT_ATTEMPTED:
            # Reached after trying: contacted now (an inquiry further on stays where it is).
            _set_status(inquiry, Inquiry.Status.CONTACTED, when=now)
            changed += PIPELINE_FIELDS
        elif inquiry.first_contact_at is None or now < inquiry.first_contact_at:
            inquiry.first_contact_at = now
            changed.append("first_contact_at")
        if reached and (inquiry.first_reached_at is None or now < inquiry.first_reached_at):
            inquiry.first_reached_at = now
            changed.append("first_reached_at")
        if changed:
            _save(inquiry, before=before, by=by, when=now, update_fields=changed)
    return note


def add_inquiry(*, inquiry, by):
    """An inquiry staff took by phone, walk-in, e-mail or referral (its fields set from their form), entered
    by `by`: saved with how it came, and its follow-up's reminder queued once committed.

    Taken in a live conversation (`received_as`), the person was reached as it was entered: first
    attempt and first reach dated at its creation, a call that reached them logged by `by`, and the
    move to Contacted recorded. A voicemail or a message waits for a call back, as a web inquiry does."""
    now = timezone.now()
    inquiry.consent_text = (
        f"Entered by admissions ({inquiry.get_channel_display().lower()}): the person asked to be contacted."
    )
    live = inquiry.received_as == Inquiry.ReceivedAs.LIVE
    if not inquiry.caller_relationship:  # not said on the form: what "inquiry for" says, if it says
        inquiry.set_caller_from_inquiry_for()
    inquiry.name_the_caller_as_patient()
    with transaction.atomic():
        if live:
            inquiry.created_at = inquiry.first_contact_at = inquiry.first_reached_at = now
        inquiry.save()
        if live:
            # Stored in the record's language, as the consent line above is.
            text = f"Spoke with them when entered ({inquiry.get_channel_display().lower()})."
            Note.objects.create(
                inquiry=inquiry, author=by, kind=Note.Kind.CALL, outcome=Note.Outcome.REACHED, text=text, created_at=now
            )
            move(inquiry=inquiry, status=Inquiry.Status.CONTACTED, by=by, when=now)
        follow_ups.schedule(inquiry)
    return inquiry


# Said by the admin when a change to an admitted inquiry is refused.
READ_ONLY = (
    "Inquiry #%(number)s is admitted: its record is read-only. Add notes and contacts with “Log a contact”; "
    "nothing else was changed."
)


# An admission records its day, level and bed or program place: it is made on the census pages (a
# hold, then Admit), which move the inquiry; staff's edit of the inquiry does not claim one.
ADMIT_ON_THE_CENSUS = (
    "An admission is recorded on the census: Find a bed (or a program place) for them, hold it, then Admit, "
    "which records the day, the level and the place and moves the inquiry to “Admitted”."
)


def admission_problem(*, before, status):
    """Why staff's edit may not move an inquiry from `before` to `status` ("" when it may)."""
    if status == Inquiry.Status.ADMITTED and before != Inquiry.Status.ADMITTED:
        return ADMIT_ON_THE_CENSUS
    return ""


def edit_inquiry(*, inquiry, by, changed, assessment=None):
    """Save staff's edit of an inquiry (its fields set from their form) in one transaction. `changed`:
    the fields they changed, each with its value before. A changed status is a move, kept right and
    recorded as `move` does (to *Assessment scheduled*, with `assessment`, as `move` needs); a
    follow-up given a new time or owner is reminded of again; a changed `assessment` kept. An admitted
    inquiry is read-only: a ValidationError, nothing saved."""
    now = timezone.now()
    before = changed.get("status", inquiry.status)
    if before == Inquiry.Status.ADMITTED:
        raise ValidationError(READ_ONLY % {"number": inquiry.pk}, code="read_only")
    if admission_problem(before=before, status=inquiry.status):
        raise ValidationError({"status": ADMIT_ON_THE_CENSUS})
    _check_contact_claim(inquiry, before=before, status=inquiry.status)
    _check_assessment(before=before, status=inquiry.status, details=assessment)
    with transaction.atomic():
        if "status" in changed:
            _set_status(inquiry, inquiry.status, when=now, close_reason=inquiry.close_reason)
        inquiry.name_the_caller_as_patient()
        follow_up_moved = bool({"follow_up_at", "follow_up_owner"} & set(changed))
        if follow_up_moved:
            inquiry.follow_up_notified_at = None
        _save(inquiry, before=before, by=by, when=now)
        _keep_assessment(inquiry, details=assessment, by=by)
        if follow_up_moved:
            follow_ups.schedule(inquiry)
    return inquiry


def unlogged_contact(*, inquiry, before, status):
    """Why a move from `before` to `status` would claim a contact nobody logged, in words; "" if it
    would not. "Contact attempted" claims a call, text or e-mail; "Contacted" one that reached them:
    each is logged on the inquiry's page ("Log a contact"), never only claimed by a move."""
    if status == before or status not in CONTACTED:
        return ""
    contacts = Note.objects.filter(inquiry=inquiry).exclude(kind=Note.Kind.NOTE) if inquiry.pk else Note.objects.none()
    if status == Inquiry.Status.CONTACTED and not contacts.filter(outcome=Note.Outcome.REACHED).exists():
        return gettext(
            "“Contacted” says someone spoke with them, and no contact that reached them is logged. Log it "
            "first in “Log a contact”, at the top of this page (outcome “Reached them”)."
        )
    if status == Inquiry.Status.CONTACT_ATTEMPTED and not contacts.exists():
        return gettext(
            "“Contact attempted” says someone tried to reach them, and no call, text or e-mail is logged. "
            "Log it first in “Log a contact”, at the top of this page."
        )
    if inquiry.first_contact_at is None and not contacts.exists():
        # Further on (an assessment, an admission, a referral out) dates a first contact too.
        return gettext(
            "“%(status)s” would date a first contact, and no call, text or e-mail is logged. Log it first in "
            "“Log a contact”, at the top of this page."
        ) % {"status": Inquiry.Status(status).label}
    return ""


def _check_contact_claim(inquiry, *, before, status):
    problem = unlogged_contact(inquiry=inquiry, before=before, status=status)
    if problem:
        raise ValidationError({"status": problem})


def _set_status(inquiry, status, *, when, close_reason=""):
    """Set the status, and the first-contact, assessment, closing and spam fields that go with it (not saved)."""
    inquiry.status = status
    if status in CONTACTED and inquiry.first_contact_at is None:
        inquiry.first_contact_at = when
    if status == Inquiry.Status.ASSESSMENT_SCHEDULED and inquiry.assessment_scheduled_at is None:
        inquiry.assessment_scheduled_at = when
    if status == Inquiry.Status.CLOSED:
        inquiry.closed_at = inquiry.closed_at or when
        inquiry.close_reason = close_reason or inquiry.close_reason
    else:
        inquiry.closed_at = None
        inquiry.close_reason = ""
    if status == Inquiry.Status.SPAM:
        inquiry.spam_reason = inquiry.spam_reason or Inquiry.SpamReason.MARKED
    else:
        inquiry.spam_reason = ""


def _save(inquiry, *, before, by, when, update_fields=None):
    """Check the pipeline's fields, save (only `update_fields`, if given) and record a move from
    `before`, if the status changed: in the caller's transaction."""
    others = [field.name for field in Inquiry._meta.fields if field.name not in PIPELINE_FIELDS]
    inquiry.full_clean(exclude=others, validate_unique=False, validate_constraints=False)
    inquiry.save(update_fields=None if update_fields is None else [*update_fields, "updated_at"])
    if before != inquiry.status:
        StatusChange.objects.create(inquiry=inquiry, from_status=before, to_status=inquiry.status, by=by, at=when)
