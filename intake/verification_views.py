"""The visitor's insurance verification request."""

import logging

from django.shortcuts import redirect, render
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView

from . import services
from .attribution import read_attribution
from .ratelimit import submission_limited
from .spam import sign_start
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
            services.request_verification(
                **form.cleaned_data, attribution=read_attribution(request), language=get_language()
            )
            return redirect("insurance:thanks")
        return _form_page(request, form)
    # The blank form is a cached fragment: it is built only when the fragment has to be rendered.
    form = SimpleLazyObject(VerificationRequestForm)
    return render(request, "intake/verify.html", {"form": form, "blank": True, "started": sign_start()})


def _form_page(request, form, status=200):
    """The form again as it was sent, with its errors: nothing typed is lost (files must be chosen again)."""
    context = {"form": form, "blank": False, "started": form.data.get("started", ""), "limited": status == 429}
    return render(request, "intake/verify.html", context, status=status)


class VerificationThanksView(TemplateView):
    template_name = "intake/verify_thanks.html"
