"""A change's course: proposed by an editor's save, then approved, sent back or withdrawn. Each is one
call that saves and records."""

import reversion
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format

from .models import PendingRevision
from .reviewed import set_fields, snapshot, write_parts

APPROVE = "review.approve_pendingrevision"


class StaleChange(Exception):
    """The live item was saved after the change was proposed: approving it would undo that save."""


def propose(item, values, user):
    """Keep `values` (snapshot()'s form) as the change waiting for review of `item`, which is saved."""
    return PendingRevision.objects.create(
        item=item,
        item_name=str(item)[:300],
        values=values,
        based_on=type(item)._default_manager.filter(pk=item.pk).values_list("updated_at", flat=True).get(),
        proposed_by=user,
    )


def pending_for(item):
    return PendingRevision.objects.pending().for_item(item).select_related("proposed_by").first()


def last_sent_back(item):
    return (
        PendingRevision.objects.for_item(item)
        .exclude(state=PendingRevision.State.WITHDRAWN)
        .order_by("-proposed_at", "-pk")
        .select_related("decided_by")
        .first()
    )


def _decide(pending, state, user, note=""):
    pending.state, pending.decided_by, pending.decided_at, pending.note = state, user, timezone.now(), note
    pending.save(update_fields=["state", "decided_by", "decided_at", "note"])


def approve(pending, user):
    """Put the change live, signed off by `user` today (the center's date); refused if the item was
    saved since the change was made, or if `user` may not approve."""
    if not user.has_perm(APPROVE):
        raise PermissionDenied
    if getattr(user, "reviewer_profile", None) is None:
        # The byline names who reviewed: an approval by someone without a reviewer's profile would
        # put the previous reviewer's name on text they never saw.
        raise StaleChange(
            "Only a reviewer with a public reviewer's profile can approve: link this account to one "
            "(Reviewers › the profile › account)."
        )
    with transaction.atomic():
        pending = PendingRevision.objects.select_for_update().get(pk=pending.pk)
        if pending.state != PendingRevision.State.PENDING:
            raise StaleChange("This change was already decided.")
        model = pending.content_type.model_class()
        item = model._default_manager.select_for_update().get(pk=pending.object_id)
        based_on_text = pending.values.get("live")
        changed = snapshot(item) != based_on_text if based_on_text is not None else item.updated_at != pending.based_on
        if changed:
            raise StaleChange(
                f"“{item}” was saved on {date_format(timezone.localtime(item.updated_at), 'N j, P')}, after this "
                "change was made: approving it would undo that save. Send it back so that it is made again."
            )
        with reversion.create_revision():
            write_parts(item, pending.values.get("parts", {}))
            set_fields(item, pending.values["fields"])
            item.reviewer = user.reviewer_profile
            item.last_reviewed = timezone.localdate()
            item.save()
            reversion.add_to_revision(item)  # with its parts as they are now
            reversion.set_user(user)
            who = pending.proposed_by.get_username() if pending.proposed_by else "someone"
            reversion.set_comment(
                f"Approved by {user.get_username()}: the change {who} made on "
                f"{date_format(timezone.localtime(pending.proposed_at), 'N j, P')}."
            )
        _decide(pending, PendingRevision.State.APPROVED, user)
    return item


def send_back(pending, user, note):
    if not user.has_perm(APPROVE):
        raise PermissionDenied
    _decide(pending, PendingRevision.State.SENT_BACK, user, note)


def withdraw(pending, user):
    _decide(pending, PendingRevision.State.WITHDRAWN, user)


def live_values(pending):
    """The item's reviewed text as it is live now."""
    return snapshot(pending.item)
