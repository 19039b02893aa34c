"""The waitlist's side of a bed or place freeing up: whoever holds the next person waiting for it is
told by e-mail, through the task queue, once, with a link and nothing about the person.

"Next" is the waitlist's queue order (priority, then who has waited longest) among those waiting for
one of the bed's levels, or for the program's level (for any of its programs or that one), and not
told before: each freed bed or place tells one person's owner, the next one the next. A bed for men
or for women skips someone the inquiry records otherwise. When the next person's owner has no e-mail
address nobody is told (logged, and shown on the waitlist): the turn stays theirs."""

import logging

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from common.reminders import enqueue_at, send_once
from intake.models import AccessRecord

from .board import sex_for
from .models import Serves, WaitlistEntry

logger = logging.getLogger(__name__)


def place_freed(bed, program):
    """Call in the transaction that frees `bed` or a place of `program`: once it commits, the next
    waiting person's owner is told."""
    if bed is not None:
        level_ids, program_id, serves = sorted(bed.levels.values_list("pk", flat=True)), None, bed.serves
    else:
        level_ids, program_id, serves = [program.level_id], program.pk, Serves.ANY
    transaction.on_commit(lambda: _enqueue(level_ids, program_id, serves))


def _enqueue(level_ids, program_id, serves):
    try:
        tell_next_waiting.enqueue(level_ids, program_id, serves)
    except Exception:
        logger.exception("could not queue the waitlist notice for levels %s", level_ids)


def next_waiting(level_ids, program_id=None):
    entries = WaitlistEntry.objects.waiting().filter(level_id__in=level_ids, notified_at__isnull=True)
    if program_id is None:
        entries = entries.filter(program__isnull=True)
    else:
        entries = entries.filter(Q(program__isnull=True) | Q(program_id=program_id))
    return entries.in_queue_order()


def notice_message(entry):
    url = f"{settings.SITE_URL}{reverse('admin:census:waitlist')}#entry-{entry.pk}"
    subject = "A place has freed up for someone you hold on the waitlist"
    body = (
        "A bed or program place has freed up, and the next person waiting for it is one you hold "
        f"(waitlist entry #{entry.pk}).\n\n"
        f"Open the waitlist (log in required):\n{url}\n\n"
        "For privacy, this e-mail carries no details about the person.\n"
    )
    return subject, body


def fits(entry, serves):
    """Whether a bed for `serves` fits the waiting person: a bed for anyone does; one for men or women
    does unless the inquiry records the patient's sex otherwise (census.board.sex_for)."""
    sex = sex_for(entry.inquiry)
    return serves == Serves.ANY or not sex or sex == serves


@task()
def tell_next_waiting(level_ids, program_id, serves=Serves.ANY):
    """Tell the owner of the next person waiting whom the freed bed or place fits, claimed once
    whichever worker gets here first."""
    now = timezone.now()
    for entry in next_waiting(level_ids, program_id).select_related("owner", "inquiry")[:20]:
        if not fits(entry, serves):
            continue
        if entry.owner is None or not entry.owner.email:
            # Their turn is kept, not given to someone lower in the queue: the waitlist shows who
            # cannot be told until an owner with an e-mail address is set.
            logger.warning("waitlist entry %s is next for a freed place but its owner has no e-mail address", entry.pk)
            return "owner has no e-mail address"
        claimed = WaitlistEntry.objects.filter(pk=entry.pk, notified_at__isnull=True).update(notified_at=now)
        if not claimed:
            continue  # another worker told this one: the next
        subject, body = notice_message(entry)
        try:
            send_mail(subject, body, None, [entry.owner.email], fail_silently=False)
        except Exception as error:
            WaitlistEntry.objects.filter(pk=entry.pk).update(notified_at=None)
            logger.warning("waitlist notice for entry %s failed: %s", entry.pk, type(error).__name__)
            return "failed"
        return "sent"
    return "nobody waiting"


# --- The waitlist's rules ---------------------------------------------------------------------------


def join(*, inquiry, level, by, waiting_for, program=None, owner=None, now=None):
    """Put `inquiry` on the waitlist for `level` (and perhaps `program`). Its owner (told when a place
    frees up) is whoever is given, else the inquiry's assignee, else the person adding it."""
    if program is not None and program.level_id != level.pk:
        raise ValidationError(f"{program} is not a {level.short_name} program.")
    if inquiry.stays.current().filter(level=level).exists():
        raise ValidationError(f"Inquiry #{inquiry.pk} is already admitted to {level.short_name}.")
    if WaitlistEntry.objects.waiting().filter(inquiry=inquiry, level=level).exists():
        raise ValidationError(f"Inquiry #{inquiry.pk} is already waiting for {level.short_name}.")
    owner = owner or inquiry.assigned_to or by
    with transaction.atomic():
        entry = WaitlistEntry.objects.create(
            inquiry=inquiry,
            level=level,
            program=program,
            waiting_for=waiting_for,
            owner=owner,
            added_by=by,
            added_at=now or timezone.now(),
        )
        AccessRecord.record(by, [inquiry.pk], AccessRecord.Action.CHANGE, "joined the waitlist")
    return entry


