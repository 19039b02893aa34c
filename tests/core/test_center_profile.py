"""The center's profile: one validated helpline, licence and accreditations, MedicalClinic JSON-LD."""

import json
import re
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.forms.models import model_to_dict

from core.languages import translated_fields
from core.models import Accreditation, SiteSettings

from ..intake_helpers import hidden_value
from ..translated_forms import english_names

pytestmark = pytest.mark.django_db
LA = ZoneInfo("America/Los_Angeles")
URL = "/admin/core/sitesettings/1/change/"


def settings_form(client, **fields):
    """The site settings form as the admin shows it, with `fields` typed over it."""
    site = SiteSettings.objects.get()
    data = {
        key: value
        for key, value in model_to_dict(site).items()
        if key not in ("id", "updated_at", *translated_fields(SiteSettings)) and value is not None
    }
    data["helpline"] = site.helpline_display
    data["text_line"] = ""
    data["seen_updated_at"] = hidden_value(client.get(URL).content.decode(), "seen_updated_at")
    data.update({
        "accreditations-TOTAL_FORMS": "0", "accreditations-INITIAL_FORMS": "0",
        "accreditations-MIN_NUM_FORMS": "0", "accreditations-MAX_NUM_FORMS": "1000",
    })  # fmt: skip
    data.update(english_names(fields, SiteSettings))
    return data


def json_ld(html):
    return [
        json.loads(block) for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    ]


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("323-555-O199", "has a letter or another sign in it"),
        ("323-555-019", "Enter a valid phone number"),
        ("call 323 555 0199", "has a letter or another sign in it"),
    ],
)
def test_a_mistyped_helpline_is_refused_and_nothing_is_lost(admin_client, typed, message):
    SiteSettings.objects.create(helpline="+18184312224", tagline="Old tagline")
    response = admin_client.post(URL, settings_form(admin_client, helpline=typed, tagline="Typed tagline"))
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html and f'value="{typed}"' in html and "Typed tagline" in html
    assert SiteSettings.objects.get().helpline.as_e164 == "+18184312224"


def test_one_helpline_number_is_stored_in_e164_and_shown_formatted_from_it(admin_client, client):
    SiteSettings.objects.create()
    response = admin_client.post(URL, settings_form(admin_client, helpline="323.555.0199", text_line="(323) 555-0100"))
    assert response.status_code == 302
    site = SiteSettings.objects.get()
    assert site.helpline.as_e164 == "+13235550199" and site.text_line.as_e164 == "+13235550100"
    client.logout()
    html = client.get("/").content.decode()
    assert 'href="tel:+13235550199"' in html and "(323) 555-0199" in html
    assert "+18184312224" not in html and "(818) 431-2224" not in html  # the old number is nowhere
    assert 'href="sms:+13235550100">(323) 555-0100</a>' in html


def test_the_admin_warns_sixty_days_before_an_accreditation_expires(admin_client):
    site = SiteSettings.objects.create()
    with time_machine.travel(datetime(2026, 3, 1, 9, 0, tzinfo=LA), tick=False):
        Accreditation.objects.create(site=site, body="The Joint Commission", expires_on=date(2026, 4, 15))
        Accreditation.objects.create(site=site, body="CARF", expires_on=date(2026, 2, 20))
        Accreditation.objects.create(site=site, body="Far off", expires_on=date(2026, 6, 1))
        html = admin_client.get(URL).content.decode()
    assert "The accreditation from The Joint Commission expires on April 15, 2026, in 45 days." in html
    assert "The accreditation from CARF expired on February 20, 2026" in html
    assert "accreditation from Far off" not in html


def test_clinic_structured_data_on_the_home_and_contact_pages(client):
    site = SiteSettings.objects.create(
        street_address="1234 Example Blvd", postal_code="90012", licence_number="190000AP", languages="English, Spanish"
    )
    Accreditation.objects.create(site=site, body="The Joint Commission", number="612345", expires_on=date(2099, 1, 1))
    Accreditation.objects.create(site=site, body="Lapsed body", expires_on=date(2020, 1, 1))
    for path in ("/", "/contact/"):
        (clinic,) = json_ld(client.get(path).content.decode())
        assert clinic["@context"] == "https://schema.org" and clinic["@type"] == "MedicalClinic"
        assert clinic["url"] == "http://testserver/" and clinic["telephone"] == "+18184312224"
        assert clinic["address"] == {
            "@type": "PostalAddress", "streetAddress": "1234 Example Blvd", "addressLocality": "Los Angeles",
            "addressRegion": "CA", "postalCode": "90012", "addressCountry": "US",
        }  # fmt: skip
        assert clinic["availableLanguage"] == ["en", "es"]  # codes, as schema.org asks
        assert clinic["openingHours"] == "Mo-Su 00:00-23:59"
        assert {"@type": "MedicalTherapy", "name": "Intensive outpatient"} in clinic["availableService"]
        licence, accreditation = clinic["hasCredential"]  # the lapsed one is not claimed
        assert licence["credentialCategory"] == "license" and licence["identifier"] == "190000AP"
        assert accreditation["recognizedBy"]["name"] == "The Joint Commission"
        assert accreditation["identifier"] == "612345" and accreditation["expires"] == "2099-01-01"


def test_an_accreditation_leaves_the_kept_pages_the_day_after_it_expires(client):
    site = SiteSettings.objects.create()
    with time_machine.travel(datetime(2026, 5, 31, 23, 0, tzinfo=LA), tick=False):
        Accreditation.objects.create(site=site, body="The Joint Commission", expires_on=date(2026, 5, 31))
        assert "The Joint Commission" in client.get("/").content.decode()
        assert "The Joint Commission" in client.get("/").content.decode()  # kept whole
    with time_machine.travel(datetime(2026, 6, 1, 0, 1, tzinfo=LA), tick=False):
        assert "The Joint Commission" not in client.get("/").content.decode()


def test_opening_hours_for_search_engines_are_checked(admin_client):
    SiteSettings.objects.create()
    response = admin_client.post(URL, settings_form(admin_client, opening_hours="every day"))
    assert response.status_code == 200
    assert "Write days and hours as" in response.content.decode()
    assert SiteSettings.objects.get().opening_hours == "Mo-Su 00:00-23:59"


def test_accreditations_are_edited_with_the_settings(admin_client):
    SiteSettings.objects.create()
    data = settings_form(admin_client, **{
        "accreditations-TOTAL_FORMS": "1", "accreditations-0-body_en": "CARF", "accreditations-0-body_es": "CARF",
        "accreditations-0-program_en": "", "accreditations-0-program_es": "",
        "accreditations-0-number": "", "accreditations-0-expires_on": (date.today() + timedelta(days=400)).isoformat(),
    })  # fmt: skip
    assert admin_client.post(URL, data).status_code == 302
    assert list(Accreditation.objects.values_list("body", flat=True)) == ["CARF"]
