"""Resolving a duplicate: merging a later inquiry into the earlier one about the same person, and
undoing that on the same day.

A merge moves the duplicate's notes and contacts and its insurance verifications to the earlier
inquiry, adds the duplicate's visit to the earlier one's attribution (its own first touch kept), dates
the earlier one's first contact and reach by the contacts it gained (moving a new one on, as logging
them would have), and closes the duplicate as "Duplicate" with a link to it. Its status history and the
e-mails that announced it stay with it: they are about its own arrival. Every change is kept on a
`Merge` record, so an undo moves back exactly what moved.
"""

from datetime import datetime, time, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Min
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from ..models import AccessRecord, Inquiry, InsuranceVerification, Merge, Note
from .pipeline import PIPELINE_FIELDS, _save, _set_status

Status = Inquiry.Status
INTO_FIELDS = ("status", "first_contact_at", "first_reached_at", "attribution")


def merge_preview(*, duplicate, into):
    """What a merge of `duplicate` into `into` would move and change, for the page that asks first: the
    notes and contacts, the verifications, whether a visit is added to the attribution, and the earlier
    one's fields its contacts change. A ValidationError when it may not be merged."""
    _check_merge(duplicate, into)
    notes = list(duplicate.notes.select_related("author"))
    return {
        "notes": notes,
        "verifications": list(duplicate.verifications.secrets_withheld()),
        "attribution": bool(_merged_attribution(into, duplicate) != into.attribution),
        "into_changes": _contact_changes(into, notes),
    }


def merge_duplicate(*, duplicate, into, by):
    """Merge `duplicate` into the earlier inquiry `into`, in one transaction, on rows locked for it
    (and checked again once locked). Returns the Merge. A ValidationError, with nothing changed, when
    it is the same inquiry, a later one, or one closed, spam or merged itself."""
    now = timezone.now()
    with transaction.atomic():
        duplicate, into = _locked(duplicate, into)
        _check_merge(duplicate, into)
        notes = list(duplicate.notes.all())
        verification_ids = list(duplicate.verifications.values_list("pk", flat=True))
        merge = Merge(
            duplicate=duplicate,
            into=into,
            by=by,
            at=now,
            note_ids=[note.pk for note in notes],
            verification_ids=verification_ids,
            duplicate_status=duplicate.status,
            duplicate_close_reason=duplicate.close_reason,
            duplicate_closed_at=duplicate.closed_at,
            into_before=_fields(into),
        )
        Note.objects.filter(pk__in=merge.note_ids).update(inquiry=into)
        InsuranceVerification.objects.filter(pk__in=verification_ids).update(inquiry=into)
        _gain_contacts(into, notes, by=by, when=now)
        into.attribution = _merged_attribution(into, duplicate)
        # Not a change anyone made to the earlier one's form: a colleague's open page of it still saves.
        into.save(update_fields=["attribution"])
        merge.into_after = _fields(into)
        merge.save()
        duplicate.merged_into = into
        _set_status(duplicate, Status.CLOSED, when=now, close_reason=Inquiry.CloseReason.DUPLICATE)
        duplicate.closed_at = now
        _save(
            duplicate, before=merge.duplicate_status, by=by, when=now, update_fields=[*PIPELINE_FIELDS, "merged_into"]
        )
        AccessRecord.record(
            by, [duplicate.pk, into.pk], AccessRecord.Action.CHANGE, f"merged #{duplicate.pk} into #{into.pk}"
        )
    return merge


def undoable_until(merge):
    """The end of the merge's local day (the center's time zone): an undo is refused from then."""
    next_day = timezone.localtime(merge.at).date() + timedelta(days=1)
    return timezone.make_aware(datetime.combine(next_day, time.min))


def can_undo(merge, now=None):
    return merge.undone_at is None and (now or timezone.now()) < undoable_until(merge)


