"""The idle timeout of staff sessions (STAFF_SESSION_IDLE_SECONDS); start_idle_timer is connected to
user_logged_in in staff/apps.py."""

from django.conf import settings


class StaffSessionTimeoutMiddleware:
    """Staff sessions end after a period without requests (a rolling expiry), counted from sign-in
    (start_idle_timer) and then from each request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Visitors without a session cookie are never staff: their session is not even opened, so
        # their pages do not vary by cookie.
        if (
            settings.SESSION_COOKIE_NAME in request.COOKIES
            and "_auth_user_id" in request.session
            and request.user.is_staff
        ):
            request.session.set_expiry(settings.STAFF_SESSION_IDLE_SECONDS)
        return self.get_response(request)


def start_idle_timer(sender, request, user, **kwargs):
    """user_logged_in: the idle timer of a staff session starts at sign-in. Without it, a session
    signed in and then left alone kept Django's two-week default until its first request."""
    if request is not None and user.is_staff:
        request.session.set_expiry(settings.STAFF_SESSION_IDLE_SECONDS)
