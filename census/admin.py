"""Beds and programs, which the center's staff keep up to date in the admin. Stays, holds and the
waitlist are worked on the census pages (admissions/census/), which log every view."""

from django.contrib import admin

from staff.admin_base import StaffAdmin

from .models import Bed, Program


@admin.register(Bed)
class BedAdmin(StaffAdmin):
    refuse_stale_edits = True
    list_display = ["__str__", "unit", "serves", "accessible", "in_service", "out_of_service_until"]
    list_filter = ["levels", "serves", "accessible", "in_service", "unit"]
    search_fields = ["unit", "room", "label"]
    filter_horizontal = ["levels"]
    fieldsets = [
        (None, {"fields": ["unit", "room", "label", "levels", "serves", "accessible"]}),
        ("Service", {"fields": ["in_service", "out_of_service_reason", "out_of_service_until"]}),
    ]

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "levels":
            kwargs["queryset"] = db_field.related_model.objects.filter(lives_on_site=True)
        return super().formfield_for_manytomany(db_field, request, **kwargs)


@admin.register(Program)
class ProgramAdmin(StaffAdmin):
    refuse_stale_edits = True
    list_display = ["name", "level", "schedule", "places", "is_active"]
    list_filter = ["level", "is_active"]
    search_fields = ["name"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "level":
            kwargs["queryset"] = db_field.related_model.objects.filter(lives_on_site=False)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
