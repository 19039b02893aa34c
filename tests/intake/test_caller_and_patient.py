"""An inquiry's caller and the person who needs care: the date of birth encrypted at rest, existing
inquiries migrated, the web form's "for myself" kept, and the inquiry page's two groups."""

import importlib
from datetime import date

import pytest
from django.apps import apps
from django.db import connection

from intake.models import AccessRecord, Inquiry, InsuranceVerification

from ..factories import InquiryFactory
from ..intake_helpers import inquiry_form, patient_birth_date
from ..markup import one, select, texts
from .test_public_form import post

pytestmark = pytest.mark.django_db

BORN = date(1990, 3, 14)


def change_url(inquiry):
    return f"/admin/intake/inquiry/{inquiry.pk}/change/"


def test_the_date_of_birth_is_stored_encrypted_and_read_back():
    inquiry = InquiryFactory(patient_name="Alex Rivera", patient_birth_date=BORN)
    with connection.cursor() as cursor:
        cursor.execute("SELECT patient_birth_date FROM intake_inquiry WHERE id = %s", [inquiry.pk])
        raw = bytes(cursor.fetchone()[0])
    assert b"1990" not in raw and b"03-14" not in raw and raw.startswith(b"gAAAAA")  # a Fernet token
    assert Inquiry.objects.get(pk=inquiry.pk).patient_birth_date == BORN


def test_no_date_of_birth_is_stored_as_nothing():
    inquiry = InquiryFactory()
    with connection.cursor() as cursor:
        cursor.execute("SELECT patient_birth_date FROM intake_inquiry WHERE id = %s", [inquiry.pk])
        assert cursor.fetchone() == (None,)


def test_the_migration_keeps_the_name_as_the_callers_and_the_patients_when_for_themselves():
    myself = InquiryFactory(name="Sam Rivera", inquiry_for="myself")
    loved_one = InquiryFactory(name="Pat Lee", inquiry_for="loved_one")
    professional = InquiryFactory(name="Dr. Chen", inquiry_for="professional")
    already = InquiryFactory(name="Jo Park", inquiry_for="myself", caller_relationship="parent", patient_name="Kim")
    migration = importlib.import_module("intake.migrations.0019_caller_patient_and_assessment")
    migration.callers_and_patients(apps, None)
    rows = Inquiry.objects.order_by("pk").values_list("name", "caller_relationship", "patient_name")
    assert list(rows) == [
        ("Sam Rivera", "self", "Sam Rivera"),
        ("Pat Lee", "", ""),  # a loved one: who they are to the person is asked on the call
        ("Dr. Chen", "professional", ""),
        ("Jo Park", "parent", "Kim"),  # set by staff before: left as it is
    ]
    assert [i.pk for i in (myself, loved_one, professional, already)] == list(
        Inquiry.objects.order_by("pk").values_list("pk", flat=True)
    )


@pytest.mark.parametrize(
    ("inquiry_for", "relationship", "patient"),
    [("myself", "self", "Sam Rivera"), ("loved_one", "", ""), ("professional", "professional", "")],
)
def test_the_web_form_says_who_the_caller_is(client, inquiry_for, relationship, patient):
    post(client, inquiry_for=inquiry_for)
    inquiry = Inquiry.objects.get()
    assert (inquiry.name, inquiry.caller_relationship, inquiry.patient_name) == ("Sam Rivera", relationship, patient)