def may_set_priority(user):
    """Clinicians (the Clinicians group's permission) and superusers."""
    return user.has_perm("census.raise_priority_waitlistentry")


def set_priority(*, entry, priority, reason, by):
    if not may_set_priority(by):
        raise PermissionDenied("Only a clinician may change a waiting person's priority.")
    if entry.ended_at is not None:
        raise ValidationError("They are no longer on the waitlist: their priority stays as it was.")
    reason = " ".join(reason.split())
    if priority != WaitlistEntry.Priority.ROUTINE and not reason:
        raise ValidationError("Say why their priority is raised.")
    with transaction.atomic():
        WaitlistEntry.objects.waiting().filter(pk=entry.pk).update(
            priority=priority, priority_reason=reason, priority_set_by=by, priority_set_at=timezone.now()
        )
        AccessRecord.record(by, [entry.inquiry_id], AccessRecord.Action.CHANGE, "waitlist priority set")
    entry.refresh_from_db()
    return entry


def set_follow_up(*, entry, at, step, owner, by):
    """Set the entry's follow-up and owner; its reminder is armed again and queued for its time."""
    with transaction.atomic():
        WaitlistEntry.objects.filter(pk=entry.pk).update(
            follow_up_at=at, follow_up_step=step, owner=owner, follow_up_notified_at=None, updated_at=timezone.now()
        )
        AccessRecord.record(by, [entry.inquiry_id], AccessRecord.Action.CHANGE, "waitlist follow-up set")
        entry.refresh_from_db()
        if entry.follow_up_at is not None and entry.owner_id is not None:
            due = entry.follow_up_at
            transaction.on_commit(lambda: _enqueue_reminder(entry.pk, due))
    return entry


# --- Follow-up reminders, as the inbox's (intake/follow_ups.py) ------------------------------------


def _enqueue_reminder(entry_id, due):
    what = f"the follow-up reminder of waitlist entry {entry_id}"
    enqueue_at(send_follow_up_reminder, due, entry_id, due.isoformat(), what=what)


def reminder_message(entry):
    url = f"{settings.SITE_URL}{reverse('admin:census:waitlist_entry', args=[entry.pk])}"
    subject = f"Follow-up due: waitlist entry #{entry.pk}"
    body = (
        f"A follow-up you own is due now on waitlist entry #{entry.pk}.\n\n"
        f"Open it (log in required):\n{url}\n\n"
        "For privacy, this e-mail carries no details about the person.\n"
    )
    return subject, body


@task()
def send_follow_up_reminder(entry_id, due_iso):
    """Send the reminder if this follow-up is still the entry's, due, the person still waiting, and
    not yet reminded: claimed once, whichever worker gets here first."""
    now = timezone.now()
    owed = (
        WaitlistEntry.objects.waiting()
        .filter(pk=entry_id, follow_up_at=due_iso, follow_up_at__lte=now, follow_up_notified_at__isnull=True)
        .exclude(owner__email="")
        .exclude(owner__isnull=True)
    )
    return send_once(
        owed,
        load=lambda: WaitlistEntry.objects.select_related("owner").get(pk=entry_id),
        stamp="follow_up_notified_at",
        now=now,
        message=reminder_message,
        to=lambda entry: entry.owner.email,
        what=f"waitlist reminder for entry {entry_id}",
    )


def send_due_reminders(now=None):
    """Queue a reminder for every waitlist follow-up due and not yet reminded; how many."""
    due = (
        WaitlistEntry.objects.waiting()
        .filter(follow_up_at__lte=now or timezone.now(), follow_up_notified_at__isnull=True, owner__isnull=False)
        .values_list("pk", "follow_up_at")
    )
    count = 0
    for pk, when in due.iterator():
        _enqueue_reminder(pk, when)
        count += 1
    return count


def end(*, entry, reason, by, now=None):
    """Take them off the waitlist, saying why."""
    with transaction.atomic():
        ended = (
            WaitlistEntry.objects.waiting()
            .filter(pk=entry.pk)
            .update(ended_at=now or timezone.now(), end_reason=reason)
        )
        if ended:
            AccessRecord.record(by, [entry.inquiry_id], AccessRecord.Action.CHANGE, "left the waitlist")
    entry.refresh_from_db()
    return bool(ended)


def queue(level=None):
    """Those waiting, in the order they are worked: priority, then who has waited longest."""
    entries = WaitlistEntry.objects.waiting().select_related("level", "program", "owner", "priority_set_by")
    if level is not None:
        entries = entries.filter(level=level)
    return entries.in_queue_order()
