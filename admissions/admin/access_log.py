"""The access log in the admin: read-only, superusers only."""

from django.contrib import admin

from intake.models import AccessRecord
from staff.admin_base import StaffAdmin


@admin.register(AccessRecord)
class AccessRecordAdmin(StaffAdmin):
    """Read-only, and for superusers only."""

    list_display = ["at", "user", "action", "inquiry_ref", "detail"]
    list_filter = ["action", "user", ("at", admin.DateFieldListFilter)]
    search_fields = ["inquiry_ref", "user__username", "detail"]
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
