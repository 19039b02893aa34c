import logging

from django.shortcuts import redirect, render
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView

from levels.models import LevelOfCare

from . import services
from .attribution import read_attribution
from .forms import InquiryForm
from .ratelimit import submission_limited
from .spam import sign_start

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
            services.submit_inquiry(**form.cleaned_data, attribution=read_attribution(request), language=get_language())
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
    slug = request.GET.get("level")
    if not slug:
        return ""  # most visits: building the query costs more than the rest of the view
    levels = LevelOfCare.objects.published().with_slug(slug)
    return levels.values_list("slug", flat=True).first() or ""


class ThanksView(TemplateView):
    template_name = "intake/thanks.html"
