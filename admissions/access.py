"""The access log's record of an admin page about one inquiry: whoever is shown an inquiry's or its
insurance verification's details (the form, the form again after a refused save, its history, the
delete confirmation) gets one record; a save that went through is a change."""

from intake.models import AccessRecord
from staff.admin_base import is_plain_number


def shows_the_list(response):
    """A change list itself was shown: asked for, or shown again after a POST (an action with no rows
    chosen), and not an action's own page."""
    return response.status_code == 200 and "change_list" in str(getattr(response, "template_name", ""))


class AccessLoggedAdminMixin:
    """For the admin of a model whose pages show an inquiry's health information. `access_detail`
    names the page kind in the record; `inquiry_of(object_id)` says whose it is."""

    access_detail = ""

    def inquiry_of(self, object_id):
        return int(object_id)

    def access_view_detail(self, request):
        """What a page shown records beside the page kind (say, a revealed member ID)."""
        return ""

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        response = super().changeform_view(request, object_id, form_url, extra_context)
        if request.method == "POST" and response.status_code == 302:
            self._record(request, object_id, AccessRecord.Action.CHANGE)
        elif response.status_code == 200:
            refused = "shown after a refused save" if request.method == "POST" else ""
            self._record(request, object_id, AccessRecord.Action.VIEW, self.access_view_detail(request), refused)
        return response

    def history_view(self, request, object_id, extra_context=None):
        response = super().history_view(request, object_id, extra_context)
        if response.status_code == 200:
            self._record(request, object_id, AccessRecord.Action.VIEW, "history")
        return response

    def delete_view(self, request, object_id, extra_context=None):
        response = super().delete_view(request, object_id, extra_context)
        if response.status_code == 200:  # the confirmation (the deletion itself is its own record)
            self._record(request, object_id, AccessRecord.Action.VIEW, "delete confirmation")
        return response

    def _record(self, request, object_id, action, *details):
        if not (object_id and is_plain_number(object_id)):
            return  # an add form shows nobody's details; a made-up id found nothing
        inquiry_id = self.inquiry_of(object_id)
        if inquiry_id:
            detail = "; ".join(part for part in (self.access_detail, *details) if part)
            AccessRecord.record(request.user, [inquiry_id], action, detail)
