"""An admitted inquiry is read-only in the admin except for notes: every field shown as it is, no Save,
a POST refused with a clear message and nothing changed; "Log a contact" still adds to it."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from census import services as census_services
from intake import services
from intake.models import AccessRecord, Assessment, Inquiry, Note, StatusChange

from ..factories import InquiryFactory, NoteFactory, ProgramFactory
from ..intake_helpers import assessment_form, inquiry_form
from ..markup import one, select, texts

pytestmark = pytest.mark.django_db

REFUSED = (
    "Inquiry #{} is admitted: its record is read-only. Add notes and contacts with “Log a contact”; nothing else "
    "was changed."
)


def change_url(inquiry):
    return f"/admin/intake/inquiry/{inquiry.pk}/change/"


@pytest.fixture
def admitted(admissions_user):
    inquiry = InquiryFactory(
        name="Maria Lopez",
        patient_name="Dani Lopez",
        patient_birth_date=date(2004, 6, 1),
        status="admitted",
        first_contact_at=timezone.now() - timedelta(days=3),
        message="Asked about residential.",
    )
    Assessment.objects.create(
        inquiry=inquiry, starts_at=timezone.now() - timedelta(days=1), assessor=admissions_user, mode="video"
    )
    return Inquiry.objects.get(pk=inquiry.pk)


def test_every_field_is_shown_read_only_and_there_is_no_save(admissions_client, admitted):
    page = admissions_client.get(change_url(admitted))
    assert page.status_code == 200
    form = one(page, "form#inquiry_form")
    boxes = [
        element.attrs.get("name")
        for element in form.select("input") + form.select("select") + form.select("textarea")
        if element.attrs.get("type") != "hidden"
    ]
    assert boxes == []  # no box to type in, only the form's hidden fields
    assert form.select("div.submit-row input[type=submit]") == []
    assert one(form, "div.field-name div.readonly").text == "Maria Lopez"
    assert one(form, "div.field-patient_birth_date div.readonly").text == "June 1, 2004"
    assert one(form, "div.field-assessment_shown div.readonly").text.endswith(", by video, with admissions-staff")
    assert one(page, "p.read-only-banner").text == (
        "Admitted: this record is read-only. Add notes and contacts with “Log a contact” below; nothing else can be "
        "changed."
    )
    # Notes are still added, at the top of the page.
    assert one(page, "form.log-contact").attrs["action"] == f"/admin/intake/inquiry/{admitted.pk}/log-contact/"


def test_a_post_changing_a_field_is_refused_and_changes_nothing(admissions_client, admitted):
    before = Inquiry.objects.values().get(pk=admitted.pk)
    records = AccessRecord.objects.count()
    form = inquiry_form(admitted, name="Someone Else", status="contacted", message="Changed.")
    response = admissions_client.post(change_url(admitted), form)
    assert (response.status_code, response["Location"]) == (302, change_url(admitted))
    assert Inquiry.objects.values().get(pk=admitted.pk) == before
    assert not StatusChange.objects.exists()
    assert AccessRecord.objects.count() == records  # nothing changed, nothing shown
    page = admissions_client.get(response["Location"])
    assert texts(page, "ul.messagelist li") == [REFUSED.format(admitted.pk)]


def test_a_post_moving_its_assessment_is_refused_too(admissions_client, admitted, admissions_user):
    before = Assessment.objects.values().get()
    later = timezone.now() + timedelta(days=2)
    form = inquiry_form(admitted, status="assessment_scheduled", **assessment_form(admissions_user, later))
    assert admissions_client.post(change_url(admitted), form).status_code == 302
    assert Assessment.objects.values().get() == before
    assert Inquiry.objects.get(pk=admitted.pk).status == "admitted"


def test_notes_and_contacts_are_still_logged(admissions_client, admitted):
    response = admissions_client.post(
        f"/admin/intake/inquiry/{admitted.pk}/log-contact/", {"kind": "note", "text": "Settled in well."}
    )
    assert response.status_code == 302
    assert list(Note.objects.filter(inquiry=admitted).values_list("kind", "text")) == [("note", "Settled in well.")]
    assert Inquiry.objects.get(pk=admitted.pk).status == "admitted"


def test_the_service_refuses_an_edit_of_an_admitted_inquiry(admissions_user, admitted):
    admitted.message = "Changed."
    with pytest.raises(ValidationError) as refused:
        services.edit_inquiry(inquiry=admitted, by=admissions_user, changed={"message": "Asked about residential."})
    assert refused.value.messages == [REFUSED.format(admitted.pk)]
    assert Inquiry.objects.get(pk=admitted.pk).message == "Asked about residential."


def test_assign_to_me_leaves_an_admitted_inquiry_as_it_was(admissions_client, admissions_user, admitted):
    other = InquiryFactory(status="contacted")
    response = admissions_client.post(
        "/admin/intake/inquiry/?status=all",  # the admitted are listed under "All but spam"
        {"action": "assign_to_me", "_selected_action": [admitted.pk, other.pk]},
        follow=True,
    )
    assert texts(response, "ul.messagelist li") == [
        "1 inquiry assigned to you. 1 admitted left as they were: an admitted inquiry is read-only."
    ]
    assigned = dict(Inquiry.objects.values_list("pk", "assigned_to"))
    assert assigned == {admitted.pk: None, other.pk: admissions_user.pk}


def test_the_inquiry_page_sends_an_admission_to_the_census(admissions_client):
    inquiry = InquiryFactory(status="contacted")
    NoteFactory(inquiry=inquiry, outcome="reached")
    response = admissions_client.post(change_url(inquiry), inquiry_form(inquiry, status="admitted"))
    assert response.status_code == 200
    assert texts(response, "div.field-status ul.errorlist li") == [services.pipeline.ADMIT_ON_THE_CENSUS]
    inquiry.refresh_from_db()
    assert inquiry.status == "contacted"


def test_admitting_on_the_census_records_the_place_and_makes_the_inquiry_read_only(admissions_client, admissions_user):
    inquiry = InquiryFactory(status="contacted")
    NoteFactory(inquiry=inquiry, outcome="reached")
    program = ProgramFactory()
    stay = census_services.admit(
        inquiry=inquiry, level=program.level, program=program, on=timezone.localdate(), by=admissions_user
    )
    assert (stay.inquiry_id, stay.level_id, stay.program_id) == (inquiry.pk, program.level_id, program.pk)
    page = admissions_client.get(change_url(inquiry))
    assert one(page, "div.field-status div.readonly").text == "Admitted"
    assert select(page, "select#id_status") == []
