"""The verification-of-benefits (VOB) queue in the admin: admissions only, every view and change in
the access log, the member ID masked until a coordinator chooses to reveal it (also logged)."""

from django.contrib import admin
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy

from intake import services
from intake.encryption import CANNOT_DECRYPT
from intake.models import SECRET_FIELDS, STALE_AFTER, AccessRecord, InsuranceVerification, LevelBenefit
from staff.admin_base import StaffAdmin, is_plain_number

from ..access import AccessLoggedAdminMixin

REVEAL = "reveal"


class LevelBenefitInline(admin.StackedInline):
    model = LevelBenefit
    extra = 0
    fields = ["level", "cost_share", "amount", "prior_authorization"]
    verbose_name_plural = "benefits for each level of care"


class StaleFilter(admin.SimpleListFilter):
    title = "freshness"
    parameter_name = "stale"

    def lookups(self, request, model_admin):
        return [("yes", f"Stale (verified over {STALE_AFTER.days} days ago)")]

    def queryset(self, request, queryset):
        return queryset.stale() if self.value() == "yes" else queryset


class _VerificationFieldsets(admin.ModelAdmin):
    """The form's parts: the member ID shown masked unless the coordinator chose to reveal it.
    (Under RefuseStaleEditsMixin, which adds its hidden field to these.)"""

    def get_fieldsets(self, request, obj=None):
        member = ["member_id"] if obj is None or self._revealing(request) else ["member_id_shown"]
        return [
            ("Request", {"fields": ["person", "inquiry", "source"] if obj else ["inquiry"]}),
            (
                "The plan, as given",
                {
                    "fields": [
                        "carrier", "carrier_other", *member, "group_number", "patient_birth_date", "subscriber",
                        "subscriber_name", *(["cards_shown"] if obj else []),
                    ]
                },
            ),
            ("Verification", {"fields": ["status", "result", "plan_type", "notes"]}),
            (
                "Costs",
                {"fields": ["deductible", "deductible_met", "out_of_pocket_max", "out_of_pocket_met"]},
            ),
            ("Who and when", {"fields": ["started_by", "started_at", "completed_by", "completed_at"]}),
        ]  # fmt: skip

    def _revealing(self, request):
        return request.GET.get(REVEAL) == "member_id" or request.POST.get(REVEAL) == "member_id"


