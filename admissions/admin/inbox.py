"""The admissions inbox: the inquiry admin (queues, filters, the workspace, bulk moves, CSV export, the
speed-to-lead dashboard URL), the notification admin and the autocomplete that notes searches in the access log."""

from django import forms
from django.apps import apps
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.utils import flatten_fieldsets
from django.contrib.admin.views.autocomplete import AutocompleteJsonView
from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseBadRequest, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.html import format_html, format_html_join
from django.utils.timesince import timesince
from django.utils.translation import gettext, gettext_lazy

from intake import services
from intake.date_input import BirthDateField
from intake.encryption import CANNOT_DECRYPT, CannotDecrypt
from intake.models import AccessRecord, Inquiry, Notification, search_kind
from intake.notifications import enqueue_delivery
from intake.text import humanize_duration
from staff.admin_base import StaffAdmin, is_plain_number
from staff.admin_widgets import LabelledDateTimeMixin
from staff.groups import ADMISSIONS_LEADS, admissions_staff
from staff.stale_edits import SEEN

from .. import assessments, duplicates, export_views
from ..access import AccessLoggedAdminMixin
from ..dashboard import views as dashboard_views
from ..exports import export_response
from ..inquiry_form import ASSESSMENT_FIELDS, InquiryForm
from ..workspace import LogContactForm, assessment_text, needs_care, timeline, waiting


class CappedPaginator(Paginator):
    """Counts no further than CAP inquiries: past that an exact number is not worth reading the whole
    table for on every page of the inbox (the pages shown are the newest anyway)."""

    CAP = 10_000

    @cached_property
    def count(self):
        return self.object_list[: self.CAP].count()


class QueueFilter(admin.SimpleListFilter):
    """The queues a coordinator works from, one click away."""

    title = "queue"
    parameter_name = "queue"

    queues = [("overdue", "Overdue (new, past the target)"), ("follow_up", "Follow-up due"), ("mine", "Mine")]

    def lookups(self, request, model_admin):
        return self.queues

    def queryset(self, request, queryset):
        if self.value() == "overdue":
            return queryset.overdue()
        if self.value() == "follow_up":
            return queryset.follow_up_due()
        if self.value() == "mine":
            return queryset.mine(request.user)
        return queryset


class StaffFilter(admin.RelatedFieldListFilter):
    """Only the people who work inquiries, not every login."""

    def field_choices(self, field, request, model_admin):
        return [(user.pk, str(user)) for user in admissions_staff()]


class StatusFilter(admin.SimpleListFilter):
    """The inbox opens on the inquiries still being worked; closed, admitted and referred ones are one
    click away, and spam only when asked for."""

    title = "status"
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return [("open", "Open (not closed, admitted or referred)"), ("all", "All but spam"), *Inquiry.Status.choices]

    def choices(self, changelist):
        for lookup, title in self.lookup_choices:
            selected = self.value() == lookup or (self.value() is None and lookup == "open")
            yield {
                "selected": selected,
                "query_string": changelist.get_query_string({self.parameter_name: lookup}),
                "display": title,
            }

    def queryset(self, request, queryset):
        value = self.value()
        if value in (None, "open"):
            return queryset.open()
        if value == "all":
            return queryset.inbox()
        return queryset.filter(status=value)


