"""The public site in Spanish: addresses, switcher and alternates, interface text, translated content
with its fallback, forms, search, crisis lines, structured data, feeds and sitemaps."""

import json
import re
from pathlib import Path

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import transaction

from core.links import validate_internal_links
from core.models import Redirect
from demo.articles import load_articles
from demo.levels import load_levels
from demo.pages import load_pages
from faq.models import Reviewer
from intake.models import Inquiry
from pages.models import Page

from ..factories import (
    UNREVIEWED,
    ArticleFactory,
    LevelFactory,
    PageFactory,
    QuestionFactory,
    ReviewerFactory,
    TopicFactory,
)
from ..faq_helpers import article_form
from ..intake_helpers import birth_date, form_data, request_data
from ..markup import one, select, texts
from ..public_pages import PUBLIC_PAGES, add_center_pages, expected_status

pytestmark = pytest.mark.django_db

PO_FILE = Path(__file__).resolve().parents[2] / "locale" / "es" / "LC_MESSAGES" / "django.po"


@pytest.fixture
def content():
    """Every page type's content, written in Spanish too (so each page has its Spanish alternate)."""
    LevelFactory(slug="iop", short_name="IOP", name_es="Programa ambulatorio intensivo")
    article = ArticleFactory(
        slug="what-is-iop", questions=3, title_es="¿Qué es el IOP?", introduction_es="Es un programa."
    )
    article.topics.add(TopicFactory(slug="programs", name_es="Programas"))
    add_center_pages()
    Reviewer.objects.filter(slug="dana").update(bio_es="Terapeuta.")
    Page.objects.filter(slug="about").update(title_es="Quiénes somos")


@pytest.fixture(scope="class")
def demo(django_db_setup, django_db_blocker):
    """The demo content, loaded once for the class that asks for it and rolled back after it (each
    test runs in a savepoint of its own inside it)."""
    with django_db_blocker.unblock(), transaction.atomic():
        load_articles(load_levels())
        load_pages()
        yield
        transaction.set_rollback(True)


def alternates(html):
    return dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html))


def switcher(html):
    return re.findall(r'<a class="language-switch" href="([^"]+)" hreflang="([^"]+)" lang="[^"]+">([^<]+)</a>', html)


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_every_page_answers_in_both_languages_and_leads_to_the_other(client, content, path):
    english_path = path.split("?")[0]
    spanish_path = f"/es{english_path}"
    english = client.get(path)
    spanish = client.get(f"/es{path}")
    assert english.status_code == spanish.status_code == expected_status(path)
    assert english["Content-Language"] == "en" and spanish["Content-Language"] == "es"
    english_html, spanish_html = english.content.decode(), spanish.content.decode()
    assert '<html lang="en">' in english_html and '<html lang="es">' in spanish_html
    if expected_status(path) == 404:
        assert alternates(english_html) == alternates(spanish_html) == {}
        assert switcher(english_html) == [("http://testserver/es/", "es", "Hablamos español")]
        assert switcher(spanish_html) == [("http://testserver/", "en", "We speak English")]
        return
    expected = {
        "en": f"http://testserver{english_path}",
        "es": f"http://testserver{spanish_path}",
        "x-default": f"http://testserver{english_path}",
    }
    assert alternates(english_html) == alternates(spanish_html) == expected
    assert switcher(english_html) == [(expected["es"], "es", "Hablamos español")]
    assert switcher(spanish_html) == [(expected["en"], "en", "We speak English")]
    # The interface is Spanish: the skip link, the helpline label, the menu.
    assert "Saltar al contenido principal" in spanish_html and "Línea de ayuda 24 horas" in spanish_html
    assert "Skip to main content" not in spanish_html and "Levels of care</a>" not in spanish_html


def test_english_pages_are_one_language_whatever_the_browser_asks(client, content):
    response = client.get("/", headers={"accept-language": "es"})
    assert '<html lang="en">' in response.content.decode()
    assert "Accept-Language" not in response.get("Vary", "")  # one copy per address in any cache


@pytest.mark.parametrize("path", ["/", "/levels-of-care/", "/faq/what-is-iop/"])
def test_kept_pages_and_fragments_are_kept_per_language(client, content, settings, path):
    settings.FRAGMENT_CACHE_SECONDS = 60
    client.get("/")  # the first-visit cookies, so pages are kept
    for _ in range(2):  # rendered, then from the cache
        english = client.get(path).content.decode()
        spanish = client.get(f"/es{path}").content.decode()
        assert '<html lang="en">' in english and "24-hour helpline" in english and "Saltar al contenido" not in english
        assert '<html lang="es">' in spanish and "Línea de ayuda 24 horas" in spanish
    assert client.get(f"/es{path}").get("X-Page-Cache") == "hit"


