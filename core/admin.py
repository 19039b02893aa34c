from django.contrib import admin

from .admin_guard import GuardedAdminMixin
from .models import SiteSettings
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
