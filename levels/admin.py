from django.contrib import admin

from core.links import external_links_display
from review.admin_hold import ReviewHoldMixin
from staff.admin_content import ContentAdmin

from .models import LevelOfCare


@admin.register(LevelOfCare)
class LevelOfCareAdmin(ReviewHoldMixin, ContentAdmin):
    markdown_fields = ["description", "who_it_fits", "typical_week"]
    list_display = [
        "name",
        "short_name",
        "asam_level",
        "intensity_rank",
        "is_published",
        "pending_review",
        "updated_at",
    ]

    @admin.display(description="links to other sites (check they still work)")
    def links_elsewhere(self, level):
        return external_links_display(level.description_html, level.who_it_fits_html, level.typical_week_html)

    def get_deleted_objects(self, objs, request):
        deleted, counts, permissions_needed, protected = super().get_deleted_objects(objs, request)
        if protected:
            # Said without naming the inquiries, which content editors may not see; and as nothing
            # can be deleted, no permission is missing either.
            protected = ["inquiries ask about it: unpublish it instead, so that they keep their level of care"]
            permissions_needed = set()
        return deleted, counts, permissions_needed, protected

    list_editable = ["intensity_rank", "is_published"]
    list_filter = ["is_published", "lives_on_site", "supervision"]
    search_fields = ["name", "short_name", "summary"]
    prepopulated_fields = {"slug": ["name"]}
    list_select_related = False
    autocomplete_fields = ["steps_down_to", "steps_up_to", "picture", "reviewer"]
    readonly_fields = ["updated_at", "links_elsewhere", "review_due_on"]
    fieldsets = [
        ("Basics", {"fields": ["name", "slug", "short_name", "asam_level", "summary", "picture", "is_published"]}),
        (
            "Intensity",
            {
                "fields": [
                    "intensity_rank",
                    ("hours_min", "hours_max"),
                    ("days_min", "days_max"),
                    ("weeks_min", "weeks_max"),
                    "length_in_words",
                    "lives_on_site",
                    "supervision",
                    "work_or_school_fits",
                    ("steps_down_to", "steps_up_to"),
                ]
            },
        ),
        ("Texts", {"fields": ["description", "who_it_fits", "typical_week", "links_elsewhere"]}),
        ("Medical review", {"fields": ["reviewer", "last_reviewed", "review_interval_months", "review_due_on"]}),
        ("Search engines", {"fields": ["meta_description", "updated_at"]}),
    ]