def test_the_inquiry_page_groups_the_caller_and_the_person_who_needs_care(admissions_client):
    inquiry = InquiryFactory(
        name="Maria Lopez",
        caller_relationship="parent",
        patient_name="Dani Lopez",
        patient_birth_date=date(2004, 6, 1),
        patient_sex_at_birth="female",
        patient_gender_identity="Non-binary",
        patient_pronouns="they/them",
        patient_language="Spanish",
    )
    page = admissions_client.get(change_url(inquiry))
    assert texts(page, "fieldset h2")[:5] == ["Pipeline", "Assessment", "Follow-up", "Caller", "Person who needs care"]
    caller, patient = select(page, "fieldset")[3:5]
    assert [row.attrs["class"].split()[-1] for row in caller.select("div.form-row")][:2] == [
        "field-name",
        "field-caller_relationship",
    ]
    assert [row.attrs["class"].split()[-1] for row in patient.select("div.form-row")] == [
        "field-patient_name",
        "field-patient_birth_date",
        "field-patient_gender_identity",
        "field-patient_sex_at_birth",
        "field-patient_language",
        "field-patient_pronouns",
    ]
    assert one(page, "label[for=id_name]").text == "Caller's name:"
    # The date of birth in the three boxes of the insurance form.
    boxes = {box.attrs["name"]: box.attrs.get("value") for box in patient.select("div.date-input input")}
    assert boxes == {"patient_birth_date_month": "6", "patient_birth_date_day": "1", "patient_birth_date_year": "2004"}
    facts = {div.select("dt")[0].text: div.select("dd")[0].text for div in select(page, "dl.workspace-facts > div")}
    assert one(page, "#workspace-heading").text == "Maria Lopez caller: parent"
    age = date.today().year - 2004 - ((date.today().month, date.today().day) < (6, 1))
    assert facts["Person who needs care"] == (
        f"Dani Lopez · born Jun 1, 2004 (age {age}) · sex assigned at birth: female · gender identity: Non-binary "
        "· pronouns: they/them · prefers Spanish"
    )


def test_a_caller_for_themselves_is_named_as_the_person_who_needs_care(admissions_client):
    inquiry = InquiryFactory(name="Sam Rivera", caller_relationship="self")
    page = admissions_client.get(change_url(inquiry))
    assert one(page, "dd.needs-care").text == "Sam Rivera (the caller)"


def test_staff_edit_the_person_who_needs_care_and_it_is_logged(admissions_client, admissions_user):
    inquiry = InquiryFactory(name="Maria Lopez")
    form = inquiry_form(inquiry, caller_relationship="parent", patient_name="Dani Lopez", patient_pronouns="they/them")
    form.update(patient_birth_date(BORN), patient_sex_at_birth="intersex")
    response = admissions_client.post(change_url(inquiry), form)
    assert response.status_code == 302
    saved = Inquiry.objects.get(pk=inquiry.pk)
    assert (
        saved.name,
        saved.caller_relationship,
        saved.patient_name,
        saved.patient_birth_date,
        saved.patient_sex_at_birth,
        saved.patient_pronouns,
    ) == ("Maria Lopez", "parent", "Dani Lopez", BORN, "intersex", "they/them")
    logged = AccessRecord.objects.filter(inquiry_ref=inquiry.pk).values_list("user", "action", "detail")
    assert list(logged) == [(admissions_user.pk, AccessRecord.Action.CHANGE, "")]


def test_viewing_the_page_is_logged(admissions_client, admissions_user):
    inquiry = InquiryFactory(patient_birth_date=BORN)
    admissions_client.get(change_url(inquiry))
    logged = AccessRecord.objects.filter(inquiry_ref=inquiry.pk).values_list("user", "action", "detail")
    assert list(logged) == [(admissions_user.pk, AccessRecord.Action.VIEW, "")]


