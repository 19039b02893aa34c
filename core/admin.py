from django.contrib import admin

from .admin_guard import GuardedAdminMixin
from .models import Redirect, SiteSettings
from .stale_edits import RefuseStaleEditsMixin


@admin.register(SiteSettings)
class SiteSettingsAdmin(GuardedAdminMixin, RefuseStaleEditsMixin, admin.ModelAdmin):
    fieldsets = [
        ("Identity", {"fields": ["name", "tagline", "home_intro"]}),
        ("Contact", {"fields": ["helpline_display", "helpline_e164", "email", "address", "hours"]}),
        ("Safety", {"fields": ["crisis_text", "disclaimer"]}),
    ]

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not SiteSettings.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Redirect)
class RedirectAdmin(GuardedAdminMixin, admin.ModelAdmin):
    """Made by the site when a published page's address changes; editors may remove one."""

    list_display = ["old_path", "new_path", "created_at"]
    search_fields = ["old_path", "new_path"]
    readonly_fields = ["old_path", "new_path", "created_at"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
