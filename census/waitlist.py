"""The waitlist's side of a bed or place freeing up: whoever holds the next person waiting for it is
told by e-mail, through the task queue, once, with a link and nothing about the person.

"Next" is the waitlist's queue order (priority, then who has waited longest) among those waiting for
one of the bed's levels, or for the program's level (for any of its programs or that one), and not
told before: each freed bed or place tells one person's owner, the next one the next."""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from .models import WaitlistEntry

logger = logging.getLogger(__name__)


def place_freed(bed, program):
    """Call in the transaction that frees `bed` or a place of `program`: once it commits, the next
    waiting person's owner is told."""
    if bed is not None:
        level_ids, program_id = sorted(bed.levels.values_list("pk", flat=True)), None
    else:
        level_ids, program_id = [program.level_id], program.pk
    transaction.on_commit(lambda: _enqueue(level_ids, program_id))


def _enqueue(level_ids, program_id):
    try:
        tell_next_waiting.enqueue(level_ids, program_id)
    except Exception:
        logger.exception("could not queue the waitlist notice for levels %s", level_ids)


def next_waiting(level_ids, program_id=None):
    entries = WaitlistEntry.objects.waiting().filter(level_id__in=level_ids, notified_at__isnull=True)
    if program_id is None:
        entries = entries.filter(program__isnull=True)
    else:
        entries = entries.filter(Q(program__isnull=True) | Q(program_id=program_id))
    return entries.exclude(owner__isnull=True).exclude(owner__email="").in_queue_order()


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


@task()
def tell_next_waiting(level_ids, program_id):
    """Tell the owner of the next person waiting, claimed once whichever worker gets here first."""
    now = timezone.now()
    for entry in next_waiting(level_ids, program_id).select_related("owner")[:5]:
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