@pytest.mark.parametrize(
    ("parts", "error"),
    [
        (("2", "30", "1990"), "Date of birth must be a real date"),
        (("", "14", "1990"), "Date of birth must include a month"),
        (("3", "14", "90"), "Year must include 4 numbers, for example 1990"),
    ],
)
def test_a_date_of_birth_that_is_not_one_is_said_beside_it_and_nothing_is_saved(admissions_client, parts, error):
    inquiry = InquiryFactory(name="Maria Lopez")
    form = inquiry_form(inquiry, patient_name="Dani Lopez")
    boxes = ("patient_birth_date_month", "patient_birth_date_day", "patient_birth_date_year")
    form.update(dict(zip(boxes, parts, strict=True)))
    response = admissions_client.post(change_url(inquiry), form)
    assert response.status_code == 200
    assert texts(response, "div.field-patient_birth_date ul.errorlist li") == [error]
    saved = Inquiry.objects.get(pk=inquiry.pk)
    assert (saved.patient_name, saved.patient_birth_date) == ("", None)
    # What was typed stays in the form.
    assert one(response, "input[name=patient_name]").attrs["value"] == "Dani Lopez"


def test_the_inbox_lists_inquiries_without_decrypting_a_date_of_birth(admissions_client, monkeypatch):
    InquiryFactory(patient_birth_date=BORN)
    field = Inquiry._meta.get_field("patient_birth_date")

    def refuse(*args):
        raise AssertionError("decrypted in the list")

    monkeypatch.setattr(field, "from_db_value", refuse)
    assert admissions_client.get("/admin/intake/inquiry/").status_code == 200


def test_the_verification_list_decrypts_no_date_of_birth_of_its_inquiries(admissions_client, monkeypatch):
    inquiry = InquiryFactory(patient_birth_date=BORN)
    InsuranceVerification.objects.create(inquiry=inquiry, carrier="aetna", member_id="M1", patient_birth_date=BORN)
    field = Inquiry._meta.get_field("patient_birth_date")

    def refuse(*args):
        raise AssertionError("decrypted in the list")

    monkeypatch.setattr(field, "from_db_value", refuse)
    page = admissions_client.get("/admin/intake/insuranceverification/")
    assert page.status_code == 200
    assert [a.text for a in select(page, "#result_list td.field-person a")] == ["Test Person"]


@pytest.mark.parametrize(
    ("typed", "saved"),
    [
        ({"inquiry_for": "myself"}, ("self", "Jo Caller", None)),  # not said: as "for myself" says
        (
            {"inquiry_for": "loved_one", "caller_relationship": "partner", "patient_name": "Sam Partner"},
            ("partner", "Sam Partner", None),
        ),
        (
            {
                "inquiry_for": "myself",
                "caller_relationship": "self",
                "patient_birth_date_month": "3",
                "patient_birth_date_day": "14",
                "patient_birth_date_year": "1990",
            },
            ("self", "Jo Caller", BORN),
        ),
    ],
)
def test_staff_adding_a_call_say_who_the_caller_is(admissions_client, typed, saved):
    data = {
        "channel": "phone", "received_as": "message", "language": "en", "referral_source": "", "referral_contact": "",
        "name": "Jo Caller", "phone": "818-555-0101", "email": "", "preferred_contact": "call", "best_time": "any",
        "level": "", "payment": "not_sure", "insurance_carrier": "", "message": "", "assigned_to": "",
        "follow_up_step": "", "follow_up_at_0": "", "follow_up_at_1": "", "follow_up_owner": "",
        "notifications-TOTAL_FORMS": "0", "notifications-INITIAL_FORMS": "0",
        **typed,
    }  # fmt: skip
    response = admissions_client.post("/admin/intake/inquiry/add/", data)
    assert response.status_code == 302, response.content.decode()[-1500:]
    inquiry = Inquiry.objects.get()
    assert (inquiry.caller_relationship, inquiry.patient_name, inquiry.patient_birth_date) == saved


def test_staff_saying_the_caller_calls_for_themselves_names_them_as_the_patient(admissions_client):
    inquiry = InquiryFactory(name="Maria Lopez", inquiry_for="loved_one")
    response = admissions_client.post(change_url(inquiry), inquiry_form(inquiry, caller_relationship="self"))
    assert response.status_code == 302
    saved = Inquiry.objects.get(pk=inquiry.pk)
    assert (saved.caller_relationship, saved.patient_name) == ("self", "Maria Lopez")
