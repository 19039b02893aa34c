"""A claim without a numbered source is warned of after a save (not refused), on the change page and in
the Markdown preview; a sentence citing its source is not."""

import pytest

from faq.models import Article
from review.models import PendingRevision

from ..factories import UNREVIEWED, ArticleFactory, LevelFactory, PageFactory
from ..faq_helpers import article_form
from ..levels.test_medical_review import level_form
from ..markup import parse, texts
from ..pages.test_center_pages import page_form

pytestmark = pytest.mark.django_db

HINT = (
    "without a numbered source reference. Cite its source by its number in the article's Sources, e.g. [1], or "
    "reword it (levels of care and pages have no Sources: leave the figure to an article that cites it)."
)


@pytest.mark.parametrize("reviewed", [False, True], ids=["saved", "held for review"])
def test_an_articles_unsourced_claims_are_warned_of_by_sentence_and_the_save_stands(editor_client, reviewed):
    # A reviewed article's change waits for review (review/): its proposed text is what is checked.
    article = ArticleFactory() if reviewed else ArticleFactory(**UNREVIEWED)
    question = article.questions.create(position=1, question="Does it work?", answer="Yes.")
    url = f"/admin/faq/article/{article.pk}/change/"
    data = article_form(article, introduction="IOP is flexible. It works for 60 percent of people.", **{
        "introduction_es": "El IOP es flexible. Los estudios muestran que funciona.",
        "questions-TOTAL_FORMS": "1", "questions-INITIAL_FORMS": "1", "questions-0-id": question.pk,
        "questions-0-article": article.pk, "questions-0-position": "1", "questions-0-question": "Does it work?",
        "questions-0-answer": "Research backs it. It is flexible [1].", "_save": "Save",
    })  # fmt: skip
    response = editor_client.post(url, data)
    assert response.status_code == 302 and response["Location"] == url  # kept on the change page to read them
    article.refresh_from_db()
    kept = PendingRevision.objects.get().values["fields"]["introduction_en"] if reviewed else article.introduction
    assert kept == "IOP is flexible. It works for 60 percent of people."  # saved or held: not a refusal
    messages = texts(parse(editor_client.get(url).content.decode()), "ul.messagelist li.warning")
    messages = [text for text in messages if "waits for a reviewer" not in text]
    assert messages == [
        f"Introduction (English): “It works for 60 percent of people.” states a percentage {HINT}",
        f"Introduction (Spanish): “Los estudios muestran que funciona.” states what studies show {HINT}",
        f"Answer 1 (English): “Research backs it.” states research {HINT}",
    ]


def test_a_claim_citing_its_source_is_not_warned_of_and_save_goes_back_to_the_list(editor_client):
    article = ArticleFactory(**UNREVIEWED)
    data = article_form(article, introduction="It works for 60 percent of people [1].", _save="Save", **{
        "introduction_es": "Funciona en el 60 por ciento de los casos [1].",
    })  # fmt: skip
    response = editor_client.post(f"/admin/faq/article/{article.pk}/change/", data)
    assert response.status_code == 302 and response["Location"] == "/admin/faq/article/"
    page = parse(editor_client.get(response["Location"]).content.decode())
    assert texts(page, "ul.messagelist li.warning") == []
    assert Article.objects.get(pk=article.pk).introduction == "It works for 60 percent of people [1]."


def test_a_levels_and_a_pages_claims_are_warned_of_too(editor_client):
    level = LevelFactory()
    url = f"/admin/levels/levelofcare/{level.pk}/change/"
    data = level_form(level, description_es="Funciona en el 50 por ciento de los casos.", _continue="Save")
    assert editor_client.post(url, data).status_code == 302
    assert texts(parse(editor_client.get(url).content.decode()), "ul.messagelist li.warning") == [
        f"Description (Spanish): “Funciona en el 50 por ciento de los casos.” states a percentage {HINT}"
    ]
    page = PageFactory()
    url = f"/admin/pages/page/{page.pk}/change/"
    data = page_form(page, body="Our approach. Studies show it works.", _save="Save")
    assert editor_client.post(url, data)["Location"] == url
    assert texts(parse(editor_client.get(url).content.decode()), "ul.messagelist li.warning") == [
        f"Body (English): “Studies show it works.” states what studies show {HINT}"
    ]


def test_the_preview_warns_of_an_unsourced_claim_and_fills_placeholders(editor_client):
    data = editor_client.post(
        "/admin/markdown-preview/", {"text": "Call [[helpline]]. It helps 50% of people.", "language": "en"}
    ).json()
    assert data == {
        "html": '<p>Call <a href="tel:+18184312224">(818) 431-2224</a>. It helps 50% of people.</p>',
        "problems": [],
        "warnings": [f"This text: “It helps 50% of people.” states a percentage {HINT}"],
    }