@admin.register(InsuranceVerification)
class InsuranceVerificationAdmin(AccessLoggedAdminMixin, StaffAdmin, _VerificationFieldsets):
    refuse_stale_edits = True
    inquiry_field = "inquiry_id"
    access_detail = "insurance verification"
    access_added_detail = "added verification"
    access_list_detail = "insurance verifications"
    list_display = [
        "number",
        "person",
        "inquiry_link",
        "carrier_name",
        "status",
        "result",
        "requested_at",
        "done",
        "freshness",
    ]
    list_display_links = ["number"]
    list_filter = ["status", "result", StaleFilter, "carrier"]
    list_select_related = ["inquiry"]
    raw_id_fields = ["inquiry"]
    inlines = [LevelBenefitInline]
    readonly_fields = [
        "person",
        "source",
        "member_id_shown",
        "cards_shown",
        "started_by",
        "started_at",
        "completed_by",
        "completed_at",
    ]

    @admin.display(description="verification")
    def number(self, verification):
        return verification.shown_number

    def get_queryset(self, request):
        # The list decrypts nothing (it shows none of it, nor the inquiry's date of birth), and a row no
        # key opens breaks nothing.
        return super().get_queryset(request).secrets_withheld().defer("inquiry__patient_birth_date")

    def get_object(self, request, object_id, from_field=None):
        verification = super().get_object(request, object_id, from_field)
        if verification is not None and verification.secrets_readable:
            verification.refresh_from_db(fields=SECRET_FIELDS)  # the form shows and edits them
        return verification

    @admin.display(description=gettext_lazy("person"), ordering="inquiry__name")
    def person(self, verification):
        # Whose plan it is (the number is the inquiry's column and field). A name is health information
        # like the rest of these pages, whose views the access log records.
        return format_html('<a href="{}">{}</a>', verification.inquiry.get_admin_url(), verification.inquiry.name)

    @admin.display(description="inquiry", ordering="inquiry")
    def inquiry_link(self, verification):
        return format_html('<a href="{}">#{}</a>', verification.inquiry.get_admin_url(), verification.inquiry_id)

    @admin.display(description="done", ordering="completed_at")
    def done(self, verification):
        if not verification.completed_at:
            return "—"
        return date_format(timezone.localtime(verification.completed_at), "M j, g:i A")

    @admin.display(description="fresh?")
    def freshness(self, verification):
        return "Stale: verify again" if verification.is_stale else ""

    @admin.display(description="member ID")
    def member_id_shown(self, verification):
        url = f"?{REVEAL}=member_id"
        return format_html(
            '<span class="masked">{}</span> <a class="button" href="{}">Reveal and edit</a>'
            '<p class="help">Revealing it is recorded in the access log.</p>',
            verification.member_id_masked,
            url,
        )

    @admin.display(description="card photos")
    def cards_shown(self, verification):
        cards = list(verification.cards.all())
        shown = format_html_join(
            " · ",
            '<a href="{}" target="_blank" rel="noopener">{} of the card (opens in a new tab)</a>',
            ((reverse("admin:insurance_card", args=[card.pk]), card.get_side_display()) for card in cards),
        )
        if not verification.card_problems:
            return shown or "None sent"
        problems = format_html_join(
            "", '<li class="card-problem">{}</li>', ((line,) for line in verification.card_problems.splitlines())
        )
        return format_html('{}<ul class="errorlist">{}</ul>', shown, problems)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        unreadable = object_id and self._unreadable(request, object_id)
        if unreadable:
            return self._cannot_decrypt_page(request, unreadable)
        return super().changeform_view(request, object_id, form_url, extra_context)

    def access_view_detail(self, request):
        return "revealed member ID" if self._revealing(request) else ""

    def get_deleted_objects(self, objs, request):
        if all(verification.secrets_readable for verification in objs):
            return super().get_deleted_objects(objs, request)
        # The admin's own list would load each one again through its cards and benefits, decrypting it.
        summary = [f"Insurance verification: {v} ({CANNOT_DECRYPT}), with its card photos and benefits" for v in objs]
        return summary, {self.opts.verbose_name_plural: len(objs)}, set(), []

    def _unreadable(self, request, object_id):
        """The verification `object_id` if the current keys cannot open it (and this person may see it)."""
        if not is_plain_number(object_id):
            return None
        verification = self.get_queryset(request).filter(pk=object_id).first()
        if verification is None or verification.secrets_readable or not self.has_view_permission(request, verification):
            return None
        return verification

    def _cannot_decrypt_page(self, request, verification):
        """Said plainly instead of a form that cannot be filled: nothing on it is shown or saved; an
        administrator may delete it."""
        self.record_access(
            request, [verification], AccessRecord.Action.VIEW, detail="insurance verification (not decrypted)"
        )
        context = {
            **self.admin_site.each_context(request),
            "title": f"Verification #{verification.pk} {CANNOT_DECRYPT}",
            "opts": self.model._meta,
            "verification": verification,
            "cannot_decrypt": CANNOT_DECRYPT,
            "inquiry_url": reverse("admin:intake_inquiry_change", args=[verification.inquiry_id]),
            "delete_url": reverse("admin:intake_insuranceverification_delete", args=[verification.pk])
            if self.has_delete_permission(request, verification)
            else "",
        }
        return TemplateResponse(request, "admin/intake/insuranceverification/cannot_decrypt.html", context)

    def save_model(self, request, verification, form, change):
        # What the person changed, as it was (the form's own fields, such as the stale-edit check's, left out).
        fields = {field.name for field in self.opts.fields}
        changed = {name: form.initial.get(name) for name in form.changed_data if name in fields}
        services.save_verification(verification=verification, by=request.user, changed=changed)
