"""A change to a reviewed page waits for a reviewer, as an article's does (tests/faq/test_sign_off.py)."""

from datetime import date

import pytest
from django.utils import timezone

from review.models import PendingRevision

from ..factories import PageFactory, ReviewerFactory
from ..markup import one, parse
from .test_center_pages import page_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def page():
    reviewer = ReviewerFactory(name="Dana Whitfield", slug="dana", credentials="LMFT")
    return PageFactory(
        slug="about", title="About us", title_es="Quiénes somos", body="Old words.", body_es="Palabras de antes.",
        reviewer=reviewer, last_reviewed=date(2026, 5, 31),
    )  # fmt: skip


def body(client, prefix):
    return one(parse(client.get(f"{prefix}/about/").content.decode()), "article p").text


def test_a_change_waits_and_a_reviewer_approves_it(client, editor_client, reviewer_client, page):
    data = page_form(page, body="New words.", body_es="Palabras nuevas.", title_es="Quiénes somos")
    assert editor_client.post(f"/admin/pages/page/{page.pk}/change/", data).status_code == 302
    assert (body(client, ""), body(client, "/es")) == ("Old words.", "Palabras de antes.")
    pending = PendingRevision.objects.pending().get()
    assert (
        reviewer_client.post(f"/admin/review/pendingrevision/{pending.pk}/change/", {"action": "approve"}).status_code
        == 302
    )
    assert (body(client, ""), body(client, "/es")) == ("New words.", "Palabras nuevas.")
    page.refresh_from_db()
    assert page.last_reviewed == timezone.localdate()
    byline = one(parse(client.get("/about/").content.decode()), "main p.review-dates")
    # The reviewer who approved is the page's reviewer now.
    assert byline.text.startswith("Clinically reviewed by Rosa Linares, PsyD. Page last reviewed: ")


def test_an_unreviewed_page_changes_at_once(client, editor_client):
    page = PageFactory(slug="about", body="Old words.")
    assert (
        editor_client.post(f"/admin/pages/page/{page.pk}/change/", page_form(page, body="New words.")).status_code
        == 302
    )
    assert body(client, "") == "New words." and not PendingRevision.objects.exists()
