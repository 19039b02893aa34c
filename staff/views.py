"""Views of the admin site itself that ours replace (magnolia/admin.py puts them in its URLs)."""

from django.contrib.contenttypes.models import ContentType
from django.contrib.contenttypes.views import shortcut
from django.core.exceptions import ValidationError
from django.http import Http404

from .admin_base import PRIVATE_APPS


def view_on_site(request, content_type_id, object_id):
    """The admin's "view on site" redirect, where an id that cannot name an object (a word where a
    UUID is the key, say) is not found rather than a server error. Nothing of intake has a public page:
    its objects are not found either, so the redirect cannot tell anyone whether one exists."""
    try:
        kind = ContentType.objects.filter(pk=content_type_id).values_list("app_label", flat=True).first()
        if kind in PRIVATE_APPS:
            raise Http404("No such object.")
        return shortcut(request, content_type_id, object_id)
    except (ValueError, ValidationError):
        raise Http404("No such object.") from None
