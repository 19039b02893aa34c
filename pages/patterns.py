"""The pattern page (/admin/patterns/, staff only): every component of the public site, drawn by
the site's own include templates with sample content, in English or, with ?lang=es, in Spanish.

A component is a template under templates/pages/patterns/ (or a real include that needs nothing
more than the page's frame) and, where the include needs data, a function that returns it. To show
a new component, add it to COMPONENTS."""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.paginator import Paginator
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import translation
from django.views.decorators.http import require_GET

from core.models import Picture
from faq.models import Article
from intake.forms import InquiryForm
from levels.models import LevelOfCare


def _form_with_errors(request):
    # Sent empty: every required field shows its error, the summary above it links to them.
    return {"form": InquiryForm(data={}), "blank": False, "started": ""}


def _choice_fields(request):
    # Every radio group and checkbox of the contact form, as a visitor first sees them (ids of their
    # own, apart from the form with errors on the same page).
    form = InquiryForm(auto_id="pattern-%s")
    return {
        "fields": [bound for bound in form if getattr(bound.field.widget, "input_type", "") in ("radio", "checkbox")]
    }


def _levels(request):
    return {"levels": LevelOfCare.objects.published()}


def _cards(request):
    articles = Article.objects.published().select_related("reviewer").prefetch_related("topics")[:2]
    return {"level": LevelOfCare.objects.published().first(), "articles": articles, "empty_text": ""}


def _pagination(request):
    paginator = Paginator(range(100), 10)
    return {"paginator": paginator, "page_obj": paginator.page(2), "is_paginated": True}


def _picture(request):
    return {"picture": Picture.objects.filter(is_decorative=False).order_by("pk").first()}


@dataclass(frozen=True)
class Component:
    title: str  # the section's heading on the pattern page (staff read it, in English)
    template: str
    sample: Callable = field(default=lambda request: {})  # request -> the context the include needs

    @property
    def slug(self):
        return self.title.lower().replace(" ", "-").replace(",", "")


P = "pages/patterns/"
COMPONENTS = [
    Component("Crisis notice", P + "crisis.html"),
    Component("Header and helpline", "includes/header.html"),
    Component("Headings and text", P + "type_scale.html"),
    Component("Links", P + "links.html"),
    Component("Buttons", P + "buttons.html"),
    Component("Error summary and form controls", P + "form.html", _form_with_errors),
    Component("Radios and checkboxes", P + "choices.html", _choice_fields),
    Component("Alerts and notes", P + "alerts.html"),
    Component("Cards", P + "cards.html", _cards),
    Component("Comparison table", "levels/includes/comparison.html", _levels),
    Component("Pagination", "includes/pagination.html", _pagination),
    Component("Picture", P + "picture.html", _picture),
    # ---- Components being built alongside: add yours here, above the footer (care cards, the action
    # bar, the trust line, where we are, who we treat...). Component("Care cards", P + "care_cards.html").
    Component("Footer", "includes/footer.html"),
]


@require_GET
def pattern_library(request):
    language = request.GET.get("lang", "en")
    if language not in dict(settings.LANGUAGES):
        language = "en"
    with translation.override(language):
        sections = [
            {"component": component, "html": render_to_string(component.template, component.sample(request), request)}
            for component in COMPONENTS
        ]
        other = "es" if language == "en" else "en"
        return render(
            request,
            "pages/patterns/page.html",
            {"sections": sections, "sample_language": language, "other_language": other},
        )