def test_a_spanish_inquiry_gets_spanish_errors_and_is_marked_spanish(
    client, admissions_client, settings, django_capture_on_commit_callbacks
):
    settings.INTAKE_NOTIFY_EMAILS = ["team@example.org"]
    response = client.post("/es/contact/", form_data(name="", phone="", email="", consent=None))
    html = response.content.decode()
    assert response.status_code == 200 and "Corrija 3 cosas abajo. Todo lo que escribió sigue aquí." in html
    assert texts(response, "#error-summary li") == [
        "Escriba su nombre",
        "Escriba un número de teléfono o un correo electrónico",
        "Marque la casilla para que podamos contactarle",
    ]
    assert "I would like to know about evening programs." in html  # nothing typed is lost
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/es/contact/", form_data(name="Ana Pérez", email="ana@example.com"))
    assert response["Location"] == "/es/contact/thanks/"
    assert "Gracias. Recibimos su mensaje." in client.get(response["Location"]).content.decode()
    inquiry = Inquiry.objects.get()
    assert inquiry.language == "es" and inquiry.consent_text.startswith("Acepto que el equipo de admisiones")
    # The notification names the language, and nothing about the person.
    message = mail.outbox[0]
    assert "(Spanish)" in message.subject and "reply in Spanish" in message.body
    for secret in ("Ana", "Pérez", "ana@example.com", "555"):
        assert secret not in message.subject + message.body
    # The inbox shows it and filters by it.
    client.post("/contact/", form_data(name="Eve English"))
    listing = admissions_client.get("/admin/intake/inquiry/", {"language__exact": "es"}).content.decode()
    assert "Ana Pérez" in listing and "Eve English" not in listing and '<td class="field-language">Spanish' in listing
    page = admissions_client.get(f"/admin/intake/inquiry/{inquiry.pk}/change/").content.decode()
    assert "<strong>Spanish</strong>: call back in Spanish" in page


def test_the_insurance_form_works_in_spanish(client, django_capture_on_commit_callbacks):
    html = client.get("/es/insurance/verify/").content.decode()
    for words in ("Número de miembro", "Fecha de nacimiento de la persona que necesita atención", "El plan es mío"):
        assert words in html
    # The day typed first, as many Spanish speakers write dates: the month box says it is no date.
    response = client.post("/es/insurance/verify/", request_data(**birth_date("14", "03", "1990"), member_id=""))
    assert texts(response, "#error-summary li") == [
        "Escriba el número de miembro de su tarjeta de seguro",
        "La fecha de nacimiento debe ser una fecha real",
    ]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/es/insurance/verify/", request_data())
    assert response["Location"] == "/es/insurance/verify/thanks/"
    thanks = client.get(response["Location"]).content.decode()
    assert "Gracias. Revisaremos sus beneficios." in thanks and "oprima 2" in thanks and "1-800-662-4357" in thanks
    assert Inquiry.objects.get().language == "es"


@pytest.mark.parametrize("path", ["/es/", "/es/contact/thanks/", "/es/does-not-exist/"])
def test_the_spanish_crisis_notice_says_how_to_reach_988_in_spanish(client, path):
    html = client.get(path).content.decode()
    assert '<a href="tel:988">Llame al 988 y oprima 2</a>' in html
    assert '<a href="sms:988?body=AYUDA">Envíe AYUDA al 988</a>' in html
    assert (
        "use su chat en español" in html
        and "1-800-662-4357" in html
        and "(gratuita, 24/7, en inglés y español)" in html
    )


def test_site_settings_carry_spanish_defaults(client):
    html = client.get("/es/").content.decode()
    assert "¿En crisis? Llame al 988 y oprima 2 para hablar en español" in html
    assert "Tratamiento de adicciones y salud mental en Los Ángeles" in html


def test_sitemaps_list_both_languages_as_alternates(client, content):
    body = client.get("/sitemap-levels.xml").content.decode()
    assert "<loc>http://testserver/levels-of-care/iop/</loc>" in body
    assert "<loc>http://testserver/es/levels-of-care/iop/</loc>" in body
    assert '<xhtml:link rel="alternate" hreflang="es" href="http://testserver/es/levels-of-care/iop/"/>' in body
    assert '<xhtml:link rel="alternate" hreflang="x-default" href="http://testserver/levels-of-care/iop/"/>' in body


