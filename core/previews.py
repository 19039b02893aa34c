"""Staff previews of what visitors cannot see yet: for those allowed, never indexed, never kept."""

from django.contrib.auth.mixins import PermissionRequiredMixin


class StaffPreviewMixin(PermissionRequiredMixin):
    """For a detail view: set `permission_required` and widen `get_queryset` to unpublished rows.

    A staff page outside /admin/: the second step is asked for here too (staff/two_factor/middleware.py)."""

    preview = True
    staff_only = True

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        response["X-Robots-Tag"] = "noindex"
        response["Cache-Control"] = "private, no-store"
        return response
