"""A second factor for staff sign-in, with django-otp: an authenticator app (TOTP) and ten
single-use recovery codes. The admin's own login checks the password (with the axes lockout); this
middleware then keeps such staff on the set-up or code page until they have given a code."""

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django_otp import devices_for_user, user_has_device

# Who holds any permission of these apps is asked for a second step: every model of intake holds or
# leads to health information (the admin lets "change" and "add" show what "view" shows, so each kind
# counts, and a permission added to intake later is covered without a change here); so does every
# model of screening (the pre-admission screen and the lists and rules it is scored by), and of census
# (who is in which bed or program, held for or waiting for one).
SENSITIVE_APPS = ("intake", "screening", "census")
# And these: the helpline and crisis text shown on every page, and who may do what.
SENSITIVE_PERMISSIONS = (
    "core.change_sitesettings",
    "auth.add_user",
    "auth.change_user",
    "auth.change_group",
)


def needs_second_factor(user):
    if not (settings.STAFF_REQUIRE_2FA and user.is_authenticated and user.is_staff):
        return False
    return (
        user.is_superuser
        or any(user.has_module_perms(app) for app in SENSITIVE_APPS)
        or any(user.has_perm(permission) for permission in SENSITIVE_PERMISSIONS)
        or settings.STAFF_2FA_FOR_EDITORS
    )


def reset_second_factor(user):
    """Removes the person's authenticator app and recovery codes (and any set-up left unconfirmed) and
    ends their sessions: at their next sign-in, with their password, they set up an app again. A session
    left open (perhaps someone else's, taken) could otherwise set one up in their place."""
    removed = 0
    for device in list(devices_for_user(user, confirmed=None)):
        device.delete()
        removed += 1
    end_sessions(user)
    return removed


def end_sessions(user):
    """Ends every session signed in as `user` (sessions are kept in the database: see settings)."""
    signed_in = str(user.pk)
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if session.get_decoded().get(SESSION_KEY) == signed_in:
            session.delete()


def second_step_redirect(request):
    """To the code page, or to set-up for someone without an app yet; back here afterwards."""
    step = "admin:two_factor:verify" if user_has_device(request.user, confirmed=True) else "admin:two_factor:setup"
    return redirect(f"{reverse(step)}?{urlencode({'next': request.get_full_path()})}")


class SecondFactorRequiredMiddleware:
    # The admin pages a signed-in person without a code may still reach.
    OPEN = {"admin:login", "admin:logout", "admin:jsi18n"}

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view, args, kwargs):
        match = request.resolver_match
        staff_page = request.path.startswith(reverse("admin:index")) or _is_staff_only(view)
        if not staff_page or match.view_name in self.OPEN:
            return None  # the public site, and the pages that sign in and out
        if match.namespace == "admin:two_factor" or not needs_second_factor(request.user) or request.user.is_verified():
            return None
        return second_step_redirect(request)


def _is_staff_only(view):
    """A staff page outside /admin/ (a draft's preview) says so with `staff_only` on its class."""
    return getattr(getattr(view, "view_class", None), "staff_only", False)
