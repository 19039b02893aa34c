import logging

from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.functional import SimpleLazyObject
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView

from levels.models import LevelOfCare

from .attribution import read_attribution
from .forms import InquiryForm
from .models import Inquiry
from .notifications import queue_notification
from .ratelimit import submission_limited
from .spam import sign_start, spam_reason

logger = logging.getLogger(__name__)


@never_cache
def contact(request):
    if request.method == "POST":
        form = InquiryForm(request.POST)
        if form.is_valid():
            # Only submissions that would be stored count towards the limit.
            if submission_limited(request):
                logger.info("inquiry rate limit reached")
                return _form_page(request, "intake/rate_limited.html", form, status=429)
            save_inquiry(form, request)
            return redirect("intake:thanks")
        return _form_page(request, "intake/contact.html", form)
    level = _chosen_level(request)
    # The blank form is a cached fragment: it is built only when the fragment has to be rendered.
    blank = SimpleLazyObject(lambda: InquiryForm(initial={"level": level} if level else {}))
    context = {"form": blank, "blank": True, "level": level, "started": sign_start()}
    return render(request, "intake/contact.html", context)


def _form_page(request, template, form, status=200):
    """The form again as it was sent, with its errors: nothing typed is lost."""
    context = {"form": form, "blank": False, "started": form.data.get("started", "")}
    return render(request, template, context, status=status)


def _chosen_level(request):
    """The slug of the published level named by ?level=, or ""."""
    levels = LevelOfCare.objects.published().with_slug(request.GET.get("level"))
    return levels.values_list("slug", flat=True).first() or ""


def save_inquiry(form, request):
    with transaction.atomic():
        reason = spam_reason(form.cleaned_data.get("website"), form.cleaned_data.get("started"))
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