def undo_merge(*, merge, by):
    """Move back exactly what `merge` moved and reopen the duplicate in the status it had, in one
    transaction. Of the earlier inquiry's fields, those still as the merge left them are put back (a
    colleague's later work stays). A ValidationError after the merge's day, or if it was undone already,
    or if the earlier inquiry has since been merged itself."""
    now = timezone.now()
    with transaction.atomic():
        merge = Merge.objects.select_for_update().get(pk=merge.pk)
        duplicate, into = _locked(merge.duplicate, merge.into)
        if merge.undone_at is not None:
            raise ValidationError(_("This merge was already undone."), code="undone")
        if not can_undo(merge, now):
            raise ValidationError(
                _("A merge can be undone only on the day it was made (until midnight); this one was made on %(day)s.")
                % {"day": date_format(timezone.localtime(merge.at), "N j, Y")},
                code="too_late",
            )
        if into.merged_into_id:
            raise ValidationError(
                _("Inquiry #%(into)s has since been merged into #%(next)s: undo that merge first.")
                % {"into": into.pk, "next": into.merged_into_id},
                code="merged_on",
            )
        Note.objects.filter(pk__in=merge.note_ids, inquiry=into).update(inquiry=duplicate)
        InsuranceVerification.objects.filter(pk__in=merge.verification_ids, inquiry=into).update(inquiry=duplicate)
        _restore_into(into, merge, by=by, when=now)
        duplicate.merged_into = None
        _set_status(duplicate, merge.duplicate_status, when=now, close_reason=merge.duplicate_close_reason)
        duplicate.closed_at = merge.duplicate_closed_at
        _save(duplicate, before=Status.CLOSED, by=by, when=now, update_fields=[*PIPELINE_FIELDS, "merged_into"])
        merge.undone_at, merge.undone_by = now, by
        merge.save(update_fields=["undone_at", "undone_by"])
        AccessRecord.record(
            by,
            [duplicate.pk, into.pk],
            AccessRecord.Action.CHANGE,
            f"undid the merge of #{duplicate.pk} into #{into.pk}",
        )
    return merge


# What other apps keep on an inquiry that a merge would strand on the closed duplicate (and a purge
# would then delete): each app registers a check from its ready(), `keeps_its_record(check)`, where
# check(duplicate) lists what it keeps, in words ("a pre-admission screen").
_record_keepers = []


def keeps_its_record(check):
    _record_keepers.append(check)
    return check


def _check_merge(duplicate, into):
    if duplicate.pk == into.pk:
        raise ValidationError(_("An inquiry cannot be merged into itself."), code="itself")
    if duplicate.merged_into_id:
        raise ValidationError(
            _("Inquiry #%(pk)s is already merged into #%(into)s.")
            % {"pk": duplicate.pk, "into": duplicate.merged_into_id},
            code="merged",
        )
    if (into.created_at, into.pk) > (duplicate.created_at, duplicate.pk):
        raise ValidationError(
            _("Inquiry #%(into)s came in after #%(pk)s: merge the later one into the earlier one.")
            % {"into": into.pk, "pk": duplicate.pk},
            code="later",
        )
    if into.merged_into_id:
        raise ValidationError(
            _("Inquiry #%(into)s was itself merged into #%(next)s: merge into that one.")
            % {"into": into.pk, "next": into.merged_into_id},
            code="into_merged",
        )
    if into.status in (Status.CLOSED, Status.SPAM):
        raise ValidationError(
            _("Inquiry #%(into)s is %(status)s: only an inquiry still in the pipeline takes a duplicate.")
            % {"into": into.pk, "status": into.get_status_display().lower()},
            code="into_closed",
        )
    if duplicate.status == Status.SPAM:
        raise ValidationError(_("A spam inquiry is not a duplicate: leave it as spam."), code="spam")
    if duplicate.status in (Status.ADMITTED, Status.REFERRED_OUT):
        raise ValidationError(
            _("Inquiry #%(pk)s is %(status)s: its outcome is kept, not merged away.")
            % {"pk": duplicate.pk, "status": duplicate.get_status_display().lower()},
            code="finished",
        )
    kept = [what for check in _record_keepers for what in check(duplicate) if what]
    if kept:
        raise ValidationError(
            _("Inquiry #%(pk)s has %(kept)s: its record is kept, not merged away. Work it on its own page, or "
              "close it as a duplicate once what it holds is done with.")
            % {"pk": duplicate.pk, "kept": " and ".join(kept)},
            code="keeps_record",
        )  # fmt: skip
    if not Inquiry.objects.possible_duplicates_of(duplicate).filter(pk=into.pk).exists():
        # One person's notes and insurance details must never land on another's record.
        raise ValidationError(
            _("Inquiries #%(pk)s and #%(into)s share no phone number or e-mail address within 30 days: only a "
              "possible duplicate can be merged.") % {"pk": duplicate.pk, "into": into.pk},
            code="not_duplicate",
        )  # fmt: skip