def test_editors_see_what_lacks_spanish(editor_client):
    ArticleFactory(title="All Spanish", title_es="Todo", introduction_es="I.", closing_es="C.")
    ArticleFactory(title="No Spanish")
    half = ArticleFactory(title="Questions lack it", title_es="Faltan", introduction_es="I.", closing_es="C.")
    QuestionFactory(article=half)
    missing = editor_client.get("/admin/faq/article/", {"spanish": "missing"}).content.decode()
    assert "No Spanish" in missing and "Questions lack it" in missing and "All Spanish" not in missing
    done = editor_client.get("/admin/faq/article/", {"spanish": "done"}).content.decode()
    assert "All Spanish" in done and "No Spanish" not in done
    assert '<th scope="col" class="sortable column-spanish' in missing
    form = editor_client.get(f"/admin/faq/article/{half.pk}/change/").content.decode()
    assert 'name="title_es"' in form and 'name="questions-0-answer_es"' in form


def test_spanish_links_in_content_are_checked_in_spanish(content):
    validate_internal_links("Lea [el artículo](/es/faq/what-is-iop/) y [los niveles](/es/levels-of-care/iop/).")
    with pytest.raises(Exception, match="/es/faq/no-existe/"):
        validate_internal_links("[Roto](/es/faq/no-existe/)")


def test_an_old_spanish_address_redirects_to_the_new_one(client, content):
    Redirect.objects.create(old_path="/faq/old-iop/", new_path="/faq/what-is-iop/")
    response = client.get("/es/faq/old-iop/?q=1")
    assert response.status_code == 301 and response["Location"] == "/es/faq/what-is-iop/?q=1"


def test_every_interface_text_has_its_spanish():
    entries = re.findall(r'\nmsgid "(.*)"\n((?:".*"\n)*)msgstr "(.*)"\n((?:".*"\n)*)', PO_FILE.read_text())
    untranslated = [msgid + more for msgid, more, msgstr, rest in entries if (msgid or more) and not (msgstr or rest)]
    plurals_empty = re.findall(r'msgstr\[\d\] ""\n(?!")', PO_FILE.read_text())
    # The admin's own two titles come from Django's catalogue.
    assert [text for text in untranslated if "Django" not in text] == [] and plurals_empty == []


def test_history_shows_spanish_changes(editor_client):
    article = ArticleFactory(slug="x", title="English title", **UNREVIEWED)
    url = f"/admin/faq/article/{article.pk}/change/"
    for spanish in ("Título", "Título nuevo"):
        assert editor_client.post(url, article_form(article, title_es=spanish)).status_code == 302
    history = editor_client.get(f"/admin/faq/article/{article.pk}/history/").content.decode()
    assert "Title (Spanish): “Título” → “Título nuevo”" in history, history[history.find("<main") :]
    article.refresh_from_db()
    assert (article.title_en, article.title_es) == ("English title", "Título nuevo")


def test_a_page_cannot_take_the_spanish_sites_address():
    page = PageFactory.build(slug="es")
    with pytest.raises(ValidationError, match="/es/ is already a part of the site"):
        page.full_clean()


def test_a_missing_spanish_description_for_search_engines_needs_no_note(client):
    ArticleFactory(slug="y", meta_description="For search engines.", title_es="T", introduction_es="I", closing_es="C")
    PageFactory(slug="p", summary="For link previews.", title_es="Página", body_es="Texto.")
    assert select(client.get("/es/faq/y/").content.decode(), "p.untranslated-note") == []
    assert select(client.get("/es/p/").content.decode(), "p.untranslated-note") == []


def test_the_menu_marks_the_current_section_in_spanish(client, content):
    html = client.get("/es/faq/what-is-iop/").content.decode()
    assert '<a href="/es/faq/" aria-current="page">Preguntas y respuestas</a>' in html


