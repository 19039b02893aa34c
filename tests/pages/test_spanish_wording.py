"""Spanish a native would write (issue 26, items 8 to 11): none of the old misleading, calqued or
masculine-only phrases on any demo page or in the interface's catalogue, and the new ones where they belong."""

import re
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import Client

from demo.articles import ARTICLES
from demo.levels import LEVELS
from demo.pages import PAGES

from ..markup import one, parse, select

pytestmark = pytest.mark.django_db

PO_FILE = Path(__file__).resolve().parents[2] / "locale" / "es" / "LC_MESSAGES" / "django.po"
OLD_PHRASES = [
    "vivienda de apoyo",
    "controlan la abstinencia",
    "abstinencia con supervisión médica",
    "le corresponden a un médico",
    "Está al frente de su tarjeta",
    "Pase a Residencial",
    "Preguntar por",
    "su seguro por Residencial",
    "Desintoxicación médica (Desintoxicación)",
    "Inglés, español",
    "Con licencia de California Department",
    "exalumnos",
    "se comparan bien con",
    "cuya condición",
    "fuente e imagen",
    "Sobre quien revisó",
    "Toda estancia",
    "No estoy seguro",
    "¿Listo para",
    "Soy el titular",
    "Soy un profesional y refiero",
    "compañía de seguro",
    "Preguntas frecuentes",
    "Introduzca",
    "por uso de sustancias",
    "tratamiento de día",
]
PATHS = ["/", "/levels-of-care/", "/levels-of-care/compare/", "/faq/", "/contact/", "/insurance/verify/",
         "/insurance/verify/thanks/", "/costs-and-coverage/", "/faq/reviewers/", "/faq/reviewers/samuel-okafor/",
         *[f"/levels-of-care/{level['slug']}/" for level in LEVELS], *[f"/faq/{a['slug']}/" for a in ARTICLES],
         *[f"/{page['slug']}/" for page in PAGES]]  # fmt: skip


@pytest.fixture(scope="module")
def spanish_pages(django_db_setup, django_db_blocker):
    """Every demo page in Spanish (and the contact form with its errors), from load_demo; rolled back after."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", verbosity=0, stdout=open("/dev/null", "w"))  # noqa: SIM115
        client = Client()
        pages = {path: client.get(f"/es{path}").content.decode() for path in PATHS}
        pages["English home"] = client.get("/").content.decode()
        pages["contact with errors"] = client.post("/es/contact/", {"email": "not-an-address"}).content.decode()
        transaction.set_rollback(True)
    return pages


def msgstrs():
    text = PO_FILE.read_text(encoding="utf-8")
    return [
        "".join(re.findall(r'"(.*)"', block)).replace('\\"', '"').replace("\\n", "\n")
        for block in re.findall(r'^msgstr(?:\[\d\])? ((?:".*"\n?)+)', text, re.M)
    ]


@pytest.mark.parametrize("phrase", OLD_PHRASES)
def test_no_old_phrase_on_any_spanish_page_or_in_the_catalogue(spanish_pages, phrase):
    assert [
        name for name, html in spanish_pages.items() if phrase.lower() in parse(html).select("body")[0].text.lower()
    ] == []
    assert [text for text in msgstrs() if phrase in text] == []


def test_the_disclaimer_leaves_the_decision_with_the_patient_in_both_languages(spanish_pages):
    assert one(spanish_pages["/"], "footer .disclaimer").text.startswith(
        "Este sitio es solo educativo y no es un consejo médico. Tome las decisiones sobre su salud junto con un "
        "médico que le conozca."
    )
    assert one(spanish_pages["English home"], "footer .disclaimer").text.startswith(
        "This site is for education only and is not medical advice. Make decisions about your health together "
        "with a doctor who knows you."
    )


def test_the_new_wording_is_where_it_belongs(spanish_pages):
    detox = spanish_pages["/levels-of-care/medical-detox/"]
    assert one(detox, "title").text.startswith("Desintoxicación médica | ")
    php = spanish_pages["/levels-of-care/partial-hospitalization/"]
    assert one(php, "title").text.startswith("Programa de hospitalización parcial (PHP) | ")
    assert "¿Ya necesita menos apoyo? Pase a un nivel con menos horas: Programa ambulatorio intensivo" in [
        li.text for li in select(php, "main li")
    ]
    assert "Un comienzo seguro: enfermeras y médicos tratan los síntomas de abstinencia las 24 horas." in [
        p.text for p in select(spanish_pages["/levels-of-care/"], "main p")
    ]
    assert "Preguntas y respuestas" in [a.text for a in select(spanish_pages["/"], "header nav a")]
    assert one(spanish_pages["/about/"], ".who-languages").text == "Idiomas: inglés y español"
    reviewer = spanish_pages["/faq/reviewers/samuel-okafor/"]
    assert "Medicina de las adicciones y manejo de la abstinencia (desintoxicación) con supervisión médica" in [
        p.text for p in select(reviewer, "main p")
    ]
    iop = spanish_pages["/faq/what-is-iop/"]
    answers = [p.text for p in select(iop, "main p")]
    assert any("tratamiento asistido con medicamentos (MAT): medicamentos como la buprenorfina, la metadona o la "
               "naltrexona" in text for text in answers)  # fmt: skip
    assert any("vivienda de vida sobria (sober living), sin alcohol ni drogas" in text for text in answers)
    assert any("hable con personas que ya terminaron el programa." in text for text in answers)


def test_form_errors_speak_in_the_site_s_voice(spanish_pages):
    errors = [element.text for element in select(spanish_pages["contact with errors"], "main .invalid-feedback")]
    # Django's own Spanish would say "Introduzca…": ours say what to write.
    assert errors == [
        "Escriba su nombre",
        "Escriba un correo electrónico completo, por ejemplo nombre@ejemplo.com.",
        "Marque la casilla para que podamos contactarle",
    ]
