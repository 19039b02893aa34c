import logging

from django.db import transaction
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView

from levels.models import LevelOfCare

from .attribution import read_attribution
from .forms import InquiryForm
from .models import Inquiry
from .notifications import queue_notification
from .ratelimit import submission_limited
from .spam import spam_reason

logger = logging.getLogger(__name__)


@never_cache
def contact(request):
    if request.method == "POST":
        form = InquiryForm(request.POST)
        if form.is_valid():
            # Only submissions that would be stored count towards the limit.
            if submission_limited(request):
                logger.info("inquiry rate limit reached")
                return render(request, "intake/rate_limited.html", {"form": form}, status=429)
            save_inquiry(form, request)
            return redirect("intake:thanks")
    else:
        form = InquiryForm(initial=_initial_level(request))
    return render(request, "intake/contact.html", {"form": form})


def _initial_level(request):
    slug = request.GET.get("level", "")
    if not slug or not slug.isascii():
        return {}
    level = LevelOfCare.objects.published().filter(slug=slug).values_list("slug", flat=True).first()
    return {"level": level} if level else {}


def save_inquiry(form, request):
    reason = spam_reason(form.cleaned_data.get("website"), form.cleaned_data.get("started"))
    with transaction.atomic():
        inquiry = form.save(commit=False)
        inquiry.attribution = read_attribution(request)
        if reason:
            inquiry.status = Inquiry.Status.SPAM
            inquiry.spam_reason = reason
        inquiry.save()
        if not reason:
            queue_notification(inquiry)
    logger.info("inquiry %s stored%s", inquiry.pk, " as spam" if reason else "")
    return inquiry


class ThanksView(TemplateView):
    template_name = "intake/thanks.html"
