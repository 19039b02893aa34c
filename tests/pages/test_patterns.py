"""The staff pattern page: only staff see it, and it draws every public component in either language."""

import json
import shutil
import subprocess
from collections import Counter

import pytest

from core.models import SiteSettings
from pages.patterns import COMPONENTS

from ..factories import ArticleFactory, LevelFactory, ReviewerFactory, UserFactory
from ..integration.test_html_valid import VNU
from ..markup import one, parse, select, texts

pytestmark = pytest.mark.django_db
URL = "/admin/patterns/"
# What the page must show whatever else is added: the public site's components as the issue lists them.
REQUIRED = [
    "Crisis notice",
    "Header and helpline",
    "Headings and text",
    "Links",
    "Buttons",
    "Error summary and form controls",
    "Radios and checkboxes",
    "Alerts and notes",
    "Cards",
    "Comparison table",
    "Pagination",
    "Picture",
    "Home page first steps",
    "Action bar",
    "Care cards",
    "Date of birth",
    "Payer note",
    "When we call back",
    "Empty search help",
    "Where we are",
    "Who we treat section",
    "Trust line",
    "Review dates",
    "Footer",
]


@pytest.mark.parametrize("is_signed_in", [False, True])
def test_anyone_but_staff_is_sent_to_the_admin_sign_in(client, is_signed_in):
    if is_signed_in:
        client.force_login(UserFactory(is_staff=False))
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"] == "/admin/login/?next=/admin/patterns/"


@pytest.fixture
def staff_client(client):
    client.force_login(UserFactory())
    return client


def repeated_ids(page):
    counts = Counter(element.attrs["id"] for element in parse(page).descendants() if "id" in element.attrs)
    return [name for name, count in counts.items() if count > 1]


def test_staff_see_every_component_in_its_own_section(staff_client):
    SiteSettings.objects.create(licence_number="190000AP", text_line="+18184312225", street_address="1 Main St")
    LevelFactory(name="Program for the card", short_name="Card")
    ArticleFactory(title="An article for the list", reviewer=ReviewerFactory(name="Ana Ruiz", credentials="MD"))
    page = staff_client.get(URL)
    assert page.status_code == 200
    headings = texts(page, "section.pattern > h2")
    assert headings == [component.title for component in COMPONENTS]
    assert [title for title in REQUIRED if title not in headings] == []
    for section in select(page, "section.pattern"):
        assert one(section, "div.pattern-sample[lang=en]").children, f"{section.attrs['id']} is empty"
    assert one(page, "#cards .card-level h2").text == "Program for the card"  # the short name is one of its words
    assert texts(page, "#cards li h2 a") == ["Program for the card", "An article for the list"]
    assert one(page, "#pagination li[aria-current=page]").text == "Page 2 of 10"
    # The form was sent empty: its summary lists what to fix, each field's error sits by it.
    assert one(page, "#error-summary-title").text.startswith("Please fix")
    assert one(page, "#id_name_error").text == "Enter your first name"
    assert one(page, "#id_name_helptext").text == "Only a first name is needed."
    assert repeated_ids(page) == []


def test_the_front_door_components_are_the_sites_own(staff_client):
    SiteSettings.objects.create(
        licence_number="190000AP",
        text_line="+18184312225",
        street_address="1 Main St",
        ages_treated="Adults 18 and older",
    )
    ArticleFactory(reviewer=ReviewerFactory(name="Ana Ruiz", credentials="MD"))
    page = staff_client.get(URL)
    assert one(page, "#home-page-first-steps h1#home-title").text == (
        "Treatment for addiction and mental health, from detox to outpatient care"
    )
    assert texts(page, "#home-page-first-steps .home-actions a") == ["Call (818) 431-2224", "Check my insurance"]
    assert texts(page, "#action-bar nav.action-bar a") == ["Call", "Text", "Check insurance"]
    # Each kind of care card, through the Markdown pipeline: a region named by its kind and heading.
    cards = select(page, "#care-cards section.care-card")
    assert [card.attrs["aria-label"] for card in cards] == [
        "Non-urgent advice: Call us to talk it over if",
        "Urgent advice: Call us now if",
        "Immediate action required: Call 911 if",
    ]
    assert one(cards[1], "a").attrs["href"] == "tel:+18184312224"  # [[helpline]] filled in
    # The date of birth blank, then with its error beside it; the three boxes keep what was typed.
    assert select(page, "#div_id_blank_patient_birth_date .invalid-feedback") == []
    assert one(page, "#id_wrong_patient_birth_date_error").text == "Date of birth must be a real date"
    assert [box.attrs.get("value") for box in select(page, "#div_id_wrong_patient_birth_date input")] == [
        "2",
        "30",
        "1990",
    ]
    assert one(page, "#id_payer_carrier option[selected]").attrs["value"] == "medi_cal"
    assert "hidden" not in one(page, "#payer-note-medi_cal").attrs
    assert "hidden" in one(page, "#payer-note-medicare").attrs
    assert one(page, "#when-we-call-back #callback-promise strong").text == (
        "We'll call from (818) 431-2224 within 15 minutes. Save the number."
    )
    assert one(page, "#empty-search-help #no-results-heading").text == (
        "No answers mention “teen” yet. We can still help."
    )
    address = one(page, "#where-we-are address")
    assert [line for line in address.children if isinstance(line, str)] == ["1 Main St", "Los Angeles, CA"]
    assert one(page, "#who-we-treat-section #who-we-treat-heading").text == "Who we treat"
    assert one(page, "#trust-line .trust-licence").text.startswith("Licensed by the ")
    assert one(page, "#review-dates .review-dates a").text == "Ana Ruiz, MD"


def test_the_samples_speak_spanish_with_lang_es_and_english_otherwise(staff_client):
    spanish = staff_client.get(URL, {"lang": "es"})
    assert len(select(spanish, "div.pattern-sample[lang=es]")) == len(COMPONENTS)
    assert texts(spanish, "#crisis-notice .crisis-links a") == [
        "Llame al 988 y oprima 2",
        "Envíe AYUDA al 988",
        "Llame al 911",
    ]
    assert one(spanish, "#header-and-helpline .helpline-label").text == "Línea de ayuda 24 horas"
    assert texts(spanish, "#care-cards .care-card-kind") == [
        "Consejo no urgente:",
        "Consejo urgente:",
        "Actúe de inmediato:",
    ]
    assert one(spanish, "#empty-search-help #no-results-heading").text == (
        "Todavía no hay respuestas que mencionen “adolescentes”. Aun así, podemos ayudarle."
    )
    assert repeated_ids(spanish) == []
    assert one(spanish, "main > p > a[href=?lang=en]").text == "Show them in English"
    for other in ({"lang": "fr"}, {}):
        english = staff_client.get(URL, other)
        assert texts(english, "#crisis-notice .crisis-links a") == ["Call 988", "Text 988", "Call 911"]


def test_the_page_is_valid_html_in_both_languages(staff_client, tmp_path):
    if not VNU.exists() or not shutil.which("java"):
        pytest.skip(f"no W3C checker at {VNU} or no java")
    SiteSettings.objects.create(licence_number="190000AP", text_line="+18184312225", ages_treated="Adults")
    ArticleFactory()
    files = []
    for language in ("en", "es"):
        files.append(tmp_path / f"patterns-{language}.html")
        files[-1].write_bytes(staff_client.get(URL, {"lang": language}).content)
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--format", "json", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    errors = [f"{m.get('url')}: {m['message']}" for m in json.loads(result.stderr or '{"messages": []}')["messages"]]
    assert errors == []
