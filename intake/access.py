"""The access log's record of a change form: who opened an inquiry's health information, who changed it."""

from .models import AccessRecord


def record_change_form(request, response, inquiry_id, detail="", view_detail=None):
    """A page shown is a view (with `view_detail`, if given); a save that went through (a redirect) is
    a change. A refused save or a missing object records nothing."""
    if request.method == "POST" and response.status_code == 302:
        AccessRecord.record(request.user, [inquiry_id], AccessRecord.Action.CHANGE, detail)
    elif request.method == "GET" and response.status_code == 200:
        shown = detail if view_detail is None else view_detail
        AccessRecord.record(request.user, [inquiry_id], AccessRecord.Action.VIEW, shown)
