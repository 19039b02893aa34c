"""Referral sources and their contacts in the admin."""

from django.contrib import admin
from django.db.models import Count

from intake.models import ReferralContact, ReferralSource
from staff.admin_base import StaffAdmin


class ReferralContactInline(admin.TabularInline):
    model = ReferralContact
    extra = 1
    fields = ["name", "role", "phone", "email"]


@admin.register(ReferralSource)
class ReferralSourceAdmin(StaffAdmin):
    list_display = ["name", "kind", "is_active", "inquiry_count"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "contacts__name"]
    inlines = [ReferralContactInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(inquiry_total=Count("inquiries"))

    @admin.display(description="inquiries", ordering="inquiry_total")
    def inquiry_count(self, source):
        return source.inquiry_total

    def has_delete_permission(self, request, obj=None):
        # A source that inquiries name stays (mark it "no longer refers"); PROTECT backs this up.
        if obj is not None and obj.inquiries.exists():
            return False
        return super().has_delete_permission(request, obj)