@pytest.mark.usefixtures("demo")
class TestTheDemoInSpanish:
    """Pages of the demo content, as a visitor reads them in each language."""

    def test_translated_content_is_shown_in_spanish_without_a_note(self, client):
        html = client.get("/es/faq/what-is-iop/").content.decode()
        assert "<h1>¿Qué es el IOP? 10 preguntas sobre los programas ambulatorios intensivos</h1>" in html
        assert html.count('class="question"') == 10 and "¿Cómo elijo un IOP?" in html
        assert "untranslated-note" not in html and "What does IOP mean?" not in html
        assert "Revisión clínica de" in html and "Terapia familiar y tratamiento ambulatorio" in html
        data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))
        assert {part["inLanguage"] for part in data["@graph"]} == {"es"}
        assert '<meta property="og:locale" content="es_US">' in html
        level = client.get("/es/levels-of-care/intensive-outpatient/").content.decode()
        assert "<h1>Programa ambulatorio intensivo</h1>" in level and "untranslated-note" not in level
        assert "de 9 a 19 horas a la semana" in level and "Consultas médicas programadas" in level
        page = client.get("/es/nondiscrimination/").content.decode()
        assert "No discriminación y ayuda con el idioma" in page
        assert '<p lang="en">ATTENTION: If you speak English, free language assistance' in page

    def test_untranslated_content_is_shown_in_english_with_a_note(self, client):
        all_english = "Esta página está en inglés. Para recibir ayuda en español, llame al (818) 431-2224."
        part_english = "Parte de esta página está en inglés. Para recibir ayuda en español, llame al (818) 431-2224."

        def note(path):
            return [element.text for element in select(client.get(path).content.decode(), "p.untranslated-note")]

        html = client.get("/es/faq/inpatient-vs-outpatient/").content.decode()  # the demo leaves it in English
        assert texts(html, "p.untranslated-note") == [all_english]
        assert one(html, "p.untranslated-note a").attrs["href"] == "tel:+18184312224"
        assert '<h1 lang="en">Inpatient or outpatient treatment: which is right for you?</h1>' in html
        data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))
        assert {part["inLanguage"] for part in data["@graph"]} == {"en"}
        # In lists, each English title says it is English.
        listing = client.get("/es/faq/").content.decode()
        assert '<a href="/es/faq/inpatient-vs-outpatient/" lang="en">' in listing
        assert '<a href="/es/faq/what-is-iop/">' in listing
        # A page, a level, a topic and a reviewer without their Spanish fall back the same way.
        PageFactory(slug="new-page", title="A new page", body="Only English.")
        page = client.get("/es/new-page/").content.decode()
        assert texts(page, "p.untranslated-note") == [all_english]
        assert '<article class="page-text" lang="en">' in page and "Only English." in page
        LevelFactory(slug="new-level", name="A new level")
        assert note("/es/levels-of-care/new-level/") == [all_english]
        TopicFactory(slug="new-topic", name="A new topic")
        assert note("/es/faq/topic/new-topic/") == [all_english]
        ReviewerFactory(slug="new-reviewer", bio="Only English.", specialty="Medicine")
        assert note("/es/faq/reviewers/new-reviewer/") == [all_english]
        Reviewer.objects.filter(slug="new-reviewer").update(bio_es="Solo en español.")
        ReviewerFactory(slug="touch")  # a save moves the content version on, as the admin's would
        assert note("/es/faq/reviewers/new-reviewer/") == [part_english]  # its specialty is still English
        # One untranslated answer is enough for the note on an article: then part of it is English.
        article = ArticleFactory(
            slug="half", title="Half", title_es="Mitad", introduction_es="Intro.", closing_es="Fin."
        )
        question = QuestionFactory(article=article, position=1, question_es="¿Una?", answer_es="Sí.")
        assert note("/es/faq/half/") == []
        QuestionFactory(article=article, position=2)
        question.save()  # a save moves the content version on, as the admin's would
        assert note("/es/faq/half/") == [part_english]

    def test_spanish_search_finds_the_iop_article(self, client):
        found = client.get("/es/faq/", {"q": "ambulatorio intensivo"}).content.decode()
        assert '<a href="/es/faq/what-is-iop/">¿Qué es el IOP?' in found and "1 resultado para" in found
        assert "inpatient-vs-outpatient" not in found
        english = client.get("/faq/", {"q": "ambulatorio"}).content.decode()
        assert "0 results for" in english

    @pytest.mark.postgres
    def test_spanish_search_stems_spanish_words_on_postgresql(self, client):
        # "ambulatorios intensivos" is nowhere in the text: Spanish stemming finds the singular.
        found = client.get("/es/faq/", {"q": "programas ambulatorios intensivos"}).content.decode()
        assert "/es/faq/what-is-iop/" in found
        assert "/faq/what-is-iop/" in client.get("/faq/", {"q": "programs"}).content.decode()  # English stems English

    def test_feeds_come_in_each_language(self, client):
        english = client.get("/faq/feed/").content.decode()
        spanish = client.get("/es/faq/feed/").content.decode()
        assert "<language>en</language>" in english and "What is IOP?" in english
        assert "<language>es</language>" in spanish and "preguntas y respuestas</title>" in spanish
        assert "¿Qué es el IOP?" in spanish and "http://testserver/es/faq/what-is-iop/" in spanish
        assert 'href="/es/faq/feed/"' in client.get("/es/faq/").content.decode()
