"""Care cards typed in Markdown (common/care_cards.py): the exact HTML of each kind in each language,
kept by the sanitiser, refused when the kind is unknown, and shown so in the admin's preview."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from common.markdown import render_markdown
from core.links import validate_internal_links
from staff.markdown_preview import MARKDOWN_HELP

from ..factories import LevelFactory
from ..markup import one, parse

CARD = '!!! {kind} "Call us now if"\n    You feel **worse**.'
LABELS = {
    ("non-urgent", "en"): "Non-urgent advice:",
    ("urgent", "en"): "Urgent advice:",
    ("immediate", "en"): "Immediate action required:",
    ("non-urgent", "es"): "Consejo no urgente:",
    ("urgent", "es"): "Consejo urgente:",
    ("immediate", "es"): "Actúe de inmediato:",
}


def card_html(kind, label, heading="Call us now if", body="<p>You feel <strong>worse</strong>.</p>"):
    name = f"{label} {heading}" if heading else label.rstrip(":")
    shown = f" {heading}" if heading else ""
    return (
        f'<section aria-label="{name}" class="care-card care-card-{kind}">\n'
        f'<p class="care-card-heading"><strong class="care-card-kind">{label}</strong>{shown}</p>\n'
        f'<div class="care-card-body">\n{body}\n</div>\n'
        "</section>"
    )


@pytest.mark.parametrize(("kind", "language"), LABELS)
def test_each_kind_is_a_region_named_by_its_kind_in_words_in_the_texts_language(kind, language):
    with translation.override(language):
        html = render_markdown(CARD.format(kind=kind))
    assert html == card_html(kind, LABELS[kind, language])


@pytest.mark.parametrize(
    ("alias", "kind"), [("no-urgente", "non-urgent"), ("urgente", "urgent"), ("inmediato", "immediate")]
)
def test_spanish_editors_may_name_the_kind_in_spanish(alias, kind):
    with translation.override("es"):
        assert render_markdown(CARD.format(kind=alias)) == card_html(kind, LABELS[kind, "es"])


def test_a_card_without_a_heading_is_named_by_its_kind_alone():
    html = render_markdown("!!! urgent\n    Ring the nurse.")
    assert html == card_html("urgent", "Urgent advice:", heading="", body="<p>Ring the nurse.</p>")


def test_the_sanitiser_keeps_the_card_and_still_strips_scripts_and_other_classes():
    text = (
        '!!! immediate "Call 911 if"\n    <script>alert(1)</script> [Call 911](tel:911)\n\n'
        '<section class="care-card sneaky" onclick="alert(1)" style="color:red">Typed</section>\n\n'
        '<div class="admonition care-card-body" id="x">Also typed</div>'
    )
    html = render_markdown(text)
    assert html == (
        '<section aria-label="Immediate action required: Call 911 if" class="care-card care-card-immediate">\n'
        '<p class="care-card-heading"><strong class="care-card-kind">Immediate action required:</strong> '
        "Call 911 if</p>\n"
        '<div class="care-card-body">\n<p> <a href="tel:911" rel="noopener noreferrer">Call 911</a></p>\n</div>\n'
        "</section>\n"
        '<section class="care-card">Typed</section>\n\n'
        '<div class="care-card-body">Also typed</div>'
    )


def test_another_kind_of_admonition_is_refused_with_the_syntax():
    with pytest.raises(ValidationError) as refused:
        validate_internal_links('!!! warning "Careful"\n    Text.')
    assert refused.value.error_list[0].code == "unknown_care_card"
    validate_internal_links(CARD.format(kind="urgent"))  # a card is fine


@pytest.mark.django_db
def test_each_language_of_a_saved_text_gets_the_cards_words_in_that_language():
    card = CARD.format(kind="urgent")
    level = LevelFactory(description=card, description_es=card)  # saved while English is active
    assert level.description_html == card_html("urgent", "Urgent advice:")
    assert level.description_html_es == card_html("urgent", "Consejo urgente:")


@pytest.mark.django_db
def test_the_preview_shows_the_card_in_the_fields_language(editor_client):
    card = CARD.format(kind="non-urgent")
    for language, label in (("es", "Consejo no urgente:"), ("en", "Non-urgent advice:"), ("xx", "Non-urgent advice:")):
        data = editor_client.post("/admin/markdown-preview/", {"text": card, "language": language}).json()
        assert data == {"html": card_html("non-urgent", label), "problems": [], "warnings": []}


@pytest.mark.django_db
def test_each_markdown_field_says_its_language_and_how_to_type_a_card(editor_client):
    level = LevelFactory()
    page = parse(editor_client.get(f"/admin/levels/levelofcare/{level.pk}/change/").content.decode())
    assert one(page, "textarea[name=description_es]").attrs["data-markdown-language"] == "es"
    assert one(page, "textarea[name=description_en]").attrs["data-markdown-language"] == "en"
    assert one(page, "#id_description_es_helptext").text == f"What this level is. Markdown. {MARKDOWN_HELP}"
