"""Costs and coverage: the payers, a plain yes or no for Medi-Cal and Medicare with where to go when
no, self-pay ranges and payment plans, the Good Faith Estimate notice and other places to turn, all
from the site settings, in both languages, linked from the menu, every level and the insurance form."""

import pytest
from django.utils import translation

from core.models import SiteSettings

from ..factories import LevelFactory
from ..markup import one, select, texts

pytestmark = pytest.mark.django_db

PROFILE = {
    "in_network_en": "Aetna\nCigna\nTRICARE",
    "in_network_es": "Aetna\nCigna\nTRICARE",
    "accepts_medi_cal": False,
    "medi_cal_elsewhere_en": "Call your county's access line.",
    "medi_cal_elsewhere_es": "Llame a la línea de acceso de su condado.",
    "medi_cal_elsewhere_url": "https://county.example.gov/access",
    "accepts_medicare": True,
    "medicare_elsewhere_en": "Not shown: we accept it.",
    "medicare_elsewhere_url": "https://medicare.example.gov/",
    "self_pay_en": "Evaluation: free\nOutpatient: $150 to $250 a session",
    "self_pay_es": "Evaluación: gratis\nAmbulatorio: de $150 a $250 por sesión",
    "payment_plans_en": "Monthly payments without interest.",
    "payment_plans_es": "Pagos mensuales sin intereses.",
    "payment_en": "Private insurance, TRICARE, self-pay",
    "payment_es": "Seguro privado, TRICARE, pago propio",
}
EXPECTED = {
    "": {
        "title": "Costs and coverage | Magnolia Recovery",
        "h1": "Costs and coverage",
        "in_network": ["Aetna", "Cigna", "TRICARE"],
        "payers": ["Medi-Cal", "Medicare"],
        "medi_cal": [
            "No. We do not accept Medi-Cal. We accept: Private insurance, TRICARE, self-pay.",
            "Call your county's access line.",
            "Where to get care with Medi-Cal",
        ],
        "medicare": ["Yes. We accept Medicare."],
        "self_pay": ["Evaluation: free", "Outpatient: $150 to $250 a session"],
        "plans": "Monthly payments without interest.",
        "estimate_heading": "Your right to a Good Faith Estimate",
        "elsewhere": "Search for treatment near you, filtered by the insurance you have, at FindTreatment.gov. Or "
        "call SAMHSA's National Helpline, free, confidential and open 24 hours a day in English and Spanish: "
        "1-800-662-4357.",
        "menu": "Costs and coverage",
    },
    "/es": {
        "title": "Costos y cobertura | Magnolia Recovery",
        "h1": "Costos y cobertura",
        "in_network": ["Aetna", "Cigna", "TRICARE"],
        "payers": ["Medi-Cal", "Medicare"],
        "medi_cal": [
            "No. No aceptamos Medi-Cal. Aceptamos: Seguro privado, TRICARE, pago propio.",
            "Llame a la línea de acceso de su condado.",
            "Dónde recibir atención con Medi-Cal",
        ],
        "medicare": ["Sí. Aceptamos Medicare."],
        "self_pay": ["Evaluación: gratis", "Ambulatorio: de $150 a $250 por sesión"],
        "plans": "Pagos mensuales sin intereses.",
        "estimate_heading": "Su derecho a un Presupuesto de Buena Fe",
        "elsewhere": "Busque tratamiento cerca de usted, según el seguro que tenga, en FindTreatment.gov. O llame a "
        "la Línea Nacional de Ayuda de SAMHSA, gratuita, confidencial y abierta las 24 horas, en inglés y en "
        "español: 1-800-662-4357.",
        "menu": "Costos y cobertura",
    },
}


@pytest.fixture
def profile(db):
    return SiteSettings.objects.create(**PROFILE)


def answers(page, payer):
    """The paragraphs under the payer's heading, up to the next heading."""
    heading = next(h for h in select(page, "section[aria-labelledby=public-plans-heading] h3") if h.text == payer)
    siblings = heading.parent.children
    found = []
    for element in siblings[siblings.index(heading) + 1 :]:
        if getattr(element, "tag", None) == "h3":
            break
        if getattr(element, "tag", None) == "p":
            found.append(element.text)
    return found


