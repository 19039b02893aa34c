"""The part of an article's, level's or page's admin that holds a change to reviewed text for review.

The save goes on as usual for everything else (status, order, picture, topics); the reviewed text is
put back as it is live and what was typed is kept as a pending revision. While one waits, the text is
read-only (so that nothing typed is lost), and only reviewers may set a review date by hand."""

from django.contrib import admin, messages
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Exists, OuterRef, ProtectedError
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from reversion.errors import RevertError
from reversion.utils import mute_signals

from common.markdown import render_markdown
from staff.admin_claims import where
from staff.version_restore import restore

from .models import PendingRevision
from .reviewed import field_values, needs_sign_off, part_values, reviewed_text, set_fields, snapshot, write_parts
from .services import APPROVE, last_sent_back, pending_for, propose


class ReviewHoldMixin:
    def _live(self, obj):
        return type(obj)._default_manager.filter(pk=obj.pk).first() if obj is not None and obj.pk else None

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        live = self._live(obj)
        disabled = set()
        if not request.user.has_perm(APPROVE):
            disabled.add("last_reviewed")  # set by an approval, or by a reviewer signing off a first draft
            if live is not None and needs_sign_off(live):
                disabled.add("reviewer")
        if live is not None and pending_for(live) is not None:
            disabled.update(reviewed_text(self.model).fields)
        for name in disabled & set(form.base_fields):
            form.base_fields[name].disabled = True
            form.base_fields[name].help_text = _WHY_DISABLED.get(name, _WHY_DISABLED[None])
        return form

    def get_inline_instances(self, request, obj=None):
        inlines = super().get_inline_instances(request, obj)
        live = self._live(obj)
        if live is not None and pending_for(live) is not None:
            held = {getattr(self.model, accessor).rel.related_model for accessor in reviewed_text(self.model).parts}
            for inline in inlines:
                if inline.model in held:  # shown, not edited, while a change waits
                    inline.has_add_permission = inline.has_change_permission = inline.has_delete_permission = (
                        lambda *args, **kwargs: False
                    )
        return inlines

    def save_model(self, request, obj, form, change):
        live = self._live(obj) if change else None
        if live is None or not needs_sign_off(live):
            return super().save_model(request, obj, form, change)
        # What was typed, for the pending revision; the live row keeps the approved text.
        request.review_hold = {"live": snapshot(live), "fields": field_values(obj), "parts": {}}
        set_fields(obj, request.review_hold["live"]["fields"])
        return super().save_model(request, obj, form, change)

    def hold_restore(self, request, version, held):
        """Restoring an old version of reviewed text proposes that text for review, as an edit would:
        the restore is made, read and rolled back, and nothing changes for visitors until it is
        approved (the old version's other fields are not restored)."""
        live = self.model._default_manager.filter(pk=version.object_id).first()
        if live is None or not needs_sign_off(live):
            return super().hold_restore(request, version, held)
        current = snapshot(live)
        try:
            with transaction.atomic(using=version.db), mute_signals(*_SAVE_SIGNALS):
                restore(version, held, prepare=self.prepare_restore)
                raise _Restored(snapshot(self.model._default_manager.get(pk=live.pk)))
        except _Restored as restored:
            proposed = restored.values
        except (RevertError, ProtectedError):
            return None  # the restore view says why it cannot be restored
        change_page = reverse(
            f"admin:{self.model._meta.app_label}_{self.model._meta.model_name}_change", args=[live.pk]
        )
        if _unordered(proposed) == _unordered(current):
            self.message_user(request, "That version's text is the text visitors see now: nothing to restore.")
            return redirect(change_page)
        if pending_for(live) is not None:
            self.message_user(
                request, "A change to this text already waits for review: withdraw it first.", messages.ERROR
            )
            return redirect(change_page)
        pending = propose(live, {**proposed, "live": current}, request.user)
        self.message_user(
            request,
            format_html(
                "The text of that version waits for a reviewer: visitors see the approved text until it is "
                'approved. <a href="{}">See the change</a>.',
                reverse("admin:review_pendingrevision_change", args=[pending.pk]),
            ),
            messages.WARNING,
        )
        return redirect(change_page)

    def proposed_claim_texts(self, request):
        """The claims to warn of in a held change are in the text proposed, not the live one."""
        hold = getattr(request, "review_hold", None)
        if hold is None:
            return super().proposed_claim_texts(request)
        texts = []
        for column, value in hold["fields"].items():
            name, _, code = column.rpartition("_")
            if name in self.markdown_fields and value:
                label = self.model._meta.get_field(name).verbose_name
                texts.append((where(label, f"{name}_html_{code}"), render_markdown(value)))
        for rows in hold["parts"].values():
            for row in rows:
                for column, value in row.items():
                    if column.startswith("answer_") and value:
                        html_column = column.replace("answer_", "answer_html_", 1)
                        texts.append((where(f"Answer {row.get('position', '')}", html_column), render_markdown(value)))
        return texts

    def holds_for_review(self, request):
        """Whether this save keeps the text aside for review (its parts are then not written now)."""
        return hasattr(request, "review_hold")

    def save_formset(self, request, form, formset, change):
        hold = getattr(request, "review_hold", None)
        spec = reviewed_text(self.model)
        accessor = next(
            (name for name in spec.parts if getattr(self.model, name).rel.related_model is formset.model), None
        )
        if hold is None or accessor is None:
            return super().save_formset(request, form, formset, change)
        kept = [
            f.instance for f in formset.forms if f not in formset.deleted_forms and (f.instance.pk or f.has_changed())
        ]
        kept.sort(key=lambda part: (part.position, part.pk or 0))
        hold["parts"][accessor] = part_values(kept, spec.parts[accessor])
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []  # nothing saved

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        hold = getattr(request, "review_hold", None)
        if hold is None:
            return
        del request.review_hold
        live = hold["live"]
        proposed = {"fields": hold["fields"], "parts": {**live["parts"], **hold["parts"]}}
        if _unordered(proposed) == _unordered(live):
            # Only the order of the parts changed, which needs no review: it goes live now.
            if proposed != live:
                write_parts(form.instance, proposed["parts"])
            return
        # With the text it was based on: an approval is stale only if that text changed since.
        pending = propose(form.instance, {**proposed, "live": live}, request.user)
        request.review_pending = pending
        self.message_user(
            request,
            format_html(
                "The change to the text waits for a reviewer: visitors see the approved text until "
                'it is approved. <a href="{}">See the change</a>.',
                reverse("admin:review_pendingrevision_change", args=[pending.pk]),
            ),
            messages.WARNING,
        )

    def message_user(self, request, message, level=messages.INFO, *args, **kwargs):
        if level == messages.SUCCESS and getattr(request, "review_pending", None) is not None:
            return  # "changed successfully" would say the text is live: the warning says what happened
        super().message_user(request, message, level, *args, **kwargs)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if request.method == "GET":
            obj = self.get_object(request, object_id)
            if obj is not None:
                self._say_what_waits(request, obj)
        return super().change_view(request, object_id, form_url, extra_context)

    def _say_what_waits(self, request, obj):
        pending = pending_for(obj)
        if pending is not None:
            who = pending.proposed_by.get_username() if pending.proposed_by else "someone"
            self.message_user(
                request,
                format_html(
                    "A change to the text, made by {} on {}, waits for a reviewer; visitors see the approved "
                    'text. The text cannot be edited meanwhile. <a href="{}">See the change, or withdraw it</a>.',
                    who,
                    date_format(timezone.localtime(pending.proposed_at), "N j, P"),
                    reverse("admin:review_pendingrevision_change", args=[pending.pk]),
                ),
                messages.WARNING,
            )
            return
        latest = last_sent_back(obj)
        if latest is not None and latest.state == PendingRevision.State.SENT_BACK:
            who = latest.decided_by.get_username() if latest.decided_by else "a reviewer"
            self.message_user(request, f"Your last change was sent back by {who}: “{latest.note}”", messages.WARNING)

    def get_queryset(self, request):
        waiting = PendingRevision.objects.pending().filter(
            content_type=ContentType.objects.get_for_model(self.model), object_id=OuterRef("pk")
        )
        return super().get_queryset(request).annotate(has_pending_change=Exists(waiting))

    @admin.display(description="change")
    def pending_review(self, obj):
        return "Waiting for review" if getattr(obj, "has_pending_change", False) else "—"


class _Restored(Exception):
    """Rolls back a restore made only to read the text it would bring back."""

    def __init__(self, values):
        self.values = values


_SAVE_SIGNALS = (pre_save, post_save, pre_delete, post_delete, m2m_changed)


def _unordered(values):
    """`values` without the parts' positions: what a reordering leaves as it was."""
    parts = {
        accessor: sorted(({k: v for k, v in row.items() if k != "position"} for row in rows), key=repr)
        for accessor, rows in values["parts"].items()
    }
    return {"fields": values["fields"], "parts": parts}


_WHY_DISABLED = {
    "last_reviewed": "Set when a reviewer approves a change (Review › Changes waiting for review).",
    "reviewer": "Reviewed content keeps its reviewer; a reviewer who approves a change becomes it.",
    None: "A change waits for review: withdraw it or wait for the reviewer to edit this again.",
}
