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

from common.markdown import render_markdown
from core.models import Picture
from faq.models import Article
from intake.forms import InquiryForm
from intake.models import Carrier
from intake.verification_forms import VerificationRequestForm
from levels.models import LevelOfCare

# The three kinds of care card as an editor types them (common/care_cards.py); the Spanish sample uses
# the kinds Spanish editors may type.
CARE_CARDS = {
    "en": """!!! non-urgent "Call us to talk it over if"
    - cravings keep coming back after treatment
    - you are sleeping badly or feel low most days

!!! urgent "Call us now if"
    - you have started drinking or using again and feel unsafe
    - you are thinking about stopping a medicine on your own

    Call [[helpline]], day or night.

!!! immediate "Call 911 if"
    - someone has a seizure or is hard to wake
    - someone may have overdosed: give naloxone (Narcan) if you have it""",
    "es": """!!! no-urgente "Llámenos para hablarlo si"
    - los deseos de consumir vuelven después del tratamiento
    - duerme mal o se siente sin ánimo casi todos los días

!!! urgente "Llámenos ahora si"
    - volvió a beber o a consumir y no se siente a salvo
    - piensa dejar un medicamento por su cuenta

    Llame al [[helpline]], de día o de noche.

!!! inmediato "Llame al 911 si"
    - alguien tiene una convulsión o no se despierta con facilidad
    - alguien pudo tener una sobredosis: dele naloxona (Narcan) si la tiene""",
}
# What a visitor may search for and not find (the empty-search help repeats it).
UNFOUND_SEARCH = {"en": "teen", "es": "adolescentes"}


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


def _care_cards(request):
    # Through the pipeline saved texts go through: Markdown, the sanitiser, then the placeholders.
    return {"cards_html": render_markdown(CARE_CARDS[translation.get_language()])}


def _birth_dates(request):
    # The insurance form's date of birth alone: blank, then sent with a date that does not exist.
    # Ids start "id_" like the form's own, so the wide-screen layout (help beside the field) applies.
    blank = VerificationRequestForm(auto_id="id_blank_%s")
    wrong = VerificationRequestForm(
        data={"patient_birth_date_month": "2", "patient_birth_date_day": "30", "patient_birth_date_year": "1990"},
        auto_id="id_wrong_%s",
    )
    return {"fields": [blank["patient_birth_date"], wrong["patient_birth_date"]]}


def _payer_note(request):
    # The insurance company's box with Medi-Cal chosen, and the note the server (or payer-note.js) shows.
    return {"carrier": VerificationRequestForm(initial={"carrier": Carrier.MEDI_CAL}, auto_id="id_payer_%s")["carrier"]}


def _callback_promise(request):
    return {"with_minutes": True}  # as the contact form's thank-you page says it


def _no_results(request):
    return {"query": UNFOUND_SEARCH[translation.get_language()]}


def _reviewed_article(request):
    reviewed = Article.objects.published().filter(last_reviewed__isnull=False).select_related("reviewer")
    return {"reviewed": reviewed.order_by("pk").first(), "byline": True}


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
    Component("Home page first steps", "pages/includes/home_actions.html"),
    Component("Action bar", "includes/action_bar.html"),  # shown in place, at every width (site.css)
    Component("Care cards", P + "care_cards.html", _care_cards),
    Component("Date of birth", P + "date_of_birth.html", _birth_dates),
    Component("Payer note", P + "payer_note.html", _payer_note),
    Component("When we call back", "intake/includes/callback_promise.html", _callback_promise),
    Component("Empty search help", "faq/includes/no_results.html", _no_results),
    Component("Where we are", "includes/where_we_are.html"),
    Component("Who we treat section", P + "who_we_treat.html"),  # its own region is named "Who we treat"
    Component("Trust line", P + "trust_line.html"),
    Component("Review dates", P + "review_dates.html", _reviewed_article),
    # Add new components here, above the footer.
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
