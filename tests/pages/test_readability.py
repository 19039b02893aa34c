"""Plain language, measured on the demo content as visitors read it (issue 26, item 12).

The paragraphs and list items of each page's <main>, rendered from what `load_demo` writes, are scored
with textstat: US grade (Flesch-Kincaid) for English, Fernández-Huerta for Spanish (higher is easier)."""

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from textstat.textstat import textstatistics

from demo.articles import ARTICLES
from demo.levels import LEVELS
from demo.pages import PAGES
from tests.markup import parse

pytestmark = pytest.mark.django_db

LEVEL_PAGES = [f"/levels-of-care/{level['slug']}/" for level in LEVELS]
ARTICLE_PAGES = [f"/faq/{article['slug']}/" for article in ARTICLES]
CENTER_PAGES = [f"/{page['slug']}/" for page in PAGES]
# English: the pages people act from at grade 6, the articles at grade 8.
GRADE_6 = ["/", *LEVEL_PAGES, "/contact/", "/insurance/verify/"]
GRADE_8 = ARTICLE_PAGES
# Spanish: every page with text of its own (the articles left in English have no Spanish text).
SPANISH_ARTICLES = [f"/es/faq/{slug}/" for slug in ("what-is-iop",)]
SPANISH = [
    "/es/", *[f"/es{path}" for path in LEVEL_PAGES], "/es/levels-of-care/", "/es/contact/", "/es/insurance/verify/",
    "/es/costs-and-coverage/", "/es/faq/", *SPANISH_ARTICLES, *[f"/es{path}" for path in CENTER_PAGES],
]  # fmt: skip

english = textstatistics()
english.set_lang("en")
spanish = textstatistics()
spanish.set_lang("es")


def main_text(html):
    """The paragraphs and list items of <main> in the page's language, each ended as a sentence (a list
    item often has no full stop, and run together they would read as one long sentence)."""
    page = parse(html)
    (main,) = page.select("main")
    (root,) = page.select("html")
    parts = []
    for element in main.select("p") + main.select("li"):
        if element.select("p") or _language(element) != root.attrs["lang"]:
            continue  # a list item holding paragraphs (counted on their own), or a tagline in another language
        text = element.text.strip()
        if text:
            parts.append(text if text[-1] in ".!?:;" else f"{text}.")
    return " ".join(parts)


def _language(element):
    while "lang" not in element.attrs:
        element = element.parent
    return element.attrs["lang"]


@pytest.fixture(scope="module")
def rendered(django_db_setup, django_db_blocker):
    """Every page above as the demo content renders it, loaded once and rolled back after."""
    paths = ["/", *LEVEL_PAGES, "/contact/", "/insurance/verify/", *GRADE_8, *SPANISH]
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", verbosity=0, stdout=open("/dev/null", "w"))  # noqa: SIM115
        client = Client()
        pages = {}
        for path in paths:
            response = client.get(path)
            assert response.status_code == 200, path
            pages[path] = main_text(response.content.decode())
        transaction.set_rollback(True)
    return pages


@pytest.mark.parametrize("path", GRADE_6)
def test_pages_people_act_from_read_at_grade_6(rendered, path):
    assert english.flesch_kincaid_grade(rendered[path]) <= 6


@pytest.mark.parametrize("path", GRADE_8)
def test_articles_read_at_grade_8(rendered, path):
    assert english.flesch_kincaid_grade(rendered[path]) <= 8


@pytest.mark.parametrize("path", SPANISH)
def test_spanish_pages_read_at_fernandez_huerta_70(rendered, path):
    assert spanish.fernandez_huerta(rendered[path]) >= 70
