"""Versions (django-reversion) that hold an article's questions, say what changed, and restore it all."""

import pytest
import reversion
from reversion.models import Version

from faq.models import Article, Question

from ..factories import ArticleFactory, LevelFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def edited(editor_user):
    """An article saved as a version, then changed: title, one answer, one question gone, one added."""
    with reversion.create_revision():
        reversion.set_user(editor_user)
        article = ArticleFactory(title="Version one", questions=3)
    first = Version.objects.get_for_object(article).get()
    with reversion.create_revision():
        reversion.set_user(editor_user)
        article.title = "Version two"
        article.save()
        q1, q2, _ = article.questions.order_by("position")
        q1.answer = "A rewritten answer."
        q1.save()
        q2.delete()
        Question.objects.create(article=article, position=4, question="A new question?", answer="New.")
    return article, first


def test_a_version_holds_the_questions(edited):
    article, first = edited
    held = first.revision.version_set.filter(content_type__model="question")
    assert held.count() == 3


def test_history_says_what_each_version_changed(editor_client, edited):
    article, _ = edited
    html = editor_client.get(f"/admin/faq/article/{article.pk}/history/").content.decode()
    assert "Title: “Version one” → “Version two”" in html
    assert "Question 1, answer: “An answer.” → “A rewritten answer.”" in html
    assert "Question 2 removed" in html and "Question 4 added: “A new question?”" in html
    assert html.index("Version two") < html.index("First saved version.")  # newest first


def test_opening_an_old_version_shows_it_whole_and_changes_nothing(editor_client, edited):
    article, first = edited
    page = editor_client.get(f"/admin/faq/article/{article.pk}/history/{first.pk}/")
    html = page.content.decode()
    assert page.status_code == 200 and 'value="Version one"' in html and "Restore this version" in html
    assert "A new question?" not in html and html.count("An answer.") == 3
    article.refresh_from_db()
    assert article.title == "Version two" and article.questions.count() == 3


def test_a_level_keeps_versions_too(admin_client, superuser):
    with reversion.create_revision():
        level = LevelFactory(summary="The first summary.")
    with reversion.create_revision():
        level.summary = "A later summary."
        level.save()
    html = admin_client.get(f"/admin/levels/levelofcare/{level.pk}/history/").content.decode()
    assert "Summary: “The first summary.” → “A later summary.”" in html


def test_the_article_history_is_for_editors_only(admissions_client, edited):
    article, first = edited
    assert admissions_client.get(f"/admin/faq/article/{article.pk}/history/").status_code == 403
    assert Article.objects.filter(pk=article.pk).exists()
