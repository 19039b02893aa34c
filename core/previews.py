"""Staff previews of what visitors cannot see yet: for those allowed, never indexed, never kept."""

from django.contrib.auth.mixins import PermissionRequiredMixin


class StaffPreviewMixin(PermissionRequiredMixin):
    """For a detail view: set `permission_required` and widen `get_queryset` to unpublished rows."""

    preview = True

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        response["X-Robots-Tag"] = "noindex"
        response["Cache-Control"] = "private, no-store"
        return response
