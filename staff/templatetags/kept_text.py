"""The script that keeps a staff page's unsaved text through the idle timeout (staff/keep_alive.py),
with what it needs to know as data attributes: no inline script (the CSP refuses them)."""

from django import template
from django.conf import settings
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import format_html

from staff.stale_edits import SEEN

register = template.Library()


@register.simple_tag(takes_context=True)
def kept_text_script(context):
    request = context.get("request")
    user = getattr(request, "user", None)
    match = getattr(request, "resolver_match", None)
    signed_in = user is not None and user.is_authenticated
    return format_html(
        '<script src="{}" defer data-keep-alive="{}" data-idle-seconds="{}" data-user="{}" data-signed-out="{}"'
        ' data-keep-hidden="{}"></script>',
        static("staff/kept-text.js"),
        reverse("admin:keep_alive"),
        settings.STAFF_SESSION_IDLE_SECONDS,
        user.pk if signed_in else "",
        # The admin's "logged out" page: what was kept in this tab is erased there.
        "yes" if match is not None and match.view_name == "admin:logout" else "",
        # Kept with the text: a save put back after signing in is still checked against the copy
        # the person opened, so a colleague's save meanwhile is not silently undone.
        SEEN,
    )
