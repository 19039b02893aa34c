"""A page's medical review: the reviewed line after its text, in both languages, its structured data,
the admin that edits it (and keeps its versions), and the demo's reviewed pages."""

from datetime import date

import pytest

from demo.articles import load_articles
from demo.levels import load_levels
from demo.pages import REVIEWS, load_pages
from pages.models import Page

from ..factories import PageFactory, ReviewerFactory
from ..faq.test_articles import json_ld
from ..markup import one, parse, select
from .test_center_pages import page_form

pytestmark = pytest.mark.django_db

REVIEWED = {
    "": "Medically reviewed by Jordan Lee, MD. Page last reviewed: May 31, 2026 · Next review due: May 31, 2027",
    "/es": (
        "Revisión médica de Jordan Lee, MD. "
        "Última revisión de la página: 31 de mayo de 2026 · Próxima revisión: 31 de mayo de 2027"
    ),
}


@pytest.fixture
def reviewed():
    reviewer = ReviewerFactory(slug="jordan")
    return PageFactory(
        slug="about", title_es="Quiénes somos", body_es="Texto.", reviewer=reviewer, last_reviewed=date(2026, 5, 31)
    )


@pytest.mark.parametrize("prefix", REVIEWED)
def test_the_page_ends_with_the_review_and_the_next_one(client, reviewed, prefix):
    page = parse(client.get(f"{prefix}/about/").content.decode())
    line = one(page, "main p.review-dates")
    assert select(page, "article .review-dates") == []  # after the text, outside its lang="en" when untranslated
    assert line.text == REVIEWED[prefix]
    assert [t.attrs["datetime"] for t in select(line, "time")] == ["2026-05-31", "2027-05-31"]
    assert one(line, "a").attrs["href"] == f"{prefix}/faq/reviewers/jordan/"


def test_nothing_is_said_without_a_review(client):
    PageFactory(slug="about", title_es="Quiénes somos", body_es="Texto.")
    for prefix in REVIEWED:
        html = client.get(f"{prefix}/about/").content.decode()
        assert select(parse(html), ".review-dates") == []
        assert 'type="application/ld+json"' not in html


@pytest.mark.parametrize(("prefix", "language"), [("", "en"), ("/es", "es")])
def test_structured_data_says_when_and_by_whom(client, reviewed, prefix, language):
    data = json_ld(client.get(f"{prefix}/about/").content.decode())
    assert (data["@type"], data["url"], data["inLanguage"]) == (
        "MedicalWebPage",
        f"http://testserver{prefix}/about/",
        language,
    )
    assert data["lastReviewed"] == "2026-05-31"
    assert data["reviewedBy"] == {
        "@type": "Person",
        "name": "Jordan Lee",
        "honorificSuffix": "MD",
        "url": f"http://testserver{prefix}/faq/reviewers/jordan/",
        "jobTitle": {"en": "Medical reviewer", "es": "Profesional de revisión médica"}[language],
    }


def test_reviewers_set_the_review_in_the_admin_and_the_history_names_it(reviewer_client, reviewed):
    other = ReviewerFactory(name="Ana Ruiz", credentials="LMFT")
    data = page_form(reviewed, reviewer=other.pk, last_reviewed="2026-02-28", review_interval_months=3)
    response = reviewer_client.post(f"/admin/pages/page/{reviewed.pk}/change/", data)
    assert response.status_code == 302
    reviewed.refresh_from_db()
    assert (reviewed.reviewer, reviewed.last_reviewed, reviewed.review_due_on) == (
        other,
        date(2026, 2, 28),
        date(2026, 5, 28),
    )
    data.update(last_reviewed="2026-03-31")
    assert reviewer_client.post(f"/admin/pages/page/{reviewed.pk}/change/", data).status_code == 302
    html = reviewer_client.get(f"/admin/pages/page/{reviewed.pk}/history/").content.decode()
    assert "Last reviewed: “2026-02-28” → “2026-03-31”" in html


def test_load_demo_reviews_the_pages_about_care():
    load_articles(load_levels())  # the reviewers
    load_pages()
    reviewed = {page.slug: page.reviewer.slug for page in Page.objects.filter(reviewer__isnull=False)}
    assert reviewed == {slug: reviewer for slug, (reviewer, _) in REVIEWS.items()}
    assert not Page.objects.filter(reviewer__isnull=False, review_due_on__isnull=True).exists()
