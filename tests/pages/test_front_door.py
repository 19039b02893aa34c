"""The first screen: the home page's heading and first steps, the short crisis line, the language offer
beside the helpline and the phones' action bar (its look on a phone: tests/browser/test_front_door.py)."""

import pytest

from core.models import SiteSettings

from ..markup import one, parse, select, texts

pytestmark = pytest.mark.django_db


def hrefs_and_texts(page, selector):
    return [(a.attrs["href"], a.text) for a in select(page, selector)]


def after_heading(page):
    """The element right after the home page's main heading."""
    heading = one(page, "main h1")
    siblings = [child for child in heading.parent.children if not isinstance(child, str)]
    return siblings[siblings.index(heading) + 1]


def test_the_home_heading_says_what_the_center_does_with_call_and_insurance_right_under_it(client):
    page = parse(client.get("/"))
    assert one(page, "title").text == "Magnolia Recovery: Addiction and mental health treatment in Los Angeles"
    assert one(page, "main h1").text == "Treatment for addiction and mental health, from detox to outpatient care"
    assert hrefs_and_texts(after_heading(page), "a.btn") == [
        ("tel:+18184312224", "Call (818) 431-2224"),
        ("/insurance/verify/", "Check my insurance"),
    ]
    spanish = parse(client.get("/es/"))
    assert one(spanish, "main h1").text == (
        "Tratamiento de adicciones y salud mental, de la desintoxicación a la atención ambulatoria"
    )
    assert hrefs_and_texts(after_heading(spanish), "a.btn") == [
        ("tel:+18184312224", "Llame al (818) 431-2224"),
        ("/es/insurance/verify/", "Verificar mi seguro"),
    ]


def test_the_home_heading_is_the_sites_edited_one():
    site = SiteSettings.objects.create(home_heading_en="Help for addiction, day or night", home_heading_es="")
    assert site.home_heading == "Help for addiction, day or night"


def test_the_phone_crisis_line_keeps_every_link_in_both_languages(client):
    page = parse(client.get("/"))
    assert one(page, ".crisis-short").text == "Crisis: call or text 988 · Danger: 911"
    assert [(a.attrs["href"], a.attrs["aria-label"], a.text) for a in select(page, ".crisis-short a")] == [
        ("tel:988", "Call 988", "call"), ("sms:988", "Text 988", "text 988"), ("tel:911", "Call 911", "911"),
    ]  # fmt: skip
    spanish = parse(client.get("/es/"))
    assert one(spanish, ".crisis-short").text == "Crisis: 988, oprima 2 · AYUDA al 988 · Peligro: 911"
    assert [(a.attrs["href"], a.attrs["aria-label"]) for a in select(spanish, ".crisis-short a")] == [
        ("tel:988", "Llame al 988 y oprima 2"), ("sms:988?body=AYUDA", "Envíe AYUDA al 988"),
        ("tel:911", "Llame al 911"),
    ]  # fmt: skip


def test_the_other_language_is_offered_beside_the_helpline(client):
    page = parse(client.get("/levels-of-care/"))
    (offer,) = select(page, "header .header-contact a.language-switch")
    assert (offer.attrs["href"], offer.attrs["lang"], offer.text) == (
        "http://testserver/es/levels-of-care/", "es", "Hablamos español"
    )  # fmt: skip
    assert [a.attrs["class"] for a in select(page, "header .header-contact > a")] == ["language-switch", "helpline"]
    (offer,) = select(parse(client.get("/es/levels-of-care/")), "header .header-contact a.language-switch")
    assert (offer.attrs["href"], offer.attrs["lang"], offer.text) == (
        "http://testserver/levels-of-care/", "en", "We speak English"
    )  # fmt: skip
    assert select(page, "nav.site-nav a.language-switch") == []  # no longer in the menu


def test_the_action_bar_offers_call_and_insurance_and_text_only_with_a_text_line(client):
    page = parse(client.get("/faq/"))
    assert one(page, "nav.action-bar").attrs["aria-label"] == "Reach us now"
    assert hrefs_and_texts(page, "nav.action-bar a") == [
        ("tel:+18184312224", "Call"), ("/insurance/verify/", "Check insurance"),
    ]  # fmt: skip
    SiteSettings.objects.create(text_line="+13235550100")
    assert hrefs_and_texts(parse(client.get("/faq/")), "nav.action-bar a") == [
        ("tel:+18184312224", "Call"), ("sms:+13235550100", "Text"), ("/insurance/verify/", "Check insurance"),
    ]  # fmt: skip
    spanish = parse(client.get("/es/faq/"))
    assert one(spanish, "nav.action-bar").attrs["aria-label"] == "Comuníquese ahora"
    assert texts(spanish, "nav.action-bar a") == ["Llamar", "Enviar texto", "Verificar seguro"]


def test_the_action_bar_is_not_on_staff_pages(client):
    assert select(parse(client.get("/admin/login/")), ".action-bar") == []
