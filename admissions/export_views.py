"""The pages of exports prepared in the background (admissions/exports.py): the person's exports, one
export's state (looked at again by admin-staff/export-status.js while it is prepared), and its
download. Only the person who asked, while they may still export inquiries, reaches any of them;
anyone else is told nothing."""

import logging
from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.files.storage import storages
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils import timezone

from intake.encryption import CannotDecrypt
from intake.models import AccessRecord, InquiryExport

from .exports import STREAM_AT_MOST, file_name

logger = logging.getLogger(__name__)
LOOK_AGAIN_SECONDS = 5
# Past this, a waiting export is probably not being worked on: the page says so.
SLOW_AFTER = timedelta(minutes=10)


def _check(request, model_admin):
    if not (model_admin.has_view_permission(request) and model_admin.has_export_permission(request)):
        raise PermissionDenied


def _own(request, pk):
    # Another person's export, or an expired one, is not found: nothing says it exists.
    export = InquiryExport.objects.of(request.user).filter(pk=pk).defer("inquiry_ids").first()
    if export is None:
        raise Http404("No such export.")
    return export


def _context(request, model_admin, title, **extra):
    return {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.opts,
        "title": title,
        **extra,
    }


def export_list(request, model_admin):
    _check(request, model_admin)
    exports = InquiryExport.objects.of(request.user).defer("inquiry_ids")
    context = _context(request, model_admin, "Your exports", exports=exports, stream_at_most=STREAM_AT_MOST)
    return TemplateResponse(request, "admin/intake/inquiry/export_list.html", context)


def export_status(request, model_admin, pk):
    _check(request, model_admin)
    export = _own(request, pk)
    preparing = export.state == InquiryExport.State.PREPARING
    context = _context(
        request,
        model_admin,
        f"Export of {export.row_count} inquiries",
        export=export,
        look_again_seconds=LOOK_AGAIN_SECONDS,
        slow=preparing and timezone.now() - export.requested_at > SLOW_AFTER,
    )
    return TemplateResponse(request, "admin/intake/inquiry/export_status.html", context)


def export_download(request, model_admin, pk):
    _check(request, model_admin)
    export = _own(request, pk)
    if export.state != InquiryExport.State.READY:
        return HttpResponseRedirect(export.get_absolute_url())
    try:
        stored = storages["private"].open(export.file_name)
    except (OSError, CannotDecrypt) as error:
        logger.error("the file of export %s could not be read: %s", export.pk, type(error).__name__)
        messages.error(request, _unreadable(error))
        return HttpResponseRedirect(export.get_absolute_url())
    # Noted as it goes out, as the streamed export does (AccessRecord.record inserts in batches).
    ids = InquiryExport.objects.filter(pk=export.pk).values_list("inquiry_ids", flat=True).get()
    AccessRecord.record(request.user, ids, AccessRecord.Action.EXPORT)
    logger.info("user %s downloaded export %s", request.user.pk, export.pk)
    response = FileResponse(
        stored, as_attachment=True, filename=file_name(export.requested_at), content_type="text/csv; charset=utf-8"
    )
    response["Cache-Control"] = "no-store"
    return response


def _unreadable(error):
    """What to do about a file that could not be read, by why."""
    if isinstance(error, FileNotFoundError):
        return "The file is no longer there. Export again from the inbox."
    if isinstance(error, CannotDecrypt):
        return "The file was written under an encryption key the site no longer has. Export again from the inbox."
    return "The file could not be read just now. Try again in a minute, or export again from the inbox."
