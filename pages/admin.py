from django.contrib import admin
from django.utils.html import format_html

from core.links import external_links_display
from review.admin_hold import ReviewHoldMixin
from staff.admin_content import ContentAdmin

from .models import Page


@admin.register(Page)
class PageAdmin(ReviewHoldMixin, ContentAdmin):
    markdown_fields = ["body"]
    list_display = ["title", "slug", "is_published", "pending_review", "in_footer", "footer_position", "updated_at"]
    list_filter = ["is_published", "in_footer"]
    search_fields = ["title", "body"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["picture", "reviewer"]
    readonly_fields = ["preview_link", "links_elsewhere", "updated_at", "review_due_on"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "title",
                    "slug",
                    "summary",
                    "picture",
                    "effective_on",
                    "body",
                    "shows_center_profile",
                    "shows_civil_rights_contact",
                ]
            },
        ),
        ("Medical review", {"fields": ["reviewer", "last_reviewed", "review_interval_months", "review_due_on"]}),
        ("Publishing", {"fields": ["is_published", "preview_link", "in_footer", "footer_position", "updated_at"]}),
        ("Links", {"fields": ["links_elsewhere"]}),
    ]
    version_fields = {
        "title": "Title", "slug": "Address", "summary": "Description", "picture": "Picture", "body": "Text",
        "is_published": "Published",
        "in_footer": "Linked in the footer", "footer_position": "Footer order",
        "shows_center_profile": "Shows licence and accreditations", "effective_on": "Effective date",
        "shows_civil_rights_contact": "Shows how to file a civil rights grievance",
        "reviewer": "Medical reviewer", "last_reviewed": "Last reviewed",
        "review_interval_months": "Review every (months)",
    }  # fmt: skip

    @admin.display(description="preview")
    def preview_link(self, page):
        if not page.pk:
            return "Save the page to preview it."
        return format_html('<a href="{}" target="_blank" rel="noopener">Preview this page</a>', page.get_preview_url())

    @admin.display(description="links to other sites (check they still work)")
    def links_elsewhere(self, page):
        return external_links_display(page.body_html)

    def view_on_site(self, page):
        return page.get_preview_url()
