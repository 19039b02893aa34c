"""Insurance card photos, decrypted for admissions staff only, each look in the access log."""

import logging

from django.core.exceptions import PermissionDenied
from django.db.models import F
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_GET

from intake.encryption import CANNOT_DECRYPT, CannotDecrypt
from intake.models import AccessRecord, CardImage

logger = logging.getLogger(__name__)


@require_GET
def card_image(request, pk):
    if not request.user.is_authenticated or not request.user.is_staff:
        raise Http404  # to anyone else, there is nothing here
    if not request.user.has_perm("intake.view_insuranceverification"):
        raise PermissionDenied
    # The verification's own fields are not read: one no key opens does not hide its card photos.
    card = get_object_or_404(CardImage.objects.annotate(inquiry_id=F("verification__inquiry_id")), pk=pk)
    try:
        photo = card.file.open("rb")
    except CannotDecrypt:
        response = HttpResponse(
            f"This card photo {CANNOT_DECRYPT}.", status=409, content_type="text/plain; charset=utf-8"
        )
    except OSError as error:
        # A missing file, a full or unreadable folder, a bucket that does not answer: said plainly.
        logger.warning("card photo %s could not be read: %s", card.pk, type(error).__name__)
        response = HttpResponse(
            "This card photo cannot be read from the private storage just now. Try again in a minute; "
            "if it stays unreadable, ask the person to send the card again.",
            status=503,
            content_type="text/plain; charset=utf-8",
        )
    else:
        AccessRecord.record(request.user, [card.inquiry_id], AccessRecord.Action.VIEW, f"card photo ({card.side})")
        response = FileResponse(photo, content_type="image/jpeg")
        response["Content-Disposition"] = "inline"
    response["Cache-Control"] = "no-store, private"
    return response
