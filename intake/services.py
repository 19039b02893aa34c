"""The admissions pipeline's rules: how an inquiry moves, and what a contact note changes.

The admin, views and commands call these; intake/admin.py only wires them to the admin.
"""

from django.db import transaction
from django.utils import timezone

from .models import AccessRecord, Inquiry, Note, StatusChange

CONTACTED = {
    Inquiry.Status.CONTACT_ATTEMPTED,
    Inquiry.Status.CONTACTED,
    Inquiry.Status.ASSESSMENT_SCHEDULED,
    Inquiry.Status.ADMITTED,
    Inquiry.Status.REFERRED_OUT,
}

# What `move` may change.
PIPELINE_FIELDS = ["status", "first_contact_at", "assessment_scheduled_at", "closed_at", "close_reason", "spam_reason"]


def move(inquiry, status, *, when=None, close_reason="", by=None, before=None):
    """Set the status, keeping the first-contact, closing and spam fields right (not saved), and
    note the move for the inquiry's timeline once it is saved. `before`: the status it had, if the
    form has already set the new one."""
    when = when or timezone.now()
    before = before if before is not None else inquiry.status
    if before != status:
        inquiry._moves = [
            *getattr(inquiry, "_moves", []),
            StatusChange(from_status=before, to_status=status, by=by, at=when),
        ]
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


# Where a bulk action may move an inquiry from: never backwards through the pipeline, and never
# out of a closed, admitted or referred-out inquiry (those are moved one by one, on their page).
BULK_MOVES_FROM = {
    Inquiry.Status.CONTACTED: {Inquiry.Status.NEW, Inquiry.Status.CONTACT_ATTEMPTED},
    Inquiry.Status.SPAM: {Inquiry.Status.NEW, Inquiry.Status.CONTACT_ATTEMPTED},
    Inquiry.Status.NEW: {Inquiry.Status.SPAM},
}


def record_moves(inquiry):
    """Save the timeline entries of the moves made since the last save (call after saving)."""
    moves = getattr(inquiry, "_moves", [])
    for change in moves:
        change.inquiry = inquiry
    StatusChange.objects.bulk_create(moves)
    inquiry._moves = []


def movable(inquiries, status):
    """Those of `inquiries` a bulk action may move to `status`."""
    return inquiries.filter(status__in=BULK_MOVES_FROM[status])


def move_many(inquiries, status, user):
    """Move those of `inquiries` (a queryset) that may be moved in bulk, and record who did it; the
    ids moved. Which may move is decided again here, on locked rows."""
    now = timezone.now()
    moved = []
    with transaction.atomic():
        # of=("self",): the admin's queryset joins levels and staff, which must not be locked too.
        for inquiry in movable(inquiries, status).select_for_update(of=("self",)):
            move(inquiry, status, when=now, by=user)  # to spam only from new or attempted: marked by staff
            inquiry.save()
            record_moves(inquiry)
            moved.append(inquiry.pk)
        AccessRecord.record(user, moved, AccessRecord.Action.CHANGE)
    return moved


def add_note(inquiry, note, author):
    """Save a contact note. A first contact attempt moves a new inquiry on and dates first contact;
    the first one that reached the person dates first reach."""
    if note.author_id is None:
        note.author = author
    note.inquiry = inquiry
    note.save()
    if not note.is_contact_attempt:
        return
    reached = note.outcome == Note.Outcome.REACHED
    changed = []
    if inquiry.status == Inquiry.Status.NEW:
        status = Inquiry.Status.CONTACTED if reached else Inquiry.Status.CONTACT_ATTEMPTED
        move(inquiry, status, when=note.created_at, by=author)
        changed += PIPELINE_FIELDS
    elif inquiry.first_contact_at is None or note.created_at < inquiry.first_contact_at:
        inquiry.first_contact_at = note.created_at
        changed.append("first_contact_at")
    if reached and (inquiry.first_reached_at is None or note.created_at < inquiry.first_reached_at):
        inquiry.first_reached_at = note.created_at
        changed.append("first_reached_at")
    if changed:
        inquiry.save(update_fields=[*changed, "updated_at"])
        record_moves(inquiry)


def log_contact(inquiry, author, *, kind, outcome="", text=""):
    """A contact attempt logged from the inquiry's page, stamped now (when it is saved)."""
    note = Note(kind=kind, outcome=outcome, text=text, created_at=timezone.now())
    add_note(inquiry, note, author)
    return note
