"""Issue 25's forms: the contact form asks three things, errors say what to do (once, in both languages), the
date of birth comes in three number boxes, and the thank-you pages say which number will call and when."""

import time
from datetime import date, timedelta

import pytest
from django.utils import timezone

from core.models import SiteSettings
from demo.site import load_site
from intake.models import Inquiry, InsuranceVerification
from intake.spam import sign_start

from ..factories import InquiryFactory
from ..intake_helpers import birth_date, form_data, request_data
from ..markup import one, parse, select, texts

pytestmark = pytest.mark.django_db


def least(**overrides):
    """The contact form as a visitor in a hurry sends it: three inputs, the rest as the page gave it."""
    data = {"name": "Sam", "phone": "(818) 555-0134", "consent": "on", "best_time": "any", "inquiry_for": "myself",
            "payment": "not_sure", "started": sign_start(time.time() - 30)}  # fmt: skip
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


# --- The contact form asks for three things ---------------------------------------------------------------

EMPTY_ERRORS = {
    "en": ("/contact/", ["Enter your first name", "Enter a phone number or an e-mail address",
                         "Check the box to let us contact you"]),
    "es": ("/es/contact/", ["Escriba su nombre", "Escriba un número de teléfono o un correo electrónico",
                            "Marque la casilla para que podamos contactarle"]),
}  # fmt: skip


@pytest.mark.parametrize("language", EMPTY_ERRORS)
def test_only_a_first_name_a_phone_or_email_and_consent_are_required_each_said_once(client, language):
    path, messages = EMPTY_ERRORS[language]
    page = parse(client.post(path, {"started": sign_start(time.time() - 30)}))
    # Each once in the summary, in form order, and once beside its field: the pair's at the phone box.
    assert [(a.attrs["href"], a.text) for a in select(page, "#error-summary li a")] == list(
        zip(["#id_name", "#id_phone", "#id_consent"], messages, strict=True)
    )
    assert [(e.attrs["id"], e.text) for e in select(page, "form .invalid-feedback")] == list(
        zip(["id_name_error", "id_phone_error", "id_consent_error"], messages, strict=True)
    )
    # The e-mail box, the pair's other half, points at the same message.
    email = one(page, "#id_email")
    assert (email.attrs["aria-describedby"], email.attrs["aria-invalid"]) == ("id_phone_error", "true")
    summary = [a.text for a in select(page, "#error-summary li a")]
    assert not [text for text in summary if ".:" in text or "I agree" in text or "Acepto" in text]
    assert not Inquiry.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "stored"),
    [
        ({}, {"phone": "+18185550134", "email": "", "preferred_contact": "call", "voicemail_ok": "unanswered"}),
        ({"phone": "", "email": "sam@example.com"},
         {"phone": "", "email": "sam@example.com", "preferred_contact": "email", "voicemail_ok": "unanswered"}),
        ({"voicemail_ok": "no"}, {"phone": "+18185550134", "email": "", "preferred_contact": "call",
                                  "voicemail_ok": "no"}),
        ({"voicemail_ok": "not_sure", "preferred_contact": "text"},
         {"phone": "+18185550134", "email": "", "preferred_contact": "text", "voicemail_ok": "not_sure"}),
    ],
)  # fmt: skip
def test_three_inputs_are_enough_and_the_voicemail_answer_is_kept(client, overrides, stored):
    response = client.post("/contact/", least(**overrides))
    assert (response.status_code, response["Location"]) == (302, "/contact/thanks/")
    inquiry = Inquiry.objects.get()
    assert inquiry.name == "Sam"
    assert {key: str(getattr(inquiry, key)) for key in stored} == stored
    assert (inquiry.best_time, inquiry.inquiry_for, inquiry.payment) == ("any", "myself", "not_sure")