def _locked(*inquiries):
    """The inquiries again, locked until the transaction ends, in the order of their numbers (two
    merges of the same pair, either way round, cannot wait on each other)."""
    pks = [inquiry.pk for inquiry in inquiries]
    rows = {row.pk: row for row in Inquiry.objects.select_for_update().filter(pk__in=pks).order_by("pk")}
    return [rows[pk] for pk in pks]


def _fields(inquiry):
    """The earlier inquiry's fields a merge may change, as the merge record keeps them (times as text)."""
    values = {name: getattr(inquiry, name) for name in INTO_FIELDS}
    for name in ("first_contact_at", "first_reached_at"):
        values[name] = values[name] and values[name].isoformat()
    return values


def _merged_attribution(into, duplicate):
    """The earlier inquiry's attribution, its first touch kept, with the duplicate's visit added as
    another touch (its first and latest, each once)."""
    theirs = duplicate.attribution or {}
    touches = [touch for touch in (theirs.get("first_touch"), theirs.get("last_touch")) if touch]
    touches = [touch for index, touch in enumerate(touches) if touch not in touches[:index]]
    if not touches:
        return into.attribution
    merged = dict(into.attribution or {})
    merged["other_touches"] = [
        *merged.get("other_touches", []),
        *({"from_inquiry": duplicate.pk, **touch} for touch in touches),
        *theirs.get("other_touches", []),
    ]
    return merged


def _contact_changes(into, notes):
    """What the contacts among `notes` change on the earlier inquiry: its first contact and reach if
    they came first, and a new one moved on as logging them would have. Only the fields that change."""
    attempts = [note.created_at for note in notes if note.is_contact_attempt]
    reaches = [note.created_at for note in notes if note.outcome == Note.Outcome.REACHED]
    changes = {}
    if attempts and (into.first_contact_at is None or min(attempts) < into.first_contact_at):
        changes["first_contact_at"] = min(attempts)
    if reaches and (into.first_reached_at is None or min(reaches) < into.first_reached_at):
        changes["first_reached_at"] = min(reaches)
    if attempts and into.status == Status.NEW:
        changes["status"] = Status.CONTACTED if reaches else Status.CONTACT_ATTEMPTED
    return changes


def _gain_contacts(into, notes, *, by, when):
    changes = _contact_changes(into, notes)
    if not changes:
        return
    before = into.status
    into.first_contact_at = changes.get("first_contact_at", into.first_contact_at)
    into.first_reached_at = changes.get("first_reached_at", into.first_reached_at)
    if "status" in changes:
        _set_status(into, changes["status"], when=when)
    _save(into, before=before, by=by, when=when, update_fields=[*PIPELINE_FIELDS, "first_reached_at"])


def _restore_into(into, merge, *, by, when):
    """Put back those of the earlier inquiry's fields that are still as the merge left them. A contact
    logged on it since the merge keeps its status, and its contact dates are then read again from the
    contacts it still holds: the work a colleague recorded stands."""
    now_fields = _fields(into)
    after, before = merge.into_after, merge.into_before
    contacts = into.notes.exclude(kind=Note.Kind.NOTE)  # the moved ones are back with the duplicate by now
    contacted_since = contacts.filter(created_at__gte=merge.at).exists()
    kept = {"status", "first_contact_at", "first_reached_at"} if contacted_since else set()
    restore = [
        name
        for name in INTO_FIELDS
        if name not in kept and now_fields[name] == after.get(name) and after.get(name) != before.get(name)
    ]
    if contacted_since:
        reached = contacts.filter(outcome=Note.Outcome.REACHED)
        into.first_contact_at = contacts.aggregate(first=Min("created_at"))["first"]
        into.first_reached_at = reached.aggregate(first=Min("created_at"))["first"]
    elif not restore:
        return
    status_before = into.status
    for name in restore:
        value = before.get(name)
        if name == "status":
            _set_status(into, value, when=when)
        elif name in ("first_contact_at", "first_reached_at"):
            setattr(into, name, parse_datetime(value) if value else None)
        else:
            setattr(into, name, value)
    if contacted_since:
        restore += ["first_contact_at", "first_reached_at"]
    _save(into, before=status_before, by=by, when=when, update_fields=[*PIPELINE_FIELDS, *restore])
