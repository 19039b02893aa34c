from django.conf import settings


class StaffSessionTimeoutMiddleware:
    """Staff sessions end after a period without requests (a rolling expiry)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "_auth_user_id" in request.session and request.user.is_staff:
            request.session.set_expiry(settings.STAFF_SESSION_IDLE_SECONDS)
        return self.get_response(request)
