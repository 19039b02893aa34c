"""A link to a page of this site that does not exist is refused, naming it; links elsewhere are listed."""

import time

import pytest
from django.core.exceptions import ValidationError

from common.markdown import OutOfTime, too_slow_message
from core.links import addresses, external_links, validate_internal_links
from faq.models import Article
from levels.models import LevelOfCare

from ..factories import ArticleFactory, LevelFactory, TopicFactory
from ..faq_helpers import article_form
from ..translated_forms import english_names

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "text",
    [
        "See [residential](/levels-of-care/resdential/).",
        "See [residential](http://127.0.0.1:8000/levels-of-care/resdential/).",
        "See <http://127.0.0.1:8000/no-such-page/>.",
        "See [the draft](/faq/a-draft/).",
        "See [the topic][ref].\n\n[ref]: /faq/topic/none/",
        "See [the preview](/faq/real/preview/).",
    ],
)
def test_a_link_to_a_missing_page_is_refused_naming_it(text):
    LevelFactory(slug="residential")
    ArticleFactory(slug="real")
    ArticleFactory(slug="a-draft", status=Article.Status.DRAFT)
    with pytest.raises(ValidationError) as refused:
        validate_internal_links(text)
    assert addresses(text)[0] in str(refused.value)


@pytest.mark.parametrize(
    "text",
    [
        "See [residential](/levels-of-care/residential/) and [the IOP article](/faq/real/#q2).",
        "Call [us](tel:+13105550100), [write](mailto:a@example.org), or read [on](#q3).",
        "Read [SAMHSA](https://www.samhsa.gov/find-help) and [the topic](/faq/topic/programs/).",
        "Compare [them](/levels-of-care/compare/) or ask [us](/contact/?level=residential).",
        "Markup that is no link: <script>x</script>, </em>, and a definition nothing uses.\n\n[old]: /nowhere/",
    ],
)
def test_links_that_lead_somewhere_are_kept(text):
    LevelFactory(slug="residential")
    ArticleFactory(slug="real")
    TopicFactory(slug="programs")
    validate_internal_links(text)


def test_an_old_address_that_redirects_is_not_broken():
    article = ArticleFactory(slug="old")
    article.slug = "new"
    article.save()
    validate_internal_links("See [it](/faq/old/).")


def test_the_admin_refuses_the_save_and_keeps_what_was_typed(editor_client):
    level = LevelFactory(slug="outpatient")
    data = {
        "name": level.name, "slug": level.slug, "short_name": level.short_name, "asam_level": "2.1",
        "summary": "s", "is_published": "on", "intensity_rank": level.intensity_rank,
        "hours_min": 9, "hours_max": 19, "days_min": 3, "days_max": 5, "weeks_min": "", "weeks_max": "",
        "review_interval_months": 12,
        "supervision": "scheduled", "description": "Steps up to [IOP](/levels-of-care/iop-typo/).",
        "who_it_fits": "Read [SAMHSA](https://www.samhsa.gov/).", "typical_week": "t", "meta_description": "",
    }  # fmt: skip
    data = english_names(data, LevelOfCare)
    response = editor_client.post(f"/admin/levels/levelofcare/{level.pk}/change/", data)
    html = response.content.decode()
    assert response.status_code == 200 and "This links to /levels-of-care/iop-typo/" in html
    assert "Steps up to [IOP](/levels-of-care/iop-typo/)." in html
    data["description_en"] = "Steps up to [outpatient](/levels-of-care/outpatient/)."
    assert editor_client.post(f"/admin/levels/levelofcare/{level.pk}/change/", data).status_code == 302
    page = editor_client.get(f"/admin/levels/levelofcare/{level.pk}/change/").content.decode()
    assert 'href="https://www.samhsa.gov/"' in page and "Links to other sites" in page


def test_external_links_are_listed_once_and_own_links_left_out():
    html = '<a href="https://a.example/x">a</a><a href="/faq/">b</a><a href="https://a.example/x">c</a>'
    assert external_links(html, '<a href="http://127.0.0.1:8000/faq/">d</a><a href="https://b.example/">e</a>') == [
        "https://a.example/x",
        "https://b.example/",
    ]


@pytest.mark.parametrize("text", ["Look: ![a garden](/media/pictures/x.webp)", 'Look: <img src="/x.png" alt="">'])
def test_a_picture_in_the_text_is_refused_with_a_word_on_where_pictures_go(text):
    with pytest.raises(ValidationError, match="Pictures cannot go in the text"):
        validate_internal_links(text)


def test_a_form_of_many_slow_texts_is_bounded_as_a_whole_and_each_says_why(editor_client, settings):
    """Each text gets MARKDOWN_RENDER_SECONDS, the request MARKDOWN_REQUEST_SECONDS in all: past it the
    rest are not tried, and say so beside their field."""
    settings.MARKDOWN_RENDER_SECONDS = 1
    settings.MARKDOWN_REQUEST_SECONDS = 1
    article = ArticleFactory(slug="brackets")
    slow = "[" * 99_000
    data = article_form(article, introduction=slow, closing=slow, introduction_es=slow, closing_es=slow)
    response = editor_client.post(f"/admin/faq/article/{article.pk}/change/", data)
    errors = response.context["adminform"].form.errors
    fields = ("introduction_en", "closing_en", "introduction_es", "closing_es")
    messages = [errors[field] for field in fields if field in errors]
    assert messages[0] == [too_slow_message()]
    assert messages[-1] == [too_slow_message(OutOfTime())]


def test_text_markdown_cannot_format_in_time_is_refused_beside_its_field(editor_client, settings):
    settings.MARKDOWN_RENDER_SECONDS = 0.5
    article = ArticleFactory(slug="brackets")
    data = article_form(article, introduction="[" * 99_000)
    started = time.monotonic()
    response = editor_client.post(f"/admin/faq/article/{article.pk}/change/", data)
    assert time.monotonic() - started < 4
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["introduction_en"] == [too_slow_message()]
    assert "[" * 99_000 in response.content.decode()  # what was typed is shown again
    article.refresh_from_db()
    assert article.introduction_en == "An introduction."


def test_text_saved_without_the_admin_is_kept_as_plain_paragraphs_when_it_cannot_be_formatted(settings):
    settings.MARKDOWN_RENDER_SECONDS = 0.5
    article = ArticleFactory(slug="saved-directly", introduction="[" * 8_000 + "\n\nstill <kept>")
    assert article.introduction_html == "<p>" + "[" * 8_000 + "</p>\n\n<p>still &lt;kept&gt;</p>"
