"""The staff pattern page: only staff see it, and it draws every public component in either language."""

import pytest

from pages.patterns import COMPONENTS

from ..factories import ArticleFactory, LevelFactory, UserFactory
from ..markup import one, select, texts

pytestmark = pytest.mark.django_db
URL = "/admin/patterns/"
# What the page must show whatever else is added: the public site's components as the issue lists them.
REQUIRED = [
    "Crisis notice",
    "Header and helpline",
    "Headings and text",
    "Links",
    "Buttons",
    "Error summary and form controls",
    "Radios and checkboxes",
    "Alerts and notes",
    "Cards",
    "Comparison table",
    "Pagination",
    "Picture",
    "Footer",
]


@pytest.mark.parametrize("is_signed_in", [False, True])
def test_anyone_but_staff_is_sent_to_the_admin_sign_in(client, is_signed_in):
    if is_signed_in:
        client.force_login(UserFactory(is_staff=False))
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"] == "/admin/login/?next=/admin/patterns/"


@pytest.fixture
def staff_client(client):
    client.force_login(UserFactory())
    return client


def test_staff_see_every_component_in_its_own_section(staff_client):
    LevelFactory(name="Program for the card", short_name="Card")
    ArticleFactory(title="An article for the list")
    page = staff_client.get(URL)
    assert page.status_code == 200
    headings = texts(page, "section.pattern > h2")
    assert headings == [component.title for component in COMPONENTS]
    assert [title for title in REQUIRED if title not in headings] == []
    for section in select(page, "section.pattern"):
        assert one(section, "div.pattern-sample[lang=en]").children, f"{section.attrs['id']} is empty"
    assert one(page, "#cards .card-level h2").text == "Program for the card"  # the short name is one of its words
    assert texts(page, "#cards li h2 a") == ["Program for the card", "An article for the list"]
    assert one(page, "#pagination li[aria-current=page]").text == "Page 2 of 10"
    # The form was sent empty: its summary lists what to fix, each field's error sits by it.
    assert one(page, "#error-summary-title").text.startswith("Please fix")
    assert one(page, "#id_name_error").text == "Write your name. A first name is enough."
    assert one(page, "#id_name_helptext").text == "A first name is enough."


def test_the_samples_speak_spanish_with_lang_es_and_english_otherwise(staff_client):
    spanish = staff_client.get(URL, {"lang": "es"})
    assert len(select(spanish, "div.pattern-sample[lang=es]")) == len(COMPONENTS)
    assert texts(spanish, "#crisis-notice .crisis-links a") == [
        "Llame al 988 y oprima 2",
        "Envíe AYUDA al 988",
        "Llame al 911",
    ]
    assert one(spanish, "#header-and-helpline .helpline-label").text == "Línea de ayuda 24 horas"
    assert one(spanish, "main > p > a[href=?lang=en]").text == "Show them in English"
    for other in ({"lang": "fr"}, {}):
        english = staff_client.get(URL, other)
        assert texts(english, "#crisis-notice .crisis-links a") == ["Call 988", "Text 988", "Call 911"]
