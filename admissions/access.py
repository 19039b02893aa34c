"""The access log's records of the admin pages about inquiries, written from the admin's own hooks so
that no page or action has to remember to: whoever is shown an inquiry's or its verification's
details (the form, the form again after a refused save, its history, the delete confirmation) gets
one record; an addition, a change and a deletion one each (`log_addition`, `log_change`,
`log_deletions`, which the admin calls once per save or deletion, single or bulk); a list shown one,
and a search made on it one more, saying what kind of text was looked for, never the text."""

from django.contrib.admin.views.main import ORDER_VAR, PAGE_VAR, SEARCH_VAR
from django.db import transaction

from intake.models import AccessRecord, search_kind
from staff.admin_base import is_plain_number

# Not filters: what the list's own search box, pages and column headings send.
NOT_FILTERS = {SEARCH_VAR, PAGE_VAR, ORDER_VAR}


def shows_the_list(response):
    """A change list itself was shown: asked for, or shown again after a POST (an action with no rows
    chosen), and not an action's own page."""
    return response.status_code == 200 and "change_list" in str(getattr(response, "template_name", ""))


class AccessLoggedAdminMixin:
    """For the admin of a model whose pages show an inquiry's health information. Put it first among
    the bases. Subclasses say, as data, what their records read:

    - `inquiry_field`: the field of the model holding its inquiry's number (`pk` for the inquiry);
    - `access_detail`: the kind of object, in every record about one (none for the inquiry itself);
    - `access_added_detail`: the detail of an addition's record;
    - `access_list_detail`: the kind of list, in a list's and a search's record.
    """

    inquiry_field = "pk"
    access_detail = ""
    access_added_detail = "added"
    access_list_detail = ""

    def access_view_detail(self, request):
        """What a page shown records beside the object's kind (say, a revealed member ID)."""
        return ""

    # --- The admin's hooks ------------------------------------------------------------------------

    def log_addition(self, request, obj, message):
        self.record_access(request, [obj], AccessRecord.Action.CHANGE, detail=self.access_added_detail)
        return super().log_addition(request, obj, message)

    def log_change(self, request, obj, message):
        self.record_access(request, [obj], AccessRecord.Action.CHANGE)
        return super().log_change(request, obj, message)

    def log_deletions(self, request, queryset):
        # Called once before a deletion, by the delete page ([obj]) and by the "delete selected" action.
        self.record_access(request, queryset, AccessRecord.Action.DELETE)
        return super().log_deletions(request, queryset)

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        if shows_the_list(response):
            filters = ", ".join(sorted(key for key in request.GET if key not in NOT_FILTERS))
            self.record_list(request, AccessRecord.Action.LIST, f"filters: {filters or 'none'}")
            search = request.GET.get(SEARCH_VAR, "")
            if search and self.get_search_fields(request):  # with no search box, the text searched nothing
                self.record_list(request, AccessRecord.Action.SEARCH, search_kind(search))
        return response

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        response = super().changeform_view(request, object_id, form_url, extra_context)
        if response.status_code == 200:  # a save that went through is log_addition's or log_change's
            refused = "shown after a refused save" if request.method == "POST" else ""
            self._record_page(request, object_id, self.access_view_detail(request), refused)
        return response

    def history_view(self, request, object_id, extra_context=None):
        response = super().history_view(request, object_id, extra_context)
        if response.status_code == 200:
            self._record_page(request, object_id, "history")
        return response

    def delete_view(self, request, object_id, extra_context=None):
        response = super().delete_view(request, object_id, extra_context)
        if response.status_code == 200:  # the confirmation (the deletion is log_deletions')
            self._record_page(request, object_id, "delete confirmation")
        return response

    def get_actions(self, request):
        actions = super().get_actions(request)
        if "delete_selected" in actions:
            # Its confirmation lists each chosen row's details (the deletion itself is log_deletions').
            action, name, description = actions["delete_selected"]
            actions["delete_selected"] = (self._confirmation_recorded(action), name, description)
        return actions

    def _confirmation_recorded(self, action):
        def delete_selected(model_admin, request, queryset):
            response = action(model_admin, request, queryset)
            if response is not None:  # the page asking first, not the deletion
                self.record_access(request, queryset, AccessRecord.Action.VIEW, "delete confirmation")
            return response

        return delete_selected

    # --- For pages and actions of the subclass's own ------------------------------------------------

    def record_access(self, request, objects, action, *details, detail=None):
        """One record of `action` on each of `objects`' inquiries, reading the object's kind and
        `details` (or `detail`, as given)."""
        inquiry_ids = [getattr(obj, self.inquiry_field) for obj in objects]
        self._record(request, inquiry_ids, action, *details, detail=detail)

    def record_list(self, request, action, detail):
        """A record naming no inquiry: a list, a search, figures."""
        kind = self.access_list_detail
        AccessRecord.record_list(request.user, action, f"{kind}, {detail}" if kind else detail)

    def update_recorded(self, request, queryset, **values):
        """A bulk action's change: the chosen rows updated with `values` and one change recorded on each
        one's inquiry, together. The rows are read first: the update may take them out of the list's
        filter. How many were updated."""
        with transaction.atomic():
            rows = list(queryset.values_list("pk", self.inquiry_field))
            updated = self.model._default_manager.filter(pk__in=[pk for pk, _ in rows]).update(**values)
            self._record(request, [inquiry_id for _, inquiry_id in rows], AccessRecord.Action.CHANGE)
        return updated

    # --- Inside -----------------------------------------------------------------------------------

    def _record_page(self, request, object_id, *details):
        if not (object_id and is_plain_number(object_id)):
            return  # an add form shows nobody's details; a made-up number found nothing
        if self.inquiry_field == "pk":
            inquiry_id = int(object_id)
        else:
            found = self.model._default_manager.filter(pk=object_id).values_list(self.inquiry_field, flat=True)
            inquiry_id = found.first()
        if inquiry_id:
            self._record(request, [inquiry_id], AccessRecord.Action.VIEW, *details)

    def _record(self, request, inquiry_ids, action, *details, detail=None):
        if detail is None:
            detail = "; ".join(part for part in (self.access_detail, *details) if part)
        AccessRecord.record(request.user, inquiry_ids, action, detail)
