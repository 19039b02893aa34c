"""A notice's effective date: edited on the page, shown at its top in the page's language, filled by
load_demo for the Notice of Privacy Practices."""

from datetime import date

import pytest

from demo.pages import load_pages
from pages.models import Page

from ..factories import PageFactory
from ..markup import one, parse, select
from .test_center_pages import page_form

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("prefix", "shown"),
    [("", "Effective date: February 16, 2026"), ("/es", "Fecha de entrada en vigor: 16 de febrero de 2026")],
)
def test_the_effective_date_is_shown_under_the_title(client, prefix, shown):
    PageFactory(slug="notice", effective_on=date(2026, 2, 16))
    page = parse(client.get(f"{prefix}/notice/").content.decode())
    line = one(page, "article.page-text > p.effective-date")
    assert line.text == shown
    assert select(page, "article.page-text > *")[:2] == [one(page, "article.page-text > h1"), line]  # at the top
    assert one(line, "time").attrs["datetime"] == "2026-02-16"


def test_a_page_without_one_says_nothing(client):
    PageFactory(slug="about-us")
    assert select(parse(client.get("/about-us/").content.decode()), ".effective-date") == []


def test_load_demo_dates_the_notice_of_privacy_practices(client):
    load_pages()
    assert dict(Page.objects.exclude(effective_on=None).values_list("slug", "effective_on")) == {
        "notice-of-privacy-practices": date(2026, 2, 16)
    }
    page = parse(client.get("/notice-of-privacy-practices/").content.decode())
    assert one(page, ".effective-date").text == "Effective date: February 16, 2026"


def test_editors_set_it_in_the_admin(editor_client):
    page = PageFactory()
    data = page_form(page, effective_on="2026-03-01")
    assert editor_client.post(f"/admin/pages/page/{page.pk}/change/", data).status_code == 302
    page.refresh_from_db()
    assert page.effective_on == date(2026, 3, 1)
