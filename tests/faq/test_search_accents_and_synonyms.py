"""Search as people type: without accents ("diagnostico"), in everyday words ("aseguranza", "cuanto
cuesta", "rehab") that the editors' synonym list leads to the articles' own. On SQLite and, with
DATABASE_URL, on PostgreSQL (the same tests; the last ones only there)."""

import pytest
from django.db import connection, transaction

from faq.models import Synonym
from faq.search import synonyms

from ..factories import ArticleFactory, QuestionFactory
from ..markup import select

pytestmark = pytest.mark.django_db

SYNONYMS = [
    ("es", "aseguranza", "seguro"),
    ("es", "cuanto cuesta", "costo precio pagar"),
    ("es", "rehab", "rehabilitación residencial"),
    ("en", "rehab", "rehabilitation residential"),
]


@pytest.fixture(scope="module", autouse=True)
def articles(django_db_setup, django_db_blocker):
    """Four articles in both languages and the synonyms, built once for the module and rolled back
    after it (each test runs in a savepoint of its own inside it)."""
    with django_db_blocker.unblock(), transaction.atomic():
        dual = ArticleFactory(
            slug="dual",
            title="What is a dual diagnosis?",
            introduction="Care for both at once.",
            title_es="¿Qué es un diagnóstico dual?",
            introduction_es="Atención para los dos a la vez.",
        )
        QuestionFactory(
            article=dual,
            position=1,
            question="Where do families wait?",
            answer="In the café by the entrance.",
            question_es="¿Dónde esperan las familias?",
            answer_es="En la cafetería de la entrada.",
        )
        ArticleFactory(
            slug="coverage",
            title="Does insurance pay for care?",
            introduction="Most plans pay part of it.",
            title_es="¿El seguro cubre la atención?",
            introduction_es="La mayoría de los planes cubren una parte.",
        )
        ArticleFactory(
            slug="prices",
            title="What care costs",
            introduction="The price depends on the program.",
            title_es="Lo que vale la atención",
            introduction_es="El precio depende del programa.",
        )
        ArticleFactory(
            slug="live-in",
            title="Residential care, day by day",
            introduction="You live at the center for a few weeks.",
            title_es="La atención residencial, día a día",
            introduction_es="Usted vive en el centro unas semanas.",
        )
        for language, phrase, meaning in SYNONYMS:
            Synonym.objects.create(language=language, phrase=phrase, meaning=meaning)
        yield
        transaction.set_rollback(True)


def found(client, query, prefix=""):
    """The addresses of the articles a search lists, in order."""
    html = client.get(f"{prefix}/faq/", {"q": query}).content.decode()
    return [link.attrs["href"] for link in select(html, "ul.list-unstyled > li > h2 > a")]


@pytest.mark.parametrize("query", ["diagnóstico", "diagnostico", "DIAGNOSTICO", "Diagnóstico dual"])
def test_spanish_search_ignores_accents_and_capitals(client, query):
    assert found(client, query, "/es") == ["/es/faq/dual/"]


@pytest.mark.parametrize("query", ["cafe", "café", "CAFÉ"])
def test_english_search_ignores_accents_too(client, query):
    assert found(client, query) == ["/faq/dual/"]


def test_accents_in_the_query_match_text_without_them(client):
    # "cafetería" is written with its accent; "cafeteria" without, and the other way round.
    assert found(client, "cafeteria", "/es") == ["/es/faq/dual/"]
    assert found(client, "familías", "/es") == ["/es/faq/dual/"]


@pytest.mark.parametrize(
    "prefix, query, expected",
    [
        ("/es", "aseguranza", ["/es/faq/coverage/"]),
        ("/es", "Aseguranza", ["/es/faq/coverage/"]),
        ("/es", "cuanto cuesta", ["/es/faq/prices/"]),
        ("/es", "¿Cuánto cuesta?", ["/es/faq/prices/"]),
        ("/es", "rehab", ["/es/faq/live-in/"]),
        ("", "rehab", ["/faq/live-in/"]),
    ],
)
def test_everyday_words_find_the_articles_through_synonyms(client, prefix, query, expected):
    assert found(client, query, prefix) == expected


def test_without_the_synonyms_everyday_words_find_nothing(client):
    Synonym.objects.all().delete()  # moves the content version on: the kept list is not used
    assert found(client, "aseguranza", "/es") == []
    assert found(client, "cuanto cuesta", "/es") == []
    assert found(client, "rehab", "/es") == []
    assert found(client, "rehab") == []


def test_a_synonym_applies_to_its_own_language_only(client):
    assert found(client, "aseguranza") == []  # an English search: the list for Spanish is not used


def test_a_new_synonym_applies_to_the_next_search(client):
    assert found(client, "vicio de pagar", "/es") == []
    Synonym.objects.create(language="es", phrase="Vicio  de PAGAR", meaning="seguro")
    assert Synonym.objects.get(meaning="seguro", phrase__startswith="vicio").phrase == "vicio de pagar"
    assert found(client, "vicio de pagar", "/es") == ["/es/faq/coverage/"]


def test_the_synonym_list_is_read_once_per_content_version(django_assert_num_queries, settings):
    settings.FRAGMENT_CACHE_SECONDS = 60
    with django_assert_num_queries(1):
        first = synonyms("es", version=-7)
    with django_assert_num_queries(0):
        assert (
            synonyms("es", version=-7)
            == first
            == {
                "aseguranza": ["seguro"],
                "cuanto cuesta": ["costo", "precio", "pagar"],
                "rehab": ["rehabilitacion", "residencial"],
            }
        )


def test_editors_keep_the_synonym_list_in_the_admin(editor_client):
    response = editor_client.post(
        "/admin/faq/synonym/add/", {"language": "es", "phrase": "Cuánto cobran", "meaning": "costo precio"}
    )
    assert response.status_code == 302
    assert Synonym.objects.filter(language="es", phrase="cuanto cobran", meaning="costo precio").exists()
    again = editor_client.post(
        "/admin/faq/synonym/add/", {"language": "es", "phrase": "cuanto COBRAN", "meaning": "pagar"}
    )
    assert again.status_code == 200
    errors = select(again.content.decode(), ".field-phrase ul.errorlist li")
    assert [error.text for error in errors] == ["This word or phrase is already in the list for this language."]


@pytest.mark.postgres
def test_postgresql_folds_accents_before_stemming(client):
    # Stemmed and unaccented together: a plural without its accent finds the singular with it.
    assert found(client, "diagnosticos", "/es") == ["/es/faq/dual/"]
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_tsvector('es_unaccent', 'diagnóstico'), to_tsvector('en_unaccent', 'café')")
        assert cursor.fetchone() == ("'diagnost':1", "'cafe':1")
