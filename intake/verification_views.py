"""The visitor's insurance verification request."""

import logging

from django.db import transaction
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView

from .attribution import read_attribution
from .notifications import queue_notification
from .ratelimit import submission_limited
from .spam import sign_start, spam_reason
from .verification_forms import VerificationRequestForm

logger = logging.getLogger(__name__)


@never_cache
def verify(request):
    if request.method == "POST":
        form = VerificationRequestForm(request.POST, request.FILES)
        if form.is_valid():
            if submission_limited(request):
                logger.info("verification rate limit reached")
                return _form_page(request, form, status=429)
            with transaction.atomic():  # the stamp is used only if the request is stored
                reason = spam_reason(form.cleaned_data.get("website"), form.cleaned_data.get("started"))
                verification = form.save(attribution=read_attribution(request), spam_reason=reason)
            if not reason:
                queue_notification(verification.inquiry)
            logger.info("verification %s stored%s", verification.pk, " as spam" if reason else "")
            return redirect("insurance:thanks")
        return _form_page(request, form)
    form = VerificationRequestForm()
    return render(request, "intake/verify.html", {"form": form, "blank": True, "started": sign_start()})


def _form_page(request, form, status=200):
    """The form again as it was sent, with its errors: nothing typed is lost (files must be chosen again)."""
    context = {"form": form, "blank": False, "started": form.data.get("started", ""), "limited": status == 429}
    return render(request, "intake/verify.html", context, status=status)


class VerificationThanksView(TemplateView):
    template_name = "intake/verify_thanks.html"
