"""Django's own admin of people, with one action more: resetting someone's two-step sign-in."""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.template.response import TemplateResponse

from .admin_base import StaffAdmin
from .two_factor.middleware import reset_second_factor

User = get_user_model()
RESET_MESSAGE = "Reset two-step sign-in: authenticator app and recovery codes removed."

admin.site.unregister(User)


@admin.register(User)
class StaffUserAdmin(StaffAdmin, UserAdmin):
    actions = ["reset_two_step"]

    @admin.action(description="Reset two-step sign-in", permissions=["reset_two_step"])
    def reset_two_step(self, request, queryset):
        """Asks first, naming the people; then removes their devices, each reset in the admin's log."""
        if request.POST.get("confirmed") != "yes":
            context = {
                **self.admin_site.each_context(request),
                "title": "Reset two-step sign-in?",
                "opts": self.model._meta,
                "people": queryset.order_by("username"),
                "action": request.POST.get("action", ""),
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            }
            return TemplateResponse(request, "admin/auth/user/confirm_reset_two_step.html", context)
        people = list(queryset)
        for person in people:
            reset_second_factor(person)
            self.log_change(request, person, RESET_MESSAGE)
        count = len(people)
        self.message_user(
            request,
            f"Two-step sign-in reset for {count} {'person' if count == 1 else 'people'}: "
            "at the next sign-in they set up an authenticator app again.",
        )
        return None

    def has_reset_two_step_permission(self, request):
        # Whoever resets it can sign in as the person with their password alone until they set up again.
        return request.user.is_superuser
