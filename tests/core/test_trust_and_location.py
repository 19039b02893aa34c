"""The center's profile where a parent checks it: the trust line (licence, current accreditations and
payers, each with where to check it) on the home page and in the footer; where the center is on About,
Contact and in the footer; who it treats on home and About. Nothing of each when the profile has none."""

from datetime import date

import pytest

from core.models import Accreditation, SiteSettings
from demo.site import load_site

from ..factories import PageFactory
from ..markup import one, select, texts

pytestmark = pytest.mark.django_db

PROFILE = {
    "licence_number": "190000AP",
    "licence_lookup_url": "https://licences.example.gov/look-up",
    "payment_en": "Private insurance, TRICARE, self-pay",
    "payment_es": "Seguro privado, TRICARE, pago propio",
    "street_address": "1234 Example Blvd",
    "postal_code": "90012",
    "getting_here_en": "Park in our lot.\nBus 33 stops at the corner.",
    "getting_here_es": "Estacione en nuestro lote.\nEl autobús 33 para en la esquina.",
    "ages_treated_en": "Adults 18 and older",
    "ages_treated_es": "Adultos de 18 años en adelante",
    "conditions_treated_en": "Substance use\nDepression\nAnxiety\nCo-occurring conditions",
    "conditions_treated_es": "Consumo de sustancias\nDepresión\nAnsiedad\nTrastornos concurrentes",
    "languages_en": "English, Spanish",
    "languages_es": "inglés, español",
}
# Everything the profile could show, emptied. The payers (a required field) are shown only beside a
# licence or an accreditation; the licence agency and hours keep their defaults.
NO_PROFILE = {
    "licence_number": "", "licence_lookup_url": "", "street_address": "", "postal_code": "",
    "getting_here_en": "", "getting_here_es": "", "ages_treated_en": "", "ages_treated_es": "",
    "conditions_treated_en": "", "conditions_treated_es": "",
}  # fmt: skip
MAPS = "https://www.google.com/maps/search/?api=1&query=1234+Example+Blvd%2C+Los+Angeles%2C+CA+90012"

TRUST = {
    "": [
        "Licensed by the California Department of Health Care Services (DHCS), licence 190000AP. Check the licence",
        "Accredited by The Joint Commission. Check with The Joint Commission",
        "We accept: Private insurance, TRICARE, self-pay. Costs and coverage",
    ],
    "/es": [
        "Con licencia del Departamento de Servicios de Atención Médica de California (DHCS), licencia número 190000AP. "
        "Verifique la licencia",
        "Acreditado por The Joint Commission. Verifíquelo con The Joint Commission",
        "Aceptamos: Seguro privado, TRICARE, pago propio. Costos y cobertura",
    ],
}
WHO = {
    "": {
        "heading": "Who we treat",
        "ages": "Ages: Adults 18 and older",
        "conditions": ["Substance use", "Depression", "Anxiety", "Co-occurring conditions"],
        "languages": "Languages spoken: English and Spanish",
    },
    "/es": {
        "heading": "A quién atendemos",
        "ages": "Edades: Adultos de 18 años en adelante",
        "conditions": ["Consumo de sustancias", "Depresión", "Ansiedad", "Trastornos concurrentes"],
        "languages": "Idiomas: inglés y español",
    },
}
GETTING_HERE = {
    "": ["Park in our lot.", "Bus 33 stops at the corner."],
    "/es": ["Estacione en nuestro lote.", "El autobús 33 para en la esquina."],
}
DIRECTIONS = {"": "Get directions", "/es": "Cómo llegar"}


@pytest.fixture
def profile(db):
    site = SiteSettings.objects.create(**PROFILE)
    Accreditation.objects.create(
        site=site, body="The Joint Commission", expires_on=date(2099, 1, 1), lookup_url="https://quality.example.org/"
    )
    # Expired: neither it nor its look-up address is shown anywhere.
    Accreditation.objects.create(
        site=site, body="Lapsed Accreditor", expires_on=date(2020, 1, 1), lookup_url="https://lapsed.example.org/"
    )
    PageFactory(slug="about", title="About us", shows_center_profile=True)
    return site


@pytest.mark.parametrize("prefix", ["", "/es"])
def test_the_trust_line_on_the_home_page_and_in_the_footer(client, profile, prefix):
    for path in ("/", "/faq/"):
        page = client.get(prefix + path).content.decode()
        scopes = ["section.home-trust", "div.footer-trust"] if path == "/" else ["div.footer-trust"]
        assert len(select(page, "ul.trust-line")) == len(scopes)
        for scope in scopes:
            assert texts(page, f"{scope} li") == TRUST[prefix]
            assert [a.attrs["href"] for a in select(page, f"{scope} a")] == [
                "https://licences.example.gov/look-up",
                "https://quality.example.org/",
                f"{prefix}/costs-and-coverage/",
            ]
        assert "Lapsed Accreditor" not in page and "lapsed.example.org" not in page


