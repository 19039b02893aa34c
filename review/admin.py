from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html

from staff.admin_base import StaffAdmin

from .diff import differences
from .models import PendingRevision
from .services import APPROVE, StaleChange, approve, live_values, send_back, withdraw


@admin.register(PendingRevision)
class PendingRevisionAdmin(StaffAdmin):
    """The reviewers' queue: every change waiting for review, oldest first; each opens on the
    difference from the live text, with approve, send back and (for editors) withdraw."""

    list_display = ["item_link", "kind", "proposed_by", "proposed_at"]
    list_display_links = None
    list_select_related = ["content_type", "proposed_by"]
    search_fields = ["item_name"]
    review_template = "admin/review/pending_revision.html"

    def get_queryset(self, request):
        return super().get_queryset(request).pending()

    @admin.display(description="item", ordering="item_name")
    def item_link(self, pending):
        return format_html(
            '<a href="{}">{}</a>', reverse("admin:review_pendingrevision_change", args=[pending.pk]), pending.item_name
        )

    @admin.display(description="kind")
    def kind(self, pending):
        return pending.content_type.model_class()._meta.verbose_name

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False  # decided on the review page, never edited

    def has_delete_permission(self, request, obj=None):
        return False

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if not self.has_view_permission(request):
            raise PermissionDenied
        pending = self.get_object(request, object_id)  # a plain number, and still waiting
        if pending is None:
            raise Http404
        if pending.item is None:  # deleted since: nothing is left to review
            withdraw(pending, request.user)
            messages.info(request, f"“{pending.item_name}” was deleted since its change was made.")
            return redirect("admin:review_pendingrevision_changelist")
        model = pending.content_type.model_class()
        item_opts = model._meta
        may_withdraw = request.user.has_perm(f"{item_opts.app_label}.change_{item_opts.model_name}")
        may_approve = request.user.has_perm(APPROVE)
        if request.method == "POST":
            return self._decide(request, pending, may_approve, may_withdraw)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": f"Review the change to “{pending.item_name}”",
            "pending": pending,
            "differences": differences(model, live_values(pending), pending.values),
            "item_url": reverse(f"admin:{item_opts.app_label}_{item_opts.model_name}_change", args=[pending.object_id]),
            "may_approve": may_approve,
            "may_withdraw": may_withdraw,
            **(extra_context or {}),
        }
        return TemplateResponse(request, self.review_template, context)

    def _decide(self, request, pending, may_approve, may_withdraw):
        action = request.POST.get("action")
        queue = reverse("admin:review_pendingrevision_changelist")
        if action == "approve" and may_approve:
            try:
                approve(pending, request.user)
            except StaleChange as error:
                messages.error(request, str(error))
                return redirect(request.path)
            messages.success(request, f"Approved: visitors now see the change to “{pending.item_name}”.")
        elif action == "send_back" and may_approve:
            note = request.POST.get("note", "").strip()
            if not note:
                messages.error(request, "Say what needs to change before sending it back.")
                return redirect(request.path)
            send_back(pending, request.user, note)
            messages.success(request, f"Sent back the change to “{pending.item_name}” with your note.")
        elif action == "withdraw" and may_withdraw:
            withdraw(pending, request.user)
            messages.success(request, f"Withdrew the change to “{pending.item_name}”.")
        else:
            raise PermissionDenied
        return redirect(queue)
