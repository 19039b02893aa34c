"""Restoring one article's old version brings back that article and its questions, and nothing else
saved in the same version (load_demo and the list's quick edit save several articles in one)."""

import pytest
import reversion
from django.utils import timezone
from django.utils.formats import date_format
from pytest_django.asserts import assertContains, assertNotContains
from reversion.models import Version

from faq.models import Article, Question

from ..factories import UNREVIEWED, ArticleFactory
from ..submitted_form import submitted

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_in_one_version(editor_user):
    """Two articles saved in one version, then each changed on its own. Not medically reviewed: a
    reviewed article's restore waits for review (tests/faq/test_sign_off.py)."""
    with reversion.create_revision():
        reversion.set_user(editor_user)
        iop = ArticleFactory(title="What is IOP?", questions=2, **UNREVIEWED)
        insurance = ArticleFactory(title="Does insurance pay?", questions=1, **UNREVIEWED)
    first = Version.objects.get_for_object(iop).get()
    with reversion.create_revision():
        insurance.title = "Which insurance do you take?"
        insurance.save()
    with reversion.create_revision():
        iop.title = "IOP, explained"
        iop.save()
        removed, moved = iop.questions.order_by("position")
        removed.delete()
        Question.objects.filter(pk=moved.pk).update(position=1)  # takes the removed one's place
        Question.objects.create(article=iop, position=2, question="Added later?", answer="Yes.")
    when = date_format(timezone.localtime(first.revision.date_created), "N j, Y, P")
    return iop, insurance, first, when


def test_the_restore_page_says_what_it_brings_back(editor_client, two_in_one_version):
    iop, insurance, first, when = two_in_one_version
    page = editor_client.get(f"/admin/faq/article/{iop.pk}/history/{first.pk}/")
    assertContains(
        page,
        f'<p class="version-restore-scope">Restoring brings back the article “What is IOP?” as saved on {when}, '
        "with its 2 questions. The 2 other items saved in that version stay as they are now.</p>",
        html=True,
    )
    assertContains(
        page,
        '<input type="text" name="title_en" value="What is IOP?" class="vTextField mt mt-field-title-en mt-default" '
        'maxlength="200" required id="id_title_en">',
        html=True,
    )
    # Showing it changed nothing.
    iop.refresh_from_db()
    insurance.refresh_from_db()
    assert (iop.title, insurance.title) == ("IOP, explained", "Which insurance do you take?")


def test_restoring_one_article_leaves_the_other_as_it_is(editor_client, two_in_one_version):
    iop, insurance, first, when = two_in_one_version
    url = f"/admin/faq/article/{iop.pk}/history/{first.pk}/"
    response = editor_client.post(url, submitted(editor_client.get(url).content.decode(), "article_form"), follow=True)
    assert response.redirect_chain[-1][1] == 302
    assertContains(
        response,
        f'<li class="success">Restored the article “What is IOP?” as saved on {when}, with its 2 questions. '
        "The 2 other items saved in that version were left as they are.</li>",
        html=True,
    )
    iop.refresh_from_db()
    insurance.refresh_from_db()
    assert iop.title == "What is IOP?"
    # Its questions as they were: the removed one back in its place, the one added since gone.
    first_questions = [
        (held.field_dict["position"], held.field_dict["question"])
        for held in first.revision.version_set.filter(content_type__model="question")
        if held.field_dict["article_id"] == iop.pk
    ]
    assert list(iop.questions.values_list("position", "question")) == sorted(first_questions)
    assert not Question.objects.filter(question="Added later?").exists()
    # The other article in that version keeps its later title and its question.
    assert insurance.title == "Which insurance do you take?"
    assert insurance.questions.count() == 1
    assert Article.objects.count() == 2


def test_the_history_lists_only_this_articles_questions(editor_client, two_in_one_version):
    iop, insurance, first, when = two_in_one_version
    page = editor_client.get(f"/admin/faq/article/{iop.pk}/history/")
    assertContains(page, "<li>Title: “What is IOP?” → “IOP, explained”</li>", html=True)
    assertContains(page, "<li>Question 2 added: “Added later?”</li>", html=True)
    assertNotContains(page, insurance.questions.get().question)