def test_a_page_sent_without_the_optional_questions_at_all_takes_their_defaults(client):
    data = {"name": "Sam", "email": "sam@example.com", "consent": "on", "started": sign_start(time.time() - 30)}
    assert client.post("/contact/", data).status_code == 302
    inquiry = Inquiry.objects.get()
    assert (inquiry.preferred_contact, inquiry.best_time, inquiry.inquiry_for, inquiry.payment) == (
        "email", "any", "myself", "not_sure"
    )  # fmt: skip


def test_the_send_button_comes_before_every_optional_question_and_they_say_so(client):
    page = parse(client.get("/contact/"))
    form = one(page, "#inquiry-form")
    asked = [e.attrs["name"] for e in form.select("[name]") if e.attrs.get("type") != "hidden"]
    assert asked[: asked.index("submit") + 1] == ["name", "phone", "email", "consent", "submit"]
    legends = texts(page, "#inquiry-form .optional-fields legend")
    assert legends == [
        "Tell us more (optional)",
        "Is it safe to leave a voicemail or a text that names us? (optional)",
        "How should we reach you? (optional)",
        "Who is this for? (optional)",
        "How do you plan to pay? (optional)",
    ]
    assert texts(page, "#inquiry-form .optional-fields label.form-label") == [
        "Best time to reach you (optional)",
        "Level of care you are asking about (optional)",
        "Insurance carrier (optional)",
        "Anything you would like us to know (optional)",
    ]
    assert [(e.attrs["value"], "checked" in e.attrs) for e in select(page, "input[name=voicemail_ok]")] == [
        ("yes", False), ("no", False), ("not_sure", False)
    ]  # fmt: skip
    assert [e.attrs["value"] for e in select(page, "input[name=preferred_contact][checked]")] == []
    assert one(page, "#id_name").attrs["autocomplete"] == "given-name"
    assert one(page, "fieldset.reach-fields").attrs["aria-describedby"] == "reach-help"


def test_spanish_labels_of_the_voicemail_question(client):
    page = parse(client.get("/es/contact/"))
    assert texts(page, "#div_id_voicemail_ok legend") == [
        "¿Es seguro dejarle un mensaje de voz o de texto que nos nombre? (opcional)"
    ]
    assert texts(page, "#div_id_voicemail_ok label") == ["Sí", "No", "Todavía no lo sé"]


def test_everything_typed_is_kept_when_something_needs_fixing(client):
    typed = form_data(consent=None, voicemail_ok="no", preferred_contact="text", level="", message="Evenings, please.")
    page = parse(client.post("/contact/", typed))
    assert texts(page, "#error-summary li") == ["Check the box to let us contact you"]
    for name in ("name", "phone", "email", "insurance_carrier"):
        assert one(page, f"input[name={name}]").attrs["value"] == typed[name], name
    for name in ("voicemail_ok", "preferred_contact", "inquiry_for", "payment"):
        assert [e.attrs["value"] for e in select(page, f"input[name={name}][checked]")] == [typed[name]], name
    assert [e.attrs["value"] for e in select(page, "#id_best_time option[selected]")] == [typed["best_time"]]
    assert one(page, "textarea[name=message]").text == "Evenings, please."


def test_inquiries_from_before_the_question_read_not_asked(client):
    # The migration's default, as every inquiry made without the form (staff's) keeps.
    assert InquiryFactory().voicemail_ok == Inquiry.Voicemail.NOT_ASKED == "not_asked"
    assert Inquiry._meta.get_field("voicemail_ok").default == "not_asked"


# --- The date of birth in three boxes ----------------------------------------------------------------------


def send(client, path="/insurance/verify/", **overrides):
    return client.post(path, request_data(**overrides))


@pytest.mark.parametrize(("month", "day", "year"), [("03", "14", "1990"), ("3", "14", "1990"), (" 3 ", "014", "1990")])
def test_the_date_of_birth_takes_what_a_number_pad_types(client, month, day, year):
    response = send(client, **birth_date(month, day, year))
    assert (response.status_code, response["Location"]) == (302, "/insurance/verify/thanks/")
    assert InsuranceVerification.objects.get().patient_birth_date == date(1990, 3, 14)


