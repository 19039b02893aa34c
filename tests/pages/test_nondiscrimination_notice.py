"""The nondiscrimination notice (Section 1557, issue 26 item 5): what a person needs to act on it, the
civil rights coordinator from the site settings, the U.S. Office for Civil Rights, and free language help
in California's 15 languages, each marked with its language and direction."""

import pytest
from django.db import transaction

from core.models import SiteSettings
from demo.pages import load_pages
from demo.site import load_site

from ..factories import PageFactory
from ..markup import Element, one, select

pytestmark = pytest.mark.django_db

HELPLINE_LINK = ("tel:+18184312224", "(818) 431-2224")
# (lang, dir) of each tagline, in the order the page shows them: California's 15 languages.
TAGLINES = [
    ("es", None), ("zh-Hant", None), ("vi", None), ("tl", None), ("ko", None), ("hy", None), ("fa", "rtl"),
    ("ru", None), ("ja", None), ("ar", "rtl"), ("pa", None), ("km", None), ("hmn", None), ("hi", None), ("th", None),
]  # fmt: skip
# Each tagline's words before the helpline, as the center fixed them (a sample per script).
TAGLINE_OPENINGS = {
    "es": "ATENCIÓN: Si habla español, tiene a su disposición servicios gratuitos de asistencia lingüística.",
    "zh-Hant": "注意：如果您使用繁體中文，您可以免費獲得語言援助服務。",
    "hy": "ՈՒՇԱԴՐՈՒԹՅՈՒՆ՝ Եթե խոսում եք հայերեն,",
    "fa": "توجه: اگر به زبان فارسی گفتگو می‌کنید،",
    "ar": "ملحوظة: إذا كنت تتحدث العربية،",
    "pa": "ਧਿਆਨ ਦਿਓ: ਜੇ ਤੁਸੀਂ ਪੰਜਾਬੀ ਬੋਲਦੇ ਹੋ,",
    "km": "ប្រយ័ត្ន៖ បើសិនជាអ្នកនិយាយភាសាខ្មែរ",
    "hi": "ध्यान दें: यदि आप हिंदी बोलते हैं",
    "th": "เรียน: ถ้าคุณพูดภาษาไทย",
}
OCR = {
    "en": [
        ("Online", "File a complaint on the Office for Civil Rights portal"),
        ("Phone", "1-800-368-1019"),
        ("TDD", "1-800-537-7697"),
        ("Mail", "200 Independence Avenue SW | Room 509F, HHH Building | Washington, DC 20201"),
    ],
    "es": [
        ("En línea", "Presente una queja en el portal de la Oficina de Derechos Civiles"),
        ("Teléfono", "1-800-368-1019"),
        ("TDD (teléfono para sordos)", "1-800-537-7697"),
        ("Correo postal", "200 Independence Avenue SW | Room 509F, HHH Building | Washington, DC 20201"),
    ],
}
OCR_LINKS = [
    ("https://ocrportal.hhs.gov/ocr/portal/lobby.jsf",),
    ("tel:+18003681019",),
    ("tel:+18005377697",),
    (),
]


def pairs(dl):
    """(term, description) of a <dl>, in order; an address's lines joined by " | "."""
    children = [child for child in dl.children if isinstance(child, Element)]
    return [(dt.text, _text(dd)) for dt, dd in zip(children[::2], children[1::2], strict=True)]


def _text(dd):
    addresses = dd.select("address")
    if not addresses:
        return dd.text
    return " | ".join(line.strip() for line in addresses[0].children if isinstance(line, str))


def hrefs(dl):
    return [tuple(a.attrs["href"] for a in dd.select("a")) for dd in dl.select("dd")]


@pytest.fixture(scope="class")
def demo_notice(django_db_setup, django_db_blocker):
    """The notice as load_demo writes it, with its site settings, in both languages; rolled back after."""
    with django_db_blocker.unblock(), transaction.atomic():
        load_site()
        load_pages()
        yield
        transaction.set_rollback(True)