class NotificationInline(admin.TabularInline):
    model = Notification
    extra = 0
    fields = ["status", "attempts", "last_error", "created_at", "sent_at"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


# The person who needs care: the caller too, when they call for themselves.
PATIENT_FIELDS = [
    "patient_name",
    "patient_birth_date",
    "patient_gender_identity",
    "patient_sex_at_birth",
    "patient_language",
    "patient_pronouns",
]


@admin.register(Inquiry)
class InquiryAdmin(AccessLoggedAdminMixin, LabelledDateTimeMixin, StaffAdmin):
    refuse_stale_edits = True
    change_form_template = "admin/intake/inquiry/workspace.html"
    form = InquiryForm
    list_display = [
        "number",
        "status_badge",
        "name",
        "phone_link",
        "channel",
        "language",
        "level_short",
        "age",
        "assigned_to",
        "follow_up",
        "first_contact_time",
        "duplicate",
        "voicemail",
    ]
    list_display_links = ["number", "name"]
    list_filter = [
        QueueFilter,
        StatusFilter,
        "channel",
        "language",
        "level",
        "referral_source",
        ("assigned_to", StaffFilter),
        ("created_at", admin.DateFieldListFilter),
    ]
    list_select_related = ["level", "assigned_to"]
    search_fields = ["name", "email"]  # and the phone, by its digits: see get_search_results
    search_help_text = "A name, an e-mail address or a phone number written any way."
    # No date hierarchy: the "created at" filter gives the same periods without the year and month
    # lists, which read every inquiry on every page.
    list_per_page = 50
    paginator = CappedPaginator
    show_full_result_count = False
    inlines = [NotificationInline]
    # No "Mark as contacted": a contact is logged on the inquiry's page, one person and one outcome at a time.
    actions = ["assign_to_me", "mark_spam", "mark_not_spam", "export_csv"]
    readonly_fields = [
        "created_at",
        "first_contact_at",
        "first_reached_at",
        "assessment_scheduled_at",
        "closed_at",
        "first_contact_time",
        "possible_duplicates",
        "spam_reason",
        "attribution_display",
        "consent_text",
        "insurance_verification",
    ]
    fieldsets = [
        ("Pipeline", {"fields": ["status", "close_reason", "assigned_to", "spam_reason"]}),
        (
            "Assessment",
            {
                "description": "Needed for “Assessment scheduled”: when (the center's time), with whom, in person "
                "or by video. Its assessor is e-mailed a link the day before.",
                "fields": list(ASSESSMENT_FIELDS.values()),
            },
        ),
        ("Follow-up", {"fields": ["follow_up_step", "follow_up_at", "follow_up_owner"]}),
        (
            "Caller",
            {
                "fields": [
                    "name",
                    "caller_relationship",
                    "phone",
                    "email",
                    "preferred_contact",
                    "best_time",
                    "voicemail_ok",
                    "possible_duplicates",
                ]
            },
        ),
        ("Person who needs care", {"fields": PATIENT_FIELDS}),
        (
            "Request",
            {"fields": ["inquiry_for", "level", "payment", "insurance_carrier", "insurance_verification", "message"]},
        ),
        ("Channel", {"fields": ["channel", "language", "referral_source", "referral_contact"]}),
        (
            "Times",
            {
                "fields": [
                    "created_at",
                    "first_contact_at",
                    "first_contact_time",
                    "first_reached_at",
                    "assessment_scheduled_at",
                    "closed_at",
                ]
            },
        ),
        ("Source", {"classes": ["collapse"], "fields": ["attribution_display", "consent_text"]}),
    ]
    radio_fields = {"received_as": admin.VERTICAL}
    add_fieldsets = [
        ("Channel", {"fields": ["channel", "received_as", "language", "referral_source", "referral_contact"]}),
        (
            "Caller",
            {
                "fields": [
                    "name",
                    "caller_relationship",
                    "phone",
                    "email",
                    "preferred_contact",
                    "best_time",
                    "voicemail_ok",
                ]
            },
        ),
        ("Person who needs care", {"fields": PATIENT_FIELDS}),
        ("Request", {"fields": ["inquiry_for", "level", "payment", "insurance_carrier", "message"]}),
        ("Pipeline", {"fields": ["assigned_to"]}),
        ("Follow-up", {"fields": ["follow_up_step", "follow_up_at", "follow_up_owner"]}),
    ]

    def get_fieldsets(self, request, obj=None):
        if obj is None:
            return self.add_fieldsets
        fieldsets = super().get_fieldsets(request, obj)
        if not obj.is_read_only:
            return fieldsets
        # Admitted: the assessment's boxes (the form's own, not the model's) shown as it was set.
        boxes = set(ASSESSMENT_FIELDS.values())
        return [
            (name, {**options, "fields": [f for f in options["fields"] if f not in boxes] or ["assessment_shown"]})
            if boxes & set(options["fields"])
            else (name, options)
            for name, options in fieldsets
        ]

    def get_queryset(self, request):
        # Lists decrypt no date of birth (they show none); the inquiry's own page loads it (get_object).
        return super().get_queryset(request).defer("patient_birth_date")

    def get_object(self, request, object_id, from_field=None):
        inquiry = super().get_object(request, object_id, from_field)
        if inquiry is not None:
            inquiry.refresh_from_db(fields=["patient_birth_date"])
        return inquiry

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "patient_birth_date":
            # The three boxes of the insurance form: month, day, year, each a number pad on a phone.
            return BirthDateField(required=False, label="Date of birth", help_text="Month, day and year.")
        if db_field.name == "name":
            kwargs["label"] = "Caller's name"
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.is_read_only:
            # Admitted: every field shown as it is (notes and contacts are still logged, at the top).
            shown = flatten_fieldsets(self.get_fieldsets(request, obj))
            return [name for name in shown if name != SEEN]
        # The channel a website inquiry came by, and the language it was written in, are facts; staff
        # choose them for the ones they add.
        return [*self.readonly_fields, "channel", "language"] if obj else self.readonly_fields

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method == "POST" and object_id and is_plain_number(object_id):
            inquiry = self.get_queryset(request).filter(pk=object_id).only("pk", "status").first()
            if inquiry is not None and inquiry.is_read_only and self.has_view_permission(request, inquiry):
                # Refused whatever it sends, before any form is read: nothing is saved or recorded.
                self.message_user(request, services.READ_ONLY % {"number": inquiry.pk}, messages.ERROR)
                return HttpResponseRedirect(inquiry.get_admin_url())
        return super().changeform_view(request, object_id, form_url, extra_context)

    def get_changeform_initial_data(self, request):
        return {
            "channel": Inquiry.Channel.PHONE,
            # A call answered or someone at the desk: reached as it is entered.
            "received_as": Inquiry.ReceivedAs.LIVE,
            "assigned_to": request.user.pk,
            **super().get_changeform_initial_data(request),
        }

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in ("assigned_to", "follow_up_owner"):
            # Only people who work inquiries: admissions staff and superusers, not content editors.
            kwargs["queryset"] = admissions_staff()
        if db_field.name == "referral_contact":
            # Each option names its organisation, so the page narrows the list to the chosen source;
            # Inquiry.clean refuses a person from another one.
            kwargs["widget"] = duplicates.ReferralContactSelect
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if obj is None:  # Add inquiry: a phone or e-mail already on an open inquiry is said while typed
            check = reverse("admin:intake_inquiry_duplicate_check")
            for name in ("phone", "email"):
                if name in form.base_fields:
                    form.base_fields[name].widget.attrs["data-duplicate-check"] = check
        return form

    def formfield_for_choice_field(self, db_field, request, **kwargs):
        if db_field.name == "channel":
            kwargs["choices"] = [c for c in Inquiry.Channel.choices if c[0] != Inquiry.Channel.WEBSITE]
        if db_field.name == "received_as":
            # Asked of every inquiry staff add (a website inquiry has none).
            kwargs.update(
                choices=Inquiry.ReceivedAs.choices, required=True, label=gettext_lazy("How did this reach you?")
            )
        if db_field.name in ("voicemail_ok", "patient_sex_at_birth"):
            # A form sent without it (an older page) keeps the inquiry's answer.
            kwargs["required"] = False
        return super().formfield_for_choice_field(db_field, request, **kwargs)

    @admin.display(description="no.", ordering="pk")
    def number(self, inquiry):
        return f"#{inquiry.pk}"

    @admin.display(description="status", ordering="status")
    def status_badge(self, inquiry):
        if inquiry.is_overdue():
            return format_html(
                '<strong class="overdue" title="Past the {}-minute response target">⚠ {}, overdue</strong>',
                settings.INTAKE_RESPONSE_TARGET_MINUTES,
                inquiry.get_status_display(),
            )
        return inquiry.get_status_display()

    @admin.display(description="phone", empty_value="")
    def phone_link(self, inquiry):
        if not inquiry.phone:
            return ""
        return format_html('<a href="tel:{}">{}</a>', inquiry.phone, inquiry.phone.as_national)

    @admin.display(description="level", ordering="level__intensity_rank")
    def level_short(self, inquiry):
        return inquiry.level.short_name if inquiry.level else "not sure"

    @admin.display(description="age", ordering="created_at")
    def age(self, inquiry):
        return f"{timesince(inquiry.created_at, depth=1)} ago"

    @admin.display(description="follow-up", ordering="follow_up_at")
    def follow_up(self, inquiry):
        if inquiry.follow_up_at is None:
            return "—"
        due = date_format(timezone.localtime(inquiry.follow_up_at), "M j, g:i A")
        if inquiry.follow_up_at <= timezone.now() and inquiry.status not in Inquiry.FINISHED:
            return format_html('<strong class="overdue">due {}</strong>', due)
        return due

    @admin.display(description="1st contact after")
    def first_contact_time(self, inquiry):
        return humanize_duration(inquiry.time_to_first_contact)

    @admin.display(description="duplicate?", ordering="has_duplicate", empty_value="")
    def duplicate(self, inquiry):
        # A word on the rows that need a look, nothing on the others (a tick read as "fine").
        return (
            format_html('<strong class="duplicate-flag">{}</strong>', "Possible duplicate")
            if inquiry.has_duplicate
            else ""
        )

    @admin.display(description="voicemail naming us?", ordering="voicemail_ok")
    def voicemail(self, inquiry):
        # "No" stands out: a voicemail or text naming a treatment center can put someone at risk.
        if inquiry.voicemail_ok == Inquiry.Voicemail.NO:
            return format_html('<strong class="no-voicemail">{}</strong>', "No: do not name us")
        return inquiry.get_voicemail_ok_display()

    @admin.display(description="assessment")
    def assessment_shown(self, inquiry):
        return assessment_text(inquiry) or "None set"

    @admin.display(description="insurance verification")
    def insurance_verification(self, inquiry):
        # Nothing decrypted (none of it is shown here): one stored under another key breaks nothing.
        verifications = list(inquiry.verifications.secrets_withheld().order_by("-requested_at")) if inquiry.pk else []
        add = format_html(
            '<a class="button" href="{}?inquiry={}">Verify insurance</a>',
            reverse("admin:intake_insuranceverification_add"),
            inquiry.pk,
        )
        if not verifications:
            return format_html("None yet. {}", add)
        rows = format_html_join(
            "<br>",
            '<a href="{}">{}: {}{}</a>{}',
            (
                (
                    reverse("admin:intake_insuranceverification_change", args=[v.pk]),
                    v.shown_number,
                    v.get_status_display(),
                    f" ({v.get_result_display().lower()})" if v.result else "",
                    " — stale: verify again" if v.is_stale else "",
                )
                for v in verifications
            ),
        )
        return format_html("{}<br>{}", rows, add)

    @admin.display(description="possible duplicates (same phone or e-mail within 30 days)")
    def possible_duplicates(self, inquiry):
        others = Inquiry.objects.possible_duplicates_of(inquiry).only("pk", "created_at", "status", "channel")[:10]
        if not others:
            return "None"
        return format_html_join(
            ", ",
            '<a href="{}">#{} ({}, {}, {})</a>',
            (
                (o.get_admin_url(), o.pk, o.get_status_display(), o.get_channel_display(), o.created_at.date())
                for o in others
            ),
        )

    @admin.display(description="where they came from")
    def attribution_display(self, inquiry):
        rows = []
        for label, key in (("First visit", "first_touch"), ("Latest visit", "last_touch")):
            touch = (inquiry.attribution or {}).get(key) or {}
            details = "; ".join(f"{k}: {v}" for k, v in touch.items()) or "unknown"
            rows.append((label, details))
        for touch in (inquiry.attribution or {}).get("other_touches", []):
            touch = dict(touch)
            label = gettext("Visit of merged inquiry #%(number)s") % {"number": touch.pop("from_inquiry", "?")}
            rows.append((label, "; ".join(f"{k}: {v}" for k, v in touch.items()) or "unknown"))
        return format_html_join("", "<p><strong>{}</strong>: {}</p>", rows)

    def changelist_view(self, request, extra_context=None):
        # The queues first, above the search and the list: on a phone the filters sit below 50 rows.
        chosen = request.GET.get(QueueFilter.parameter_name)
        inbox = reverse("admin:intake_inquiry_changelist")
        queues = [("Every open one", inbox, chosen is None)]
        queues += [(label, f"{inbox}?queue={key}", chosen == key) for key, label in QueueFilter.queues]
        extra_context = {"inbox_queues": queues, **(extra_context or {})}
        if not self.has_export_permission(request):
            # Said where the action would be, rather than an action silently missing.
            note = gettext("Exporting to CSV is for %(group)s. Ask an administrator to add you to %(group)s.") % {
                "group": ADMISSIONS_LEADS
            }
            extra_context["export_note"] = note
        return super().changelist_view(request, extra_context)

    def get_search_results(self, request, queryset, search_term):
        """A phone number is looked up by its stored digits; anything else by name or e-mail."""
        by_phone = queryset.with_phone_like(search_term)
        if by_phone.query.is_empty():
            return super().get_search_results(request, queryset, search_term)
        return by_phone, False

    def get_deleted_objects(self, objs, request):
        try:
            return super().get_deleted_objects(objs, request)
        except CannotDecrypt:
            # The admin's own list names each verification, decrypting it; one under another key cannot be.
            summary = [
                f"{inquiry}, with its notes, history, notifications, insurance verifications (one or more "
                f"{CANNOT_DECRYPT}) and their card photos"
                for inquiry in objs
            ]
            may = request.user.has_perm("intake.delete_insuranceverification")
            return summary, {self.opts.verbose_name_plural: len(objs)}, set() if may else {"insurance verification"}, []

    def save_model(self, request, inquiry, form, change):
        if change:
            # What the person changed, as it was (the form's own fields, such as the stale-edit check's, left out).
            fields = {field.name for field in self.opts.fields}
            changed = {name: form.initial.get(name) for name in form.changed_data if name in fields}
            services.edit_inquiry(
                inquiry=inquiry, by=request.user, changed=changed, assessment=form.assessment_details()
            )
        else:
            services.add_inquiry(inquiry=inquiry, by=request.user)
            duplicates.warn_on_save(self, request, inquiry)

    def get_urls(self):
        log = self.admin_site.admin_view(self.log_contact_view)
        board = self.admin_site.admin_view(self.dashboard_view)
        week = self.admin_site.admin_view(self.assessments_view)
        return [
            path("speed-to-lead/", board, name="intake_inquiry_dashboard"),
            path("assessments/", week, name="intake_inquiry_assessments"),
            path("<path:object_id>/log-contact/", log, name="intake_inquiry_log_contact"),
            *self.duplicate_urls(),
            *self.export_urls(),
            *super().get_urls(),
        ]

    def duplicate_urls(self):
        """The merge of a duplicate (asked first), its undo, and Add inquiry's check (admissions/duplicates.py)."""
        view = self.admin_site.admin_view
        return [
            path(
                "duplicates-check/",
                view(lambda request: duplicates.check_view(self, request)),
                name="intake_inquiry_duplicate_check",
            ),
            path(
                "<path:object_id>/merge-into/<path:into_id>/",
                view(lambda request, object_id, into_id: duplicates.merge_view(self, request, object_id, into_id)),
                name="intake_inquiry_merge",
            ),
            path(
                "<path:object_id>/undo-merge/",
                view(lambda request, object_id: duplicates.undo_view(self, request, object_id)),
                name="intake_inquiry_undo_merge",
            ),
        ]

    def dashboard_view(self, request):
        response = dashboard_views.dashboard(request, self.admin_site)
        self.record_list(request, AccessRecord.Action.LIST, "speed-to-lead dashboard (figures only)")
        return response

    def assessments_view(self, request):
        response = assessments.assessments(request, self.admin_site)
        mine = " (mine)" if request.GET.get("mine") == "1" else ""
        self.record_list(request, AccessRecord.Action.LIST, f"assessments of the next 7 days{mine}")
        return response

    def log_contact_view(self, request, object_id):
        """The "Log a contact" form at the top of the inquiry page: stamped when saved, and never
        refused as stale (it adds to the record, it changes nothing anyone else typed)."""
        if not is_plain_number(object_id):
            return HttpResponseBadRequest("Inquiry numbers are whole numbers.")
        inquiry = self.get_object(request, object_id)
        if inquiry is None:
            raise Http404("No such inquiry.")
        if request.method != "POST" and self.has_view_permission(request, inquiry):
            # Signing in again after a session ended mid-call lands here: the inquiry's page, not a 403.
            return HttpResponseRedirect(inquiry.get_admin_url())
        if request.method != "POST" or not self.has_change_permission(request, inquiry):
            raise PermissionDenied
        form = LogContactForm(request.POST)
        if not form.is_valid():
            # Shown again on the inquiry's page with what was typed, not sent away.
            request.method = "GET"
            return self.change_view(request, object_id, extra_context={"log_form": form})
        services.log_contact(inquiry=inquiry, by=request.user, **form.cleaned_data)
        self.record_access(request, [inquiry], AccessRecord.Action.CHANGE, "logged a contact")
        self.message_user(request, "Contact logged.", messages.SUCCESS)
        return HttpResponseRedirect(inquiry.get_admin_url() + "#timeline")

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        # The duplicate check of Add inquiry and the narrowing of the referring person.
        context["media"] = context.get("media", forms.Media()) + forms.Media(js=[duplicates.SCRIPT])
        if obj is not None:
            may_change = self.has_change_permission(request, obj)
            context.update(
                duplicate_candidates=duplicates.candidates(obj, may_change),
                merged_banner=duplicates.banner(obj, may_change),
            )
            context.setdefault("log_form", LogContactForm())
            if obj.is_read_only:  # nothing to save: no Save buttons
                context.update(show_save=False, show_save_and_continue=False, show_save_and_add_another=False)
            context.update(
                read_only=obj.is_read_only,
                timeline=timeline(obj),
                waiting=waiting(obj),
                needs_care=needs_care(obj),
                assessment=assessment_text(obj),
                log_url=reverse("admin:intake_inquiry_log_contact", args=[obj.pk]),
            )
        return super().render_change_form(request, context, add, change, form_url, obj)

    @admin.action(description="Assign to me", permissions=["change"])
    def assign_to_me(self, request, queryset):
        chosen = queryset.count()
        # An admitted inquiry is read-only: it keeps whom it was assigned to.
        open_ones = queryset.exclude(status=Inquiry.Status.ADMITTED)
        count = self.update_recorded(request, open_ones, assigned_to=request.user, updated_at=timezone.now())
        left = (
            f" {chosen - count} admitted left as they were: an admitted inquiry is read-only." if chosen > count else ""
        )
        self.message_user(request, f"{count} inquir{'y' if count == 1 else 'ies'} assigned to you.{left}")

    @admin.action(description="Mark as spam", permissions=["change"])
    def mark_spam(self, request, queryset):
        return self._move(request, queryset, Inquiry.Status.SPAM)

    @admin.action(description="Not spam: move back to new", permissions=["change"])
    def mark_not_spam(self, request, queryset):
        return self._move(request, queryset, Inquiry.Status.NEW)

    def _move(self, request, queryset, status):
        """Asks first, saying how many will move and how many stay; then moves them."""
        label = Inquiry.Status(status).label
        if request.POST.get("confirmed") != "yes":
            can_move = services.movable(inquiries=queryset, status=status).count()
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
        chosen = queryset.count()  # before the move, which may take rows out of the list's filter (spam)
        moved = services.move_many(inquiries=queryset, status=status, by=request.user)
        skipped = chosen - len(moved)
        left = f" {skipped} left as they were: a bulk move never goes backwards or reopens one." if skipped else ""
        self.message_user(request, f"{len(moved)} moved to “{label}”.{left}")
        return None

    @admin.action(description="Export selected to CSV", permissions=["export"])
    def export_csv(self, request, queryset):
        return export_response(queryset, request, self)

    def export_urls(self):
        """The pages of exports prepared in the background (admissions/export_views.py)."""
        view = self.admin_site.admin_view
        return [
            path(
                "exports/", view(lambda request: export_views.export_list(request, self)), name="intake_inquiry_exports"
            ),
            path(
                "exports/<int:pk>/",
                view(lambda request, pk: export_views.export_status(request, self, pk)),
                name="intake_inquiry_export",
            ),
            path(
                "exports/<int:pk>/download/",
                view(lambda request, pk: export_views.export_download(request, self, pk)),
                name="intake_inquiry_export_download",
            ),
        ]

    def has_export_permission(self, request):
        return request.user.has_perm("intake.export_inquiry")


@admin.register(Notification)
class NotificationAdmin(StaffAdmin):
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


class LoggedAutocompleteView(AutocompleteJsonView):
    """The admin's autocomplete, noting searches made from an inquiry's page in the access log."""

    def get(self, request, *args, **kwargs):
        if request.GET.get("app_label") == Inquiry._meta.app_label:  # noted before it may be refused
            # The field's name only when it is one of the model's: whatever else was typed there (a
            # person's name, made-up text) is not written into the log.
            field = _field_named(request.GET.get("model_name", ""), request.GET.get("field_name", ""))
            detail = f"autocomplete of {field or 'an unknown field'}: {search_kind(request.GET.get('term', ''))}"
            AccessRecord.record_list(request.user, AccessRecord.Action.SEARCH, detail)
        return super().get(request, *args, **kwargs)


def _field_named(model_name, field_name):
    try:
        return apps.get_model(Inquiry._meta.app_label, model_name)._meta.get_field(field_name).name
    except (LookupError, ValueError, FieldDoesNotExist):
        return ""
