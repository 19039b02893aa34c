"""What the census pages share: who may see them, the inquiry a page is opened for, the page's context."""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.http import url_has_allowed_host_and_scheme

from intake.models import Inquiry
from staff.admin_base import is_plain_number


def require(request, *permissions):
    """Admissions staff and superusers (through the census permissions of their group); else 403."""
    if not all(request.user.has_perm(permission) for permission in permissions):
        raise PermissionDenied


def inquiry_from(value):
    """The inquiry numbered `value` (a plain number), or None when none is asked for; 404 for a number
    that names none."""
    if not value:
        return None
    if not is_plain_number(value):
        raise Http404("No such inquiry.")
    inquiry = Inquiry.objects.select_related("level").filter(pk=value).first()
    if inquiry is None:
        raise Http404("No such inquiry.")
    return inquiry


def back_to(request, default):
    """The page a form came from (sent as `next`), if it is one of ours; else `default`."""
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        return target
    return default


def context(request, title, **extra):
    return {**admin.site.each_context(request), "title": title, **extra}