def test_a_licence_or_accreditation_without_a_look_up_address_shows_no_link(client, profile):
    SiteSettings.objects.filter(pk=1).update(licence_lookup_url="")
    Accreditation.objects.filter(body="The Joint Commission").update(lookup_url="")
    SiteSettings.objects.get().save()  # moves the content version on, as an admin save does
    page = client.get("/").content.decode()
    assert texts(page, "section.home-trust li")[:2] == [
        "Licensed by the California Department of Health Care Services (DHCS), licence 190000AP.",
        "Accredited by The Joint Commission.",
    ]
    assert [a.attrs["href"] for a in select(page, "section.home-trust a")] == ["/costs-and-coverage/"]


@pytest.mark.parametrize("prefix", ["", "/es"])
def test_where_the_center_is_on_about_contact_and_the_footer(client, profile, prefix):
    about = client.get(f"{prefix}/about/").content.decode()
    contact = client.get(f"{prefix}/contact/").content.decode()
    home = client.get(f"{prefix}/").content.decode()
    for page, scope in ((about, "main"), (contact, "section.where-we-are"), (home, "footer")):
        assert one(page, f"{scope} address").text == "1234 Example BlvdLos Angeles, CA 90012"  # a <br> between
        directions = one(page, f"{scope} a.directions-link")
        assert (directions.text, directions.attrs["href"]) == (DIRECTIONS[prefix], MAPS)
        assert texts(page, f"{scope} ul.getting-here li") == GETTING_HERE[prefix]
    assert one(contact, "section.where-we-are h2").text == {"": "Where we are", "/es": "Dónde estamos"}[prefix]


def test_the_editors_directions_address_replaces_the_maps_search(client, profile):
    profile.directions_url = "https://maps.example.org/magnolia"
    profile.save()
    page = client.get("/contact/").content.decode()
    assert one(page, "section.where-we-are a.directions-link").attrs["href"] == "https://maps.example.org/magnolia"


@pytest.mark.parametrize("prefix", ["", "/es"])
def test_who_we_treat_on_home_and_about(client, profile, prefix):
    for path in ("/", "/about/"):
        page = client.get(prefix + path).content.decode()
        section = one(page, "section.who-we-treat")
        assert one(section, "h2").text == WHO[prefix]["heading"]
        assert one(section, "p.who-ages").text == WHO[prefix]["ages"]
        assert texts(section, "ul.who-conditions li") == WHO[prefix]["conditions"]
        assert one(section, "p.who-languages").text == WHO[prefix]["languages"]


def test_nothing_shows_when_the_profile_has_none(client, profile):
    SiteSettings.objects.filter(pk=1).update(**NO_PROFILE)
    Accreditation.objects.all().delete()  # moves the content version on
    for path in ("/", "/about/", "/contact/", "/es/", "/es/about/"):
        page = client.get(path).content.decode()
        for selector in ("ul.trust-line", "section.home-trust", "div.footer-trust", "section.who-we-treat"):
            assert select(page, selector) == [], (path, selector)
        assert select(page, "a.directions-link") == [] and select(page, "ul.getting-here") == [], path


def test_load_demo_fills_the_profile_in_both_languages(db):
    site = load_site()
    for name in (
        "getting_here", "ages_treated", "conditions_treated", "medi_cal_elsewhere", "medicare_elsewhere",
        "self_pay", "payment_plans", "good_faith_estimate", "tagline",
    ):  # fmt: skip
        english, spanish = getattr(site, f"{name}_en"), getattr(site, f"{name}_es")
        assert english and spanish and english != spanish, name
    assert (
        site.in_network_en
        == site.in_network_es
        == ("Aetna\nAnthem Blue Cross\nBlue Shield of California\nCigna\nUnitedHealthcare / Optum\nTRICARE")
    )
    assert (site.accepts_medi_cal, site.accepts_medicare) == (False, False)
    assert site.licence_lookup_url.startswith("https://www.dhcs.ca.gov/")
    assert site.accreditations.get().lookup_url == "https://www.qualitycheck.org/"
    assert site.street_address == "1234 Example Blvd"


def test_the_admin_edits_the_profile_in_its_fieldsets_and_both_languages(admin_client, profile):
    page = admin_client.get("/admin/core/sitesettings/1/change/").content.decode()
    headings = texts(page, "fieldset h2")
    for heading in ("Where we are", "Who we treat", "Costs and coverage", "Licence"):
        assert heading in headings
    for name in (
        "licence_lookup_url", "directions_url", "getting_here_en", "getting_here_es", "ages_treated_es",
        "conditions_treated_es", "in_network_es", "accepts_medi_cal", "medi_cal_elsewhere_es",
        "medi_cal_elsewhere_url", "accepts_medicare", "medicare_elsewhere_es", "medicare_elsewhere_url",
        "self_pay_es", "payment_plans_es", "good_faith_estimate_es", "accreditations-0-lookup_url",
    ):  # fmt: skip
        assert len(select(page, f"[name={name}]")) == 1, name
