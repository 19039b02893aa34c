import logging

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.views.autocomplete import AutocompleteJsonView
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.timesince import timesince

from core.admin_guard import GuardedAdminMixin, is_plain_number
from core.stale_edits import RefuseStaleEditsMixin

from . import services
from .exports import csv_response
from .models import AccessRecord, Inquiry, Note, Notification, search_kind
from .notifications import enqueue_delivery

logger = logging.getLogger(__name__)


def humanize_duration(delta):
    if delta is None:
        return "—"
    minutes = int(delta.total_seconds() // 60)
    if minutes < 60:
        return f"{minutes} min"
    hours, minutes = divmod(minutes, 60)
    if hours < 48:
        return f"{hours} h {minutes} min"
    return f"{hours // 24} days"


class StatusFilter(admin.SimpleListFilter):
    """Spam stays out of the inbox unless asked for."""

    title = "status"
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return [("all", "All but spam"), *Inquiry.Status.choices, ("open", "Open (not closed, admitted or referred)")]

    def choices(self, changelist):
        for lookup, title in self.lookup_choices:
            selected = self.value() == lookup or (self.value() is None and lookup == "all")
            yield {
                "selected": selected,
                "query_string": changelist.get_query_string({self.parameter_name: lookup}),
                "display": title,
            }

    def queryset(self, request, queryset):
        value = self.value()
        if value in (None, "all"):
            return queryset.inbox()
        if value == "open":
            return queryset.inbox().exclude(
                status__in=[Inquiry.Status.CLOSED, Inquiry.Status.ADMITTED, Inquiry.Status.REFERRED_OUT]
            )
        return queryset.filter(status=value)


class NoteInline(admin.TabularInline):
    model = Note
    extra = 1
    fields = ["created_at", "kind", "outcome", "text", "author"]
    readonly_fields = ["author"]
    ordering = ["created_at", "pk"]

    def has_delete_permission(self, request, obj=None):
        return False  # the contact timeline is a record; mistakes get a correcting note


class NotificationInline(admin.TabularInline):
    model = Notification
    extra = 0
    fields = ["status", "attempts", "last_error", "created_at", "sent_at"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Inquiry)
class InquiryAdmin(GuardedAdminMixin, RefuseStaleEditsMixin, admin.ModelAdmin):
    list_display = [
        "__str__",
        "status_badge",
        "name",
        "level",
        "inquiry_for",
        "age",
        "assigned_to",
        "first_contact_time",
        "duplicate_flag",
    ]
    list_display_links = ["__str__", "name"]
    list_filter = [StatusFilter, "level", "assigned_to", "inquiry_for", ("created_at", admin.DateFieldListFilter)]
    list_select_related = ["level", "assigned_to"]
    search_fields = ["name", "email", "phone"]
    date_hierarchy = "created_at"
    list_per_page = 50
    inlines = [NoteInline, NotificationInline]
    actions = ["assign_to_me", "mark_contacted", "mark_spam", "mark_not_spam", "export_csv"]
    readonly_fields = [
        "created_at",
        "first_contact_at",
        "closed_at",
        "first_contact_time",
        "possible_duplicates",
        "spam_reason",
        "attribution_display",
        "consent_text",
    ]
    fieldsets = [
        ("Pipeline", {"fields": ["status", "close_reason", "assigned_to", "spam_reason"]}),
        ("Person", {"fields": ["name", "phone", "email", "preferred_contact", "best_time", "possible_duplicates"]}),
        ("Request", {"fields": ["inquiry_for", "level", "payment", "insurance_carrier", "message"]}),
        ("Times", {"fields": ["created_at", "first_contact_at", "first_contact_time", "closed_at"]}),
        ("Source", {"classes": ["collapse"], "fields": ["attribution_display", "consent_text"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).with_duplicate_flag()

    @admin.display(description="status", ordering="status")
    def status_badge(self, inquiry):
        if inquiry.is_overdue():
            return format_html(
                '<strong style="color:#a4161a">⚠ {} – past the {}-minute target</strong>',
                inquiry.get_status_display(),
                settings.INTAKE_RESPONSE_TARGET_MINUTES,
            )
        return inquiry.get_status_display()

    @admin.display(description="age", ordering="created_at")
    def age(self, inquiry):
        return f"{timesince(inquiry.created_at, depth=1)} ago"

    @admin.display(description="time to first contact")
    def first_contact_time(self, inquiry):
        return humanize_duration(inquiry.time_to_first_contact)

    @admin.display(description="dup?", boolean=True)
    def duplicate_flag(self, inquiry):
        return getattr(inquiry, "has_duplicate", False)

    @admin.display(description="possible duplicates (same phone or e-mail within 30 days)")
    def possible_duplicates(self, inquiry):
        others = Inquiry.objects.possible_duplicates_of(inquiry).only("pk", "created_at", "status")[:10]
        if not others:
            return "None"
        return format_html_join(
            ", ",
            '<a href="{}">#{} ({}, {})</a>',
            ((o.get_admin_url(), o.pk, o.get_status_display(), o.created_at.date()) for o in others),
        )

    @admin.display(description="where they came from")
    def attribution_display(self, inquiry):
        rows = []
        for label, key in (("First visit", "first_touch"), ("Latest visit", "last_touch")):
            touch = (inquiry.attribution or {}).get(key) or {}
            details = "; ".join(f"{k}: {v}" for k, v in touch.items()) or "unknown"
            rows.append((label, details))
        return format_html_join("", "<p><strong>{}</strong>: {}</p>", rows)

    def get_search_results(self, request, queryset, search_term):
        found, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        return found | queryset.with_phone_like(search_term), may_have_duplicates

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        if request.method == "GET" and response.status_code == 200:
            filters = ", ".join(sorted(key for key in request.GET if key not in ("q", "p", "o")))
            AccessRecord.record_list(request.user, AccessRecord.Action.LIST, f"filters: {filters or 'none'}")
            if request.GET.get("q"):
                AccessRecord.record_list(request.user, AccessRecord.Action.SEARCH, search_kind(request.GET["q"]))
        return response

    def history_view(self, request, object_id, extra_context=None):
        response = super().history_view(request, object_id, extra_context)
        if response.status_code == 200:
            AccessRecord.record(request.user, [int(object_id)], AccessRecord.Action.VIEW, "history")
        return response

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        response = super().changeform_view(request, object_id, form_url, extra_context)
        if object_id and is_plain_number(object_id):
            if request.method == "POST" and response.status_code == 302:
                AccessRecord.record(request.user, [int(object_id)], AccessRecord.Action.CHANGE)
            elif request.method == "GET" and response.status_code == 200:
                AccessRecord.record(request.user, [int(object_id)], AccessRecord.Action.VIEW)
        return response

    def delete_model(self, request, inquiry):
        AccessRecord.record(request.user, [inquiry.pk], AccessRecord.Action.DELETE)
        super().delete_model(request, inquiry)

    def delete_queryset(self, request, queryset):
        AccessRecord.record(request.user, queryset.values_list("pk", flat=True), AccessRecord.Action.DELETE)
        super().delete_queryset(request, queryset)

    def save_model(self, request, inquiry, form, change):
        if "status" in form.changed_data:
            services.move(inquiry, inquiry.status, close_reason=inquiry.close_reason)
        super().save_model(request, inquiry, form, change)

    def save_formset(self, request, form, formset, change):
        if formset.model is not Note:
            return super().save_formset(request, form, formset, change)
        for note in formset.save(commit=False):
            services.add_note(form.instance, note, request.user)
        formset.save_m2m()

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        original_clean = form.clean

        def clean(form_self):
            cleaned = original_clean(form_self)
            if cleaned.get("status") == Inquiry.Status.CLOSED and not cleaned.get("close_reason"):
                form_self.add_error("close_reason", "Choose why the inquiry is closed.")
            return cleaned

        form.clean = clean
        return form

    @admin.action(description="Assign to me")
    def assign_to_me(self, request, queryset):
        count = queryset.update(assigned_to=request.user, updated_at=timezone.now())
        AccessRecord.record(request.user, queryset.values_list("pk", flat=True), AccessRecord.Action.CHANGE)
        self.message_user(request, f"{count} inquir{'y' if count == 1 else 'ies'} assigned to you.")

    @admin.action(description="Mark as contacted")
    def mark_contacted(self, request, queryset):
        return self._move(request, queryset, Inquiry.Status.CONTACTED)

    @admin.action(description="Mark as spam")
    def mark_spam(self, request, queryset):
        return self._move(request, queryset, Inquiry.Status.SPAM)

    @admin.action(description="Not spam: move back to new")
    def mark_not_spam(self, request, queryset):
        return self._move(request, queryset, Inquiry.Status.NEW)

    def _move(self, request, queryset, status):
        """Asks first, saying how many will move and how many stay; then moves them."""
        label = Inquiry.Status(status).label
        if request.POST.get("confirmed") != "yes":
            can_move = services.movable(queryset, status).count()
            context = {
                **self.admin_site.each_context(request),
                "title": f"Move inquiries to “{label}”?",
                "opts": self.model._meta,
                "selected": queryset.values_list("pk", flat=True),
                "action": request.POST.get("action", ""),
                "can_move": can_move,
                "stay": queryset.count() - can_move,
                "status_label": label,
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            }
            return TemplateResponse(request, "admin/intake/inquiry/confirm_move.html", context)
        moved = services.move_many(queryset, status, request.user)
        skipped = queryset.count() - len(moved)
        left = f" {skipped} left as they were: a bulk move never goes backwards or reopens one." if skipped else ""
        self.message_user(request, f"{len(moved)} moved to “{label}”.{left}")
        return None

    @admin.action(description="Export selected to CSV", permissions=["export"])
    def export_csv(self, request, queryset):
        response, exported = csv_response(queryset)
        AccessRecord.record(request.user, exported, AccessRecord.Action.EXPORT)
        logger.info("user %s exported %s inquiries", request.user.pk, len(exported))
        return response

    def has_export_permission(self, request):
        return request.user.has_perm("intake.export_inquiry")


@admin.register(Notification)
class NotificationAdmin(GuardedAdminMixin, admin.ModelAdmin):
    list_display = ["__str__", "status", "attempts", "last_error", "created_at", "sent_at"]
    list_filter = ["status"]
    readonly_fields = ["inquiry", "status", "attempts", "last_error", "created_at", "sent_at"]
    actions = ["retry"]

    def has_add_permission(self, request):
        return False

    @admin.action(description="Retry sending now", permissions=["change"])
    def retry(self, request, queryset):
        ids = list(queryset.exclude(status=Notification.Status.SENT).values_list("pk", flat=True))
        for pk in ids:
            enqueue_delivery(pk)
        self.message_user(request, f"{len(ids)} notification(s) queued again.", messages.SUCCESS)


@admin.register(AccessRecord)
class AccessRecordAdmin(GuardedAdminMixin, admin.ModelAdmin):
    """Read-only, and for superusers only."""

    list_display = ["at", "user", "action", "inquiry_ref"]
    list_filter = ["action", "user", ("at", admin.DateFieldListFilter)]
    search_fields = ["inquiry_ref", "user__username"]
    date_hierarchy = "at"
    list_select_related = ["user"]

    def has_module_permission(self, request):
        return request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class LoggedAutocompleteView(AutocompleteJsonView):
    """The admin's autocomplete, noting searches made from an inquiry's page in the access log."""

    def get(self, request, *args, **kwargs):
        if request.GET.get("app_label") == Inquiry._meta.app_label:  # noted before it may be refused
            detail = (
                f"autocomplete of {request.GET.get('field_name', '')[:40]}: {search_kind(request.GET.get('term', ''))}"
            )
            AccessRecord.record_list(request.user, AccessRecord.Action.SEARCH, detail)
        return super().get(request, *args, **kwargs)