TOMORROW = timezone.localdate() + timedelta(days=1)
BAD_DATES = [
    (("", "", ""), "Enter the date of birth of the person who needs care",
     "Escriba la fecha de nacimiento de la persona que necesita atención"),
    (("3", "14", ""), "Date of birth must include a year", "La fecha de nacimiento debe incluir el año"),
    (("", "14", "1990"), "Date of birth must include a month", "La fecha de nacimiento debe incluir el mes"),
    (("3", "", "1990"), "Date of birth must include a day", "La fecha de nacimiento debe incluir el día"),
    (("3", "", ""), "Date of birth must include a day and a year",
     "La fecha de nacimiento debe incluir el día y el año"),
    (("2", "30", "1990"), "Date of birth must be a real date", "La fecha de nacimiento debe ser una fecha real"),
    (("14", "3", "1990"), "Date of birth must be a real date", "La fecha de nacimiento debe ser una fecha real"),
    (("3", "1a", "1990"), "Date of birth must be a real date", "La fecha de nacimiento debe ser una fecha real"),
    (("3", "14", "90"), "Year must include 4 numbers, for example 1990",
     "El año debe tener 4 números, por ejemplo 1990"),
    ((str(TOMORROW.month), str(TOMORROW.day), str(TOMORROW.year)), "Date of birth must be in the past",
     "La fecha de nacimiento debe ser en el pasado"),
    (("3", "14", "1850"), "Date of birth must be after 1900", "La fecha de nacimiento debe ser posterior a 1900"),
]  # fmt: skip


@pytest.mark.parametrize(("parts", "english", "spanish"), BAD_DATES)
def test_a_date_of_birth_that_is_not_a_date_gets_one_plain_message_and_is_kept(client, parts, english, spanish):
    for path, message in (("/insurance/verify/", english), ("/es/insurance/verify/", spanish)):
        page = parse(send(client, path, **birth_date(*parts)))
        assert [(a.attrs["href"], a.text) for a in select(page, "#error-summary li a")] == [
            ("#id_patient_birth_date_0", message)
        ]
        assert texts(page, "#id_patient_birth_date_error") == [message]
        kept = [e.attrs.get("value", "") for e in select(page, "#div_id_patient_birth_date input")]
        assert kept == list(parts), path
    assert not InsuranceVerification.objects.exists()


@pytest.mark.parametrize(
    ("path", "legend", "hint", "labels"),
    [
        ("/insurance/verify/", "Date of birth of the person who needs care", "For example, 3 14 1990",
         ["Month", "Day", "Year"]),
        ("/es/insurance/verify/", "Fecha de nacimiento de la persona que necesita atención", "Por ejemplo, 3 14 1990",
         ["Mes", "Día", "Año"]),
    ],
)  # fmt: skip
def test_the_date_of_birth_is_a_fieldset_of_three_number_boxes(client, path, legend, hint, labels):
    page = parse(client.get(path))
    fieldset = one(page, "#div_id_patient_birth_date fieldset")
    assert texts(fieldset, "legend") == [legend]
    assert fieldset.attrs["aria-describedby"] == "id_patient_birth_date_helptext"
    assert texts(fieldset, "#id_patient_birth_date_helptext") == [hint]
    assert texts(fieldset, "label") == labels
    boxes = select(fieldset, "input")
    assert [(b.attrs["name"], b.attrs["id"], b.attrs["inputmode"], b.attrs["maxlength"]) for b in boxes] == [
        ("patient_birth_date_month", "id_patient_birth_date_0", "numeric", "2"),
        ("patient_birth_date_day", "id_patient_birth_date_1", "numeric", "2"),
        ("patient_birth_date_year", "id_patient_birth_date_2", "numeric", "4"),
    ]
    assert [label.attrs["for"] for label in select(fieldset, "label")] == [b.attrs["id"] for b in boxes]


