"""The admin of the site's own rows (core's models: site settings with their accreditations, pictures,
old addresses). Here rather than in core, which sits below staff and imports nothing of it."""

from django.contrib import admin, messages
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from modeltranslation.admin import TranslationTabularInline

from core.forms import PictureForm, SiteSettingsForm
from core.models import Accreditation, Picture, Redirect, SiteSettings

from .admin_base import StaffAdmin
from .admin_translation import TranslatedAdmin


class AccreditationInline(TranslationTabularInline):
    model = Accreditation
    extra = 0
    fields = ["body", "program", "number", "expires_on", "lookup_url"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(SiteSettings)
class SiteSettingsAdmin(StaffAdmin, TranslatedAdmin):
    refuse_stale_edits = True
    form = SiteSettingsForm
    inlines = [AccreditationInline]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    fieldsets = [
        ("Identity", {"fields": ["name", "tagline", "home_heading", "home_intro"]}),
        ("Contact", {"fields": ["helpline", "text_line", "email", "hours", "opening_hours"]}),
        (
            "Call back after a message",
            {"fields": ["callback_number", "callback_minutes", ("callback_from", "callback_until")]},
        ),
        (
            "Where we are",
            {"fields": ["street_address", "city", "region", "postal_code", "directions_url", "getting_here"]},
        ),
        ("What the center offers", {"fields": ["services", "payment"]}),
        ("Who we treat", {"fields": ["ages_treated", "conditions_treated", "languages"]}),
        (
            "Costs and coverage",
            {
                "description": "Shown on the Costs and coverage page; Medi-Cal and Medicare on the insurance form too.",
                "fields": [
                    "in_network",
                    "accepts_medi_cal",
                    "medi_cal_elsewhere",
                    "medi_cal_elsewhere_url",
                    "accepts_medicare",
                    "medicare_elsewhere",
                    "medicare_elsewhere_url",
                    "self_pay",
                    "payment_plans",
                    "good_faith_estimate",
                ],
            },
        ),
        ("Licence", {"fields": ["licence_agency", "licence_state", "licence_number", "licence_lookup_url"]}),
        ("Safety", {"fields": ["crisis_text", "disclaimer"]}),
        (
            "Civil rights coordinator",
            {
                "description": "Shown on pages that ask for it, such as the nondiscrimination notice.",
                "fields": [
                    "civil_rights_coordinator",
                    "civil_rights_phone",
                    "civil_rights_email",
                    "civil_rights_address",
                ],
            },
        ),
    ]

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method == "GET":
            warn_of_expiring_accreditations(request)
        return super().changeform_view(request, object_id, form_url, extra_context)

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not SiteSettings.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Picture)
class PictureAdmin(StaffAdmin, TranslatedAdmin):
    form = PictureForm
    list_display = ["thumbnail", "name", "alt_text", "is_decorative", "width", "height", "created_at"]
    list_display_links = ["thumbnail", "name"]
    search_fields = ["name", "alt_text"]
    fields = ["name", "original", "shown", "alt_text", "is_decorative"]
    readonly_fields = ["shown"]

    @admin.display(description="picture")
    def thumbnail(self, picture):
        return format_html('<img src="{}" alt="" width="120" loading="lazy">', picture.w480.url)

    @admin.display(description="as visitors see it")
    def shown(self, picture):
        if not picture.pk:
            return "Shown here once saved."
        return format_html(
            '<img src="{}" alt="" width="320"><br>{} × {} pixels; served at {}.',
            picture.w480.url,
            picture.width,
            picture.height,
            ", ".join(f"{pixels} pixels wide" for _, pixels in picture.variants()),
        )


@admin.register(Redirect)
class RedirectAdmin(StaffAdmin):
    """Made by the site when a published page's address changes; editors may remove one."""

    list_display = ["old_path", "new_path", "created_at"]
    search_fields = ["old_path", "new_path"]
    readonly_fields = ["old_path", "new_path", "created_at"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


def warn_of_expiring_accreditations(request):
    today = timezone.localdate()
    for accreditation in Accreditation.objects.expiring(today):
        when = date_format(accreditation.expires_on, "F j, Y")
        days = (accreditation.expires_on - today).days
        if days < 0:
            text = (
                f"The accreditation from {accreditation.body} expired on {when}, and the site no longer shows "
                "it. Record the renewal, or remove it."
            )
        else:
            text = (
                f"The accreditation from {accreditation.body} expires on {when}, in {days} "
                f"day{'s' if days != 1 else ''}. Record the renewal when it comes."
            )
        messages.warning(request, text)