@pytest.mark.usefixtures("demo_notice")
class TestTheDemoNotice:
    """The notice as load_demo writes it, loaded once for the class."""

    @pytest.mark.parametrize(
        ("path", "coordinator"),
        [
            ("/nondiscrimination/", [
                ("Name or title", "Maria Reyes, compliance officer"),
                ("Mail", "Magnolia Recovery | 1234 Example Blvd | Los Angeles, CA 90012"),
                ("Phone", "(818) 555-0142"),
                ("TTY", "Dial 711 (California Relay Service)."),
                ("E-mail", "civil.rights@magnolia-recovery.example"),
            ]),
            ("/es/nondiscrimination/", [
                ("Nombre o cargo", "Maria Reyes, responsable de cumplimiento"),
                ("Correo postal", "Magnolia Recovery | 1234 Example Blvd | Los Angeles, CA 90012"),
                ("Teléfono", "(818) 555-0142"),
                ("TTY (teléfono de texto)", "Marque el 711 (Servicio de Retransmisión de California)."),
                ("Correo electrónico", "civil.rights@magnolia-recovery.example"),
            ]),
        ],
    )  # fmt: skip
    def test_the_demo_notice_names_the_coordinator_from_the_site_settings(self, client, path, coordinator):
        page = client.get(path).content.decode()
        dl = one(page, "main dl.civil-rights-coordinator")
        assert pairs(dl) == coordinator
        assert hrefs(dl) == [
            (),
            (),
            ("tel:+18185550142",),
            ("tel:711",),
            ("mailto:civil.rights@magnolia-recovery.example",),
        ]
        # No number is typed in the text: the coordinator's comes from the settings only.
        assert "555-0142" not in one(page, "main article").text.replace(
            one(page, "main dl.civil-rights-coordinator").text, ""
        )

    @pytest.mark.parametrize("language", ["en", "es"])
    def test_the_demo_notice_gives_the_office_for_civil_rights(self, client, language):
        page = client.get("/nondiscrimination/" if language == "en" else "/es/nondiscrimination/").content.decode()
        dl = one(page, "main dl.office-for-civil-rights")
        assert pairs(dl) == OCR[language]
        assert hrefs(dl) == OCR_LINKS

    @pytest.mark.parametrize(
        ("path", "paragraphs", "items"),
        [
            ("/nondiscrimination/",
             "We give this help free of charge and in a timely manner. To ask for it, call (818) 431-2224.",
             "Reasonable modifications: changes to the way we do things, so that a person with a disability can get "
             "our care."),
            ("/es/nondiscrimination/",
             "Le damos esta ayuda de forma gratuita y oportuna. Para pedirla, llame al (818) 431-2224.",
             "Modificaciones razonables: cambios en la forma en que hacemos las cosas, para que una persona con "
             "discapacidad pueda recibir nuestra atención."),
        ],
    )  # fmt: skip
    def test_the_demo_notice_offers_reasonable_modifications_free_and_in_time(self, client, path, paragraphs, items):
        page = client.get(path).content.decode()
        assert paragraphs in [p.text for p in select(page, "main article > p")]
        assert items in [li.text for li in select(page, "main article > ul > li")]

    @pytest.mark.parametrize(
        ("path", "extra"), [("/nondiscrimination/", []), ("/es/nondiscrimination/", [("en", None)])]
    )
    def test_the_taglines_are_in_california_s_15_languages_each_marked(self, client, path, extra):
        page = client.get(path).content.decode()
        taglines = select(page, "main .language-taglines > p")
        assert [(p.attrs["lang"], p.attrs.get("dir")) for p in taglines] == extra + TAGLINES
        for p in taglines:
            assert [(a.attrs["href"], a.text, a.attrs["dir"]) for a in p.select("a")] == [(*HELPLINE_LINK, "ltr")]
        by_language = {p.attrs["lang"]: p.text for p in taglines}
        for language, opening in TAGLINE_OPENINGS.items():
            assert by_language[language].startswith(opening), language


def test_the_coordinator_block_follows_the_site_settings(client):
    PageFactory(slug="nondiscrimination", shows_civil_rights_contact=True)
    site = SiteSettings(pk=1, street_address="1 Main St", postal_code="90001")
    site.save()
    # Nothing of the coordinator's own: the title's default, the center's address and the helpline.
    dl = one(client.get("/nondiscrimination/").content.decode(), "main dl.civil-rights-coordinator")
    assert pairs(dl) == [
        ("Name or title", "Civil rights coordinator"),
        ("Mail", "Magnolia Recovery | 1 Main St | Los Angeles, CA 90001"),
        ("Phone", "(818) 431-2224"),
        ("TTY", "Dial 711 (California Relay Service)."),
    ]
    site.civil_rights_coordinator = "Ana Ruiz, Compliance"
    site.civil_rights_phone = "+13105550199"
    site.civil_rights_email = "ana@example.org"
    site.civil_rights_address = "PO Box 12\nLos Angeles, CA 90002"
    site.save()
    dl = one(client.get("/nondiscrimination/").content.decode(), "main dl.civil-rights-coordinator")
    assert pairs(dl) == [
        ("Name or title", "Ana Ruiz, Compliance"),
        ("Mail", "PO Box 12 | Los Angeles, CA 90002"),
        ("Phone", "(310) 555-0199"),
        ("TTY", "Dial 711 (California Relay Service)."),
        ("E-mail", "ana@example.org"),
    ]
    assert hrefs(dl)[2] == ("tel:+13105550199",)


def test_a_page_without_the_flag_shows_no_civil_rights_contact(client):
    PageFactory(slug="about")
    page = client.get("/about/").content.decode()
    assert select(page, "dl.civil-rights-coordinator") == select(page, ".language-taglines") == []
