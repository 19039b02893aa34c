from django.contrib import admin

from core.admin_guard import GuardedAdminMixin

from .models import LevelOfCare


@admin.register(LevelOfCare)
class LevelOfCareAdmin(GuardedAdminMixin, admin.ModelAdmin):
    list_display = ["name", "short_name", "asam_level", "intensity_rank", "is_published", "updated_at"]
    list_editable = ["intensity_rank", "is_published"]
    list_filter = ["is_published", "lives_on_site", "supervision"]
    search_fields = ["name", "short_name", "summary"]
    prepopulated_fields = {"slug": ["name"]}
    list_select_related = False
    autocomplete_fields = ["steps_down_to", "steps_up_to"]
    readonly_fields = ["updated_at"]
    fieldsets = [
        ("Basics", {"fields": ["name", "slug", "short_name", "asam_level", "summary", "is_published"]}),
        (
            "Intensity",
            {
                "fields": [
                    "intensity_rank",
                    ("hours_min", "hours_max"),
                    ("days_min", "days_max"),
                    ("weeks_min", "weeks_max"),
                    "lives_on_site",
                    "supervision",
                    "work_or_school_fits",
                    ("steps_down_to", "steps_up_to"),
                ]
            },
        ),
        ("Texts", {"fields": ["description", "who_it_fits", "typical_week"]}),
        ("Search engines", {"fields": ["meta_description", "updated_at"]}),
    ]
