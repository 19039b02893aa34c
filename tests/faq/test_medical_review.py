"""Medical review as a workflow: no publishing without it, reviewers' pages, the review-due list, sources."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import timezone

from common.dates import add_months
from faq.models import Article

from ..factories import UNREVIEWED, ArticleFactory, QuestionFactory, ReviewerFactory, SourceFactory
from ..faq_helpers import article_form
from ..markup import one, parse, select
from .test_articles import json_ld

pytestmark = pytest.mark.django_db
LA = ZoneInfo("America/Los_Angeles")
REFUSED = "An article is published only after its medical review"


@pytest.mark.parametrize("missing", ["reviewer", "last_reviewed"])
def test_publishing_without_a_reviewer_or_review_date_is_refused(reviewer_client, missing):
    article = ArticleFactory(status=Article.Status.DRAFT, title="Unreviewed")
    data = article_form(article, status="published", title="Typed title", **{missing: ""})
    response = reviewer_client.post(f"/admin/faq/article/{article.pk}/change/", data)
    assert response.status_code == 200
    html = response.content.decode()
    assert REFUSED in html and 'value="Typed title"' in html  # what was typed stays on the page
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT and article.title == "Unreviewed"


def test_a_reviewer_signs_off_a_draft_and_it_publishes(reviewer_client):
    article = ArticleFactory(status=Article.Status.DRAFT)
    data = article_form(article, status="published", last_reviewed="2026-01-31", review_interval_months="1")
    response = reviewer_client.post(f"/admin/faq/article/{article.pk}/change/", data)
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED
    assert article.review_due_on == date(2026, 2, 28)  # a month after January 31


def test_the_article_list_quick_edit_cannot_publish_an_unreviewed_article(editor_client):
    article = ArticleFactory(status=Article.Status.DRAFT, reviewer=None, last_reviewed=None)
    data = {
        "form-TOTAL_FORMS": "1", "form-INITIAL_FORMS": "1", "form-MIN_NUM_FORMS": "0", "form-MAX_NUM_FORMS": "1000",
        "form-0-id": article.pk, "form-0-status": "published",
        "form-0-publish_at_0": "2026-01-01", "form-0-publish_at_1": "10:00:00", "_save": "Save",
    }  # fmt: skip
    response = editor_client.post("/admin/faq/article/", data)
    assert response.status_code == 200 and REFUSED in response.content.decode()
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT


def test_a_review_date_in_the_future_is_refused(reviewer_client):
    article = ArticleFactory()
    data = article_form(article, last_reviewed="2099-01-01")
    response = reviewer_client.post(f"/admin/faq/article/{article.pk}/change/", data)
    assert response.status_code == 200
    assert "A review date cannot be in the future." in response.content.decode()


@pytest.mark.parametrize(
    ("day", "months", "due"),
    [
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2024, 1, 31), 1, date(2024, 2, 29)),
        (date(2026, 3, 15), 12, date(2027, 3, 15)),
        (date(2026, 11, 30), 3, date(2027, 2, 28)),
    ],
)
def test_review_due_dates_add_whole_months(day, months, due):
    assert add_months(day, months) == due


def test_review_due_list_shows_what_is_overdue_or_due_within_30_days(editor_client):
    overdue = ArticleFactory(title="Overdue one", last_reviewed=date(2025, 1, 10))  # due 2026-01-10
    soon = ArticleFactory(title="Due soon", last_reviewed=date(2025, 3, 1))  # due 2026-03-01
    ArticleFactory(title="Fresh article", last_reviewed=date(2025, 9, 1))  # due 2026-09-01
    ArticleFactory(title="Six-monthly", last_reviewed=date(2025, 9, 1), review_interval_months=6)  # 2026-03-01
    with time_machine.travel(datetime(2026, 2, 10, 9, 0, tzinfo=LA), tick=False):
        today = timezone.localdate()
        titles = list(Article.objects.review_due(today).values_list("title", flat=True))
        assert titles == ["Overdue one", "Due soon", "Six-monthly"]  # most overdue first
        html = editor_client.get("/admin/faq/articledueforreview/").content.decode()
        assert "Fresh article" not in html
        assert "January 10, 2026: overdue by 31 days" in html
        assert "March 1, 2026: in 19 days" in html
        assert f"/admin/faq/article/{overdue.pk}/change/" in html and f"/admin/faq/article/{soon.pk}/change/" in html
        filtered = editor_client.get("/admin/faq/article/?review=due").content.decode()
        assert "Overdue one" in filtered and "Fresh article" not in filtered
    with time_machine.travel(datetime(2025, 12, 1, 9, 0, tzinfo=LA), tick=False):
        assert list(Article.objects.review_due(timezone.localdate()).values_list("title", flat=True)) == []


def test_the_review_due_list_is_for_editors_not_admissions(client, admissions_user, editor_user):
    client.force_login(editor_user)
    assert client.get("/admin/faq/articledueforreview/").status_code == 200
    client.force_login(admissions_user)
    assert client.get("/admin/faq/articledueforreview/").status_code == 403


def test_reviewer_page_lists_the_published_articles_they_reviewed(client):
    reviewer = ReviewerFactory(
        name="Samuel Okafor", slug="samuel-okafor", credentials="MD", specialty="Addiction medicine"
    )
    ArticleFactory(title="Detox safety", reviewer=reviewer)
    ArticleFactory(title="Not yet", reviewer=reviewer, status=Article.Status.DRAFT)
    ArticleFactory(title="Someone else's")
    html = client.get("/faq/reviewers/samuel-okafor/").content.decode()
    assert "<h1>Samuel Okafor, MD</h1>" in html and "Addiction medicine" in html
    assert "Detox safety" in html and "Not yet" not in html and "Someone else" not in html
    assert client.get("/faq/reviewers/no-one/").status_code == 404
    listing = client.get("/faq/reviewers/").content.decode()
    assert 'href="/faq/reviewers/samuel-okafor/"' in listing


def test_sources_are_numbered_under_the_article_and_cited_in_its_structured_data(client):
    article = ArticleFactory(slug="x")
    SourceFactory(article=article, position=2, title="Second", publisher="CMS", url="", published_on=None)
    SourceFactory(article=article, position=1, title="First", publisher="SAMHSA", published_on=date(2023, 7, 16))
    html = client.get("/faq/x/").content.decode()
    assert html.index("First") < html.index("Second")
    assert '<li id="source-1"><cite><a href="https://www.samhsa.gov/" rel="noopener">First</a></cite>. SAMHSA' in html
    assert '<li id="source-2"><cite>Second</cite>. CMS.</li>' in html
    webpage = json_ld(html)["@graph"][0]
    assert webpage["citation"] == [
        {
            "@type": "CreativeWork", "name": "First", "publisher": {"@type": "Organization", "name": "SAMHSA"},
            "url": "https://www.samhsa.gov/", "datePublished": "2023-07-16",
        },
        {"@type": "CreativeWork", "name": "Second", "publisher": {"@type": "Organization", "name": "CMS"}},
    ]  # fmt: skip
    assert webpage["reviewedBy"]["url"] == f"http://testserver{article.reviewer.get_absolute_url()}"


def test_history_names_added_and_removed_sources(editor_client):
    article = ArticleFactory(slug="x", questions=1, **UNREVIEWED)
    question = article.questions.get()
    kept = SourceFactory(article=article, position=1, title="Kept")
    gone = SourceFactory(article=article, position=2, title="Gone soon")
    url = f"/admin/faq/article/{article.pk}/change/"

    def save(**sources):
        data = article_form(article, **{
            "questions-TOTAL_FORMS": "1", "questions-INITIAL_FORMS": "1", "questions-0-id": question.pk,
            "questions-0-article": article.pk, "questions-0-position": "1",
            "questions-0-question": question.question, "questions-0-answer": question.answer, **sources,
        })  # fmt: skip
        assert editor_client.post(url, data).status_code == 302

    row = {"sources-0-id": kept.pk, "sources-0-article": article.pk, "sources-0-position": "1",
           "sources-0-title": "Kept", "sources-0-publisher": "SAMHSA", "sources-0-url": "",
           "sources-0-published_on": ""}  # fmt: skip
    save(**row, **{"sources-TOTAL_FORMS": "2", "sources-INITIAL_FORMS": "2", "sources-1-id": gone.pk,
                   "sources-1-article": article.pk, "sources-1-position": "2", "sources-1-title": "Gone soon",
                   "sources-1-publisher": "SAMHSA", "sources-1-url": "", "sources-1-published_on": ""})  # fmt: skip
    save(**row, **{"sources-TOTAL_FORMS": "3", "sources-INITIAL_FORMS": "2", "sources-1-id": gone.pk,
                   "sources-1-article": article.pk, "sources-1-position": "2", "sources-1-title": "Gone soon",
                   "sources-1-publisher": "SAMHSA", "sources-1-url": "", "sources-1-published_on": "",
                   "sources-1-DELETE": "on", "sources-2-article": article.pk, "sources-2-position": "2",
                   "sources-2-title": "Newly cited", "sources-2-publisher": "NIDA", "sources-2-url": "https://nida.nih.gov/",
                   "sources-2-published_on": "2024-05-01"})  # fmt: skip
    history = editor_client.get(f"/admin/faq/article/{article.pk}/history/").content.decode()
    assert "Source 2 removed: “Gone soon”" in history
    assert "Source 2 added: “Newly cited”" in history
    assert list(article.sources.values_list("title", flat=True)) == ["Kept", "Newly cited"]


def test_reviewers_are_in_the_sitemap(client):
    ReviewerFactory(slug="dana")
    QuestionFactory()
    body = client.get("/sitemap-reviewers.xml").content.decode()
    assert "http://testserver/faq/reviewers/dana/" in body


REVIEW_LINE = {
    "": "Page last reviewed: March 31, 2026 · Next review due: September 30, 2026",
    "/es": "Última revisión de la página: 31 de marzo de 2026 · Próxima revisión: 30 de septiembre de 2026",
}


@pytest.mark.parametrize("prefix", REVIEW_LINE)
def test_the_article_ends_with_its_last_and_next_review(client, prefix):
    ArticleFactory(slug="reviewed", last_reviewed=date(2026, 3, 31), review_interval_months=6, questions=1)
    page = parse(client.get(f"{prefix}/faq/reviewed/").content.decode())
    line = one(page, "article > p.review-dates")
    assert line.text == REVIEW_LINE[prefix]  # the byline is under the title already
    assert [t.attrs["datetime"] for t in select(line, "time")] == ["2026-03-31", "2026-09-30"]


def test_an_article_without_a_review_date_says_nothing_of_it(client):
    ArticleFactory(slug="unreviewed", last_reviewed=None)
    assert select(parse(client.get("/faq/unreviewed/").content.decode()), ".review-dates") == []
