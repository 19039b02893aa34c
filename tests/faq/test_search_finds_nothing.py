"""A search that finds nothing is never a bare "no results": it shows the helpline, the crisis lines and
pages that may help. The queries are ones a frightened visitor types that the demo's articles do not
answer (checked against the demo content itself)."""

import pytest
from django.db import transaction

from core.models import SiteSettings
from demo.articles import load_articles
from demo.levels import load_levels

from ..markup import one, select, texts

pytestmark = pytest.mark.django_db

QUERIES = {
    "": ["teen", "alcohol", "opioid", "suicide"],
    # In Spanish "alcohol" is in a demo article: it finds that one.
    "/es": ["adolescente", "opioide", "suicidio"],
}
HELP = {
    "": {
        "helpline": "Call our admissions team at (818) 431-2224, any time of day or night: we are glad to answer "
        "any question, in confidence.",
        "pages": [
            ("/levels-of-care/", "Levels of care"),
            ("/contact/", "Contact admissions"),
            ("/costs-and-coverage/", "Costs and coverage"),
        ],
        "heading": "No answers mention “{}” yet. We can still help.",
    },
    "/es": {
        "helpline": "Llame a nuestro equipo de admisiones al (818) 431-2224, a cualquier hora del día o de la noche: "
        "con gusto respondemos cualquier pregunta, de forma confidencial.",
        "pages": [
            ("/es/levels-of-care/", "Niveles de atención"),
            ("/es/contact/", "Contactar a admisiones"),
            ("/es/costs-and-coverage/", "Costos y cobertura"),
        ],
        "heading": "Todavía no hay respuestas que mencionen “{}”. Aun así, podemos ayudarle.",
    },
}
CRISIS_LINKS = {
    "": ["tel:911", "tel:988", "tel:+18006624357"],
    "/es": ["tel:911", "tel:988", "sms:988?body=AYUDA", "tel:+18006624357"],
}


@pytest.fixture(scope="module")
def _demo_articles(django_db_setup, django_db_blocker):
    """The demo's levels and articles, loaded once for the module and rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        SiteSettings.objects.create()
        load_articles(load_levels())
        yield
        transaction.set_rollback(True)


@pytest.fixture
def demo_articles(_demo_articles, db):
    pass


@pytest.mark.parametrize("prefix", ["", "/es"])
def test_a_search_that_finds_nothing_shows_help_and_where_to_go(client, demo_articles, prefix):
    expected = HELP[prefix]
    for query in QUERIES[prefix]:
        page = client.get(f"{prefix}/faq/", {"q": query}).content.decode()
        assert select(page, "main h2 a") == [], query  # really nothing found in the demo
        section = one(page, "section.no-results")
        assert one(section, "h2").text == expected["heading"].format(query)
        helpline = one(section, "p.no-results-helpline")
        assert helpline.text == expected["helpline"]
        assert one(helpline, "a").attrs["href"] == "tel:+18184312224"
        crisis = one(section, "div.alert-danger")
        assert [a.attrs["href"] for a in crisis.select("a")] == CRISIS_LINKS[prefix]
        assert [(a.attrs["href"], a.text) for a in section.select("ul.suggested-pages a")] == expected["pages"]


def test_a_search_that_finds_something_shows_no_such_help(client, demo_articles):
    page = client.get("/es/faq/", {"q": "alcohol"}).content.decode()
    assert len(select(page, "main h2 a")) >= 1
    assert select(page, "section.no-results") == []
    assert texts(page, "p[role=status]")[0].startswith("1 resultado")
