"""The keep-alive a staff page with unsaved text asks for while the person types (staff/static/staff/
kept-text.js): the request itself resets the idle timer (staff/idle_timeout.py), so a note typed
through a long call is not lost at the timeout. The page pings only when something was typed since
the last ping: a page left alone still times out."""

from django.http import HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.http import require_POST


@never_cache
@csrf_protect
@require_POST
def keep_alive(request):
    """204 for a signed-in staff session (its idle timer was just reset by the middleware). Anyone
    else gets a 403 the page can read, not the sign-in page: the page then keeps what was typed and
    sends the person to sign in. The request carries no form content, so nothing typed is logged."""
    if not (request.user.is_active and request.user.is_staff):
        return JsonResponse({"signed_in": False}, status=403)
    return HttpResponse(status=204)
