"""Insurance card photos, decrypted for admissions staff only, each look in the access log."""

from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_GET

from .models import AccessRecord
from .verifications import CardImage


@require_GET
def card_image(request, pk):
    if not request.user.is_authenticated or not request.user.is_staff:
        raise Http404  # to anyone else, there is nothing here
    if not request.user.has_perm("intake.view_insuranceverification"):
        raise PermissionDenied
    card = get_object_or_404(CardImage.objects.select_related("verification"), pk=pk)
    AccessRecord.record(
        request.user, [card.verification.inquiry_id], AccessRecord.Action.VIEW, f"card photo ({card.side})"
    )
    response = FileResponse(card.file.open("rb"), content_type="image/jpeg")
    response["Cache-Control"] = "no-store, private"
    response["Content-Disposition"] = "inline"
    return response