def test_the_member_id_box_is_typed_as_printed(client):
    box = one(client.get("/insurance/verify/"), "input[name=member_id]")
    assert (box.attrs["autocapitalize"], box.attrs["spellcheck"], box.attrs["autocomplete"]) == (
        "characters", "false", "off"
    )  # fmt: skip


def test_an_empty_member_id_and_carrier_say_what_to_do(client):
    page = parse(send(client, member_id="", carrier=""))
    assert texts(page, "#error-summary li") == [
        "Choose your insurance company",
        "Enter the member ID from your insurance card",
    ]


# --- The thank-you pages name the number that will call ------------------------------------------------------


@pytest.fixture
def callback_site(db):
    site, _ = SiteSettings.objects.get_or_create(pk=1)
    site.callback_number, site.callback_minutes = "+13105550177", 20
    site.save()
    return site


def promise(client, path):
    page = parse(client.get(path))
    return texts(page, "#callback-promise p"), [(a.attrs["href"], a.text) for a in select(page, "#callback-promise a")]


def test_the_thanks_page_names_the_callback_number_and_minutes_any_hour(client, callback_site):
    said, dialled = promise(client, "/contact/thanks/")
    assert said == [
        "We'll call from (310) 555-0177 within 20 minutes. Save the number.",
        "If you gave only an e-mail address, we will write to you instead.",
    ]
    assert dialled == [("tel:+13105550177", "(310) 555-0177")]
    said, _ = promise(client, "/es/contact/thanks/")
    assert said[0] == "Le llamaremos desde el (310) 555-0177 en menos de 20 minutos. Guarde el número."


def test_outside_the_callback_hours_the_page_says_what_happens(client, callback_site):
    callback_site.callback_from, callback_site.callback_until = "07:00", "23:00"
    callback_site.save()
    said, _ = promise(client, "/contact/thanks/")
    assert said == [
        "From 7 a.m. to 11 p.m. (Pacific time), we'll call from (310) 555-0177 within 20 minutes. Save the number.",
        "At other hours, your message waits for the morning team: we call you soon after 7 a.m.; if you need to talk "
        "sooner, call our 24-hour helpline below.",
        "If you gave only an e-mail address, we will write to you instead.",
    ]
    said, _ = promise(client, "/es/contact/thanks/")
    assert said[:2] == [
        "De 07:00 a 23:00 (hora del Pacífico), le llamaremos desde el (310) 555-0177 en menos de 20 minutos. "
        "Guarde el número.",
        "A otras horas, su mensaje espera al equipo de la mañana: le llamamos poco después de las 07:00; si necesita "
        "hablar antes, llame a nuestra línea de ayuda de 24 horas, más abajo.",
    ]


def test_the_verification_thanks_page_names_the_number_and_the_helpline_is_the_fallback(client):
    said, dialled = promise(client, "/insurance/verify/thanks/")
    assert said == [
        "We'll call from (818) 431-2224. Save the number.",
        "If you gave only an e-mail address, we will write to you instead.",
    ]
    assert dialled == [("tel:+18184312224", "(818) 431-2224")]


def test_the_callback_settings_are_edited_in_the_admin(client, superuser, callback_site):
    client.force_login(superuser)
    page = parse(client.get("/admin/core/sitesettings/1/change/"))
    for name in ("callback_number", "callback_minutes", "callback_from", "callback_until"):
        assert one(page, f"[name={name}]").attrs["name"] == name


def test_the_demo_center_calls_back_from_its_helpline_within_15_minutes_by_day():
    site = load_site()
    site.refresh_from_db()
    assert (str(site.callback_number), site.callback_minutes) == ("+18184312224", 15)
    assert (site.callback_from.isoformat(), site.callback_until.isoformat()) == ("07:00:00", "23:00:00")