@pytest.mark.parametrize("prefix", ["", "/es"])
def test_the_costs_page_in_both_languages(client, profile, prefix):
    expected = EXPECTED[prefix]
    response = client.get(f"{prefix}/costs-and-coverage/")
    assert response.status_code == 200
    page = response.content.decode()
    assert one(page, "title").text == expected["title"]
    description = one(page, "meta[name=description]").attrs["content"]
    assert description.startswith(("The insurance plans Magnolia Recovery", "Los planes de seguro con los que"))
    assert one(page, "main h1").text == expected["h1"]
    assert texts(page, "ul.in-network li") == expected["in_network"]
    assert texts(page, "section[aria-labelledby=public-plans-heading] h3") == expected["payers"]
    assert answers(page, "Medi-Cal") == expected["medi_cal"]
    assert answers(page, "Medicare") == expected["medicare"]
    medi_cal_link = [a for a in select(page, "main a") if a.text == expected["medi_cal"][2]]
    assert [a.attrs["href"] for a in medi_cal_link] == ["https://county.example.gov/access"]
    assert "medicare.example.gov" not in page  # accepted: no place to send people elsewhere
    assert texts(page, "ul.self-pay li") == expected["self_pay"]
    assert one(page, "p.payment-plans").text == expected["plans"]
    assert one(page, "#estimate-heading").text == expected["estimate_heading"]
    assert "1-800-985-3059" in one(page, "p.good-faith-estimate").text
    assert one(page, "section.not-the-right-fit p").text == expected["elsewhere"]
    menu = [a for a in select(page, "nav.site-nav a") if a.text == expected["menu"]]
    assert [(a.attrs["href"], a.attrs.get("aria-current")) for a in menu] == [(f"{prefix}/costs-and-coverage/", "page")]


def test_the_good_faith_estimate_notice_in_spanish_by_default(client):
    with translation.override("es"):  # as load_demo fills a Spanish column left empty
        spanish = str(SiteSettings._meta.get_field("good_faith_estimate").get_default())
    SiteSettings.objects.create(good_faith_estimate_es=spanish)
    notice = one(client.get("/es/costs-and-coverage/"), "p.good-faith-estimate").text
    assert notice.startswith("Si usted no tiene seguro, o decide no usarlo, tiene derecho a recibir un Presupuesto")
    assert notice.endswith("llame a los Centros de Servicios de Medicare y Medicaid al 1-800-985-3059.")


def test_empty_sections_are_left_out(client):
    SiteSettings.objects.create()  # no payers listed, no prices, no plans; Medi-Cal and Medicare: no
    page = client.get("/costs-and-coverage/").content.decode()
    assert select(page, "ul.in-network") == [] and select(page, "#self-pay-heading") == []
    assert answers(page, "Medi-Cal") == [
        "No. We do not accept Medi-Cal. We accept: Private insurance, TRICARE, self-pay."
    ]


@pytest.mark.parametrize("prefix", ["", "/es"])
def test_every_page_links_it_from_the_menu_and_levels_and_the_insurance_form_link_it(client, prefix):
    LevelFactory(slug="iop", short_name="IOP")
    costs = f"{prefix}/costs-and-coverage/"
    for path in ("/", "/faq/", "/levels-of-care/iop/", "/insurance/verify/"):
        page = client.get(prefix + path).content.decode()
        menu = [a.attrs["href"] for a in select(page, "nav.site-nav a") if a.attrs["href"] == costs]
        assert menu == [costs], path
        assert not any(a.attrs.get("aria-current") for a in select(page, "nav.site-nav a") if a.attrs["href"] == costs)
    level = client.get(f"{prefix}/levels-of-care/iop/").content.decode()
    assert [a.text for a in select(level, "aside a") if a.attrs["href"] == costs] == [EXPECTED[prefix]["menu"]]
    verify = client.get(f"{prefix}/insurance/verify/").content.decode()
    in_main = [a.text for a in select(verify, "main a") if a.attrs["href"] == costs]
    assert in_main == [EXPECTED[prefix]["menu"]]


def test_the_costs_page_is_in_the_sitemap_in_both_languages(client):
    sitemap = client.get("/sitemap-pages.xml").content.decode()
    assert "<loc>http://testserver/costs-and-coverage/</loc>" in sitemap
    assert 'hreflang="es" href="http://testserver/es/costs-and-coverage/"' in sitemap
