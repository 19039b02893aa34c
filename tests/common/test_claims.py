"""Claims carry sources: sentences with a percentage, "studies show" or research and no numbered source
reference are found (common/claims.py), `[1]` links to the article's first source, and no demo text
makes such a claim."""

import pytest
from django.utils import translation

from common.claims import unsupported_claims
from common.markdown import render_markdown
from core.placeholders import writes_number
from demo.articles import ARTICLES
from demo.articles_es import ARTICLES as ARTICLES_ES
from demo.levels import LEVELS
from demo.levels_es import SPANISH as LEVELS_ES
from demo.pages import PAGES
from demo.pages_es import SPANISH as PAGES_ES


@pytest.mark.parametrize(
    ("text", "found"),
    [
        (
            "IOP helps. It works for 50 percent of people. Call us.",
            [("It works for 50 percent of people.", "a percentage")],
        ),
        ("Plans pay 60% of the cost.", [("Plans pay 60% of the cost.", "a percentage")]),
        (
            "Studies show that IOP works as well as inpatient care.",
            [("Studies show that IOP works as well as inpatient care.", "studies")],
        ),
        (
            "Studies cited in the field report good results.",
            [("Studies cited in the field report good results.", "studies")],
        ),
        ("Research backs this approach.", [("Research backs this approach.", "research")]),
        (
            "Funciona en el 50 por ciento de los casos.",
            [("Funciona en el 50 por ciento de los casos.", "a percentage")],
        ),
        ("Los estudios muestran buenos resultados.", [("Los estudios muestran buenos resultados.", "studies")]),
        ("Según estudios recientes, funciona.", [("Según estudios recientes, funciona.", "studies")]),
        ("La investigación lo confirma.", [("La investigación lo confirma.", "research")]),
        ("- first item\n- It works for 70 percent.", [("It works for 70 percent.", "a percentage")]),
    ],
)
def test_a_claim_without_a_numbered_source_is_found_by_its_sentence(text, found):
    assert unsupported_claims(render_markdown(text)) == found


@pytest.mark.parametrize(
    "text",
    [
        "It works for 50 percent of people [1].",
        "Studies show that IOP works [2]. Research agrees [1].",
        "Funciona en el 50 por ciento de los casos [1].",
        "IOP takes 9 to 19 hours a week.",
        "PHP leaves room for part-time work or studies.",
        "Quizá pueda mantener un trabajo o estudios de medio tiempo.",
        "Vuelve de lleno al trabajo, los estudios y la vida familiar.",
    ],
)
def test_a_sentence_with_its_source_number_or_no_claim_is_fine(text):
    assert unsupported_claims(render_markdown(text)) == []


def test_a_source_number_links_to_that_source_under_the_article_in_the_texts_language():
    assert render_markdown("IOP takes 9 to 19 hours a week [1].") == (
        '<p>IOP takes 9 to 19 hours a week <a href="#source-1" title="Source 1" rel="noopener noreferrer">[1]</a>.</p>'
    )
    with translation.override("es"):
        assert (
            render_markdown("Dato [2].")
            == '<p>Dato <a href="#source-2" title="Fuente 2" rel="noopener noreferrer">[2]</a>.</p>'
        )
    # An ordinary link and a reference definition keep their meaning.
    assert render_markdown("[1](https://example.org/)") == (
        '<p><a href="https://example.org/" rel="noopener noreferrer">1</a></p>'
    )
    assert render_markdown("See [1].\n\n[1]: https://example.org/") == (
        '<p>See <a href="https://example.org/" rel="noopener noreferrer">1</a>.</p>'
    )


def _demo_texts():
    """Every Markdown text load_demo writes, in both languages: (where, text)."""
    for article in ARTICLES:
        spanish = ARTICLES_ES.get(article["slug"], {})
        for field in ("introduction", "closing"):
            yield f"{article['slug']} {field}", article.get(field, "")
            yield f"{article['slug']} {field}_es", spanish.get(f"{field}_es", "")
        for number, (_, answer) in enumerate(article["questions"], start=1):
            yield f"{article['slug']} answer {number}", answer
        for number, (_, answer) in enumerate(spanish.get("questions", []), start=1):
            yield f"{article['slug']} answer {number} (es)", answer
    for level in LEVELS:
        for field in ("description", "who_it_fits", "typical_week"):
            yield f"{level['slug']} {field}", level[field]
            yield f"{level['slug']} {field}_es", LEVELS_ES[level["slug"]][f"{field}_es"]
    for page in PAGES:
        yield page["slug"], page["body"]
        yield f"{page['slug']} (es)", PAGES_ES[page["slug"]]["body_es"]


DEMO_TEXTS = list(_demo_texts())


def test_the_demo_texts_are_all_found():
    # The checker below runs over real text: articles, levels and pages in both languages.
    assert len([where for where, text in DEMO_TEXTS if text]) >= 60
    assert any("[1]" in text for _, text in DEMO_TEXTS)


@pytest.mark.parametrize(("where", "text"), DEMO_TEXTS, ids=[where for where, _ in DEMO_TEXTS])
def test_no_demo_text_makes_an_unsupported_claim_or_writes_the_helpline(where, text):
    assert unsupported_claims(render_markdown(text)) == []
    assert "success rates" not in text and "tasas de éxito" not in text
    assert "paying for treatment themselves" not in text and "pagan el tratamiento por su cuenta" not in text
    assert not writes_number(text, _helpline())


def _helpline():
    from phonenumber_field.phonenumber import PhoneNumber

    return PhoneNumber.from_string("+18184312224")
