"""An editor's reordering of an article's questions survives a save refused for another reason:
the form comes back in their order (which ordering.js then keeps), and saving it keeps that order."""

import re

import pytest

from ..factories import UNREVIEWED, ArticleFactory
from ..submitted_form import submitted

pytestmark = pytest.mark.django_db


def _rows(html):
    """(position, question) of each question row, in page order (not the template for a new one)."""
    positions = re.findall(r'name="questions-(\d+)-position" value="(\d+)"', html)
    questions = dict(re.findall(r'name="questions-(\d+)-question_en" value="([^"]*)"', html))
    return [(int(position), questions[index]) for index, position in positions]


def test_reordered_questions_come_back_in_the_editors_order_after_a_refused_save(editor_client):
    article = ArticleFactory(title="Detox", questions=3, **UNREVIEWED)
    url = f"/admin/faq/article/{article.pk}/change/"
    data = submitted(editor_client.get(url).content.decode(), "article_form")
    first, second, third = article.questions.order_by("position").values_list("question", flat=True)
    # The editor moves the third question to the top (ordering.js renumbers the positions)...
    data.update({"questions-0-position": "2", "questions-1-position": "3", "questions-2-position": "1"})
    # ...and leaves the title empty, which refuses the save.
    refused = editor_client.post(url, {**data, "title_en": ""})
    assert refused.status_code == 200
    assert _rows(refused.content.decode()) == [(1, third), (2, first), (3, second)]
    # Fixing the title and saving the page as drawn keeps their order.
    again = submitted(refused.content.decode(), "article_form")
    assert editor_client.post(url, {**again, "title_en": "Detox"}).status_code == 302
    assert list(article.questions.order_by("position").values_list("question", flat=True)) == [third, first, second]
