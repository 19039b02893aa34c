"""Views of the admin site itself that ours replace (magnolia/admin.py puts them in its URLs)."""

from django.contrib.contenttypes.views import shortcut
from django.core.exceptions import ValidationError
from django.http import Http404


def view_on_site(request, content_type_id, object_id):
    """The admin's "view on site" redirect, where an id that cannot name an object (a word where a
    UUID is the key, say) is not found rather than a server error."""
    try:
        return shortcut(request, content_type_id, object_id)
    except (ValueError, ValidationError):
        raise Http404("No such object.") from None
