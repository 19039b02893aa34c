"""The screen's outcome: accepted for a level, or not a fit with a reason and where they were referred."""

import pytest

from intake.models import Inquiry, StatusChange
from screening import services
from screening.models import ReferralOut

from ..factories import LevelFactory, NoteFactory
from ..markup import one, select, texts

pytestmark = pytest.mark.django_db


def save(client, inquiry, data):
    page = client.get(f"/admin/screening/screen/{inquiry.pk}/")
    data = {**data, "seen_updated_at": one(page, "#outcome input[name=seen_updated_at]").attrs["value"]}
    return client.post(f"/admin/screening/screen/{inquiry.pk}/save/outcome/", data)


def confirm(client, inquiry, level):
    page = client.get(f"/admin/screening/screen/{inquiry.pk}/")
    data = {
        "level": level.pk,
        "note": "Fits",
        "seen_updated_at": one(page, "#confirmation input[name=seen_updated_at]").attrs["value"],
    }
    assert client.post(f"/admin/screening/screen/{inquiry.pk}/save/confirmation/", data).status_code == 302


def test_accepted_needs_the_clinicians_confirmation_and_its_level(admissions_client, clinician_client, inquiry):
    iop = LevelFactory(name="Intensive outpatient program", short_name="IOP", slug="iop")
    php = LevelFactory(name="Partial hospitalization", short_name="PHP", slug="php")
    response = save(admissions_client, inquiry, {"outcome": "accepted", "level": iop.pk})
    assert texts(response, "#outcome .screen-error-summary li") == [
        "Outcome: A clinician confirms the level first (section 11): then record them accepted."
    ]
    confirm(clinician_client, inquiry, iop)
    # The level confirmed is offered.
    page = admissions_client.get(f"/admin/screening/screen/{inquiry.pk}/")
    assert one(page, "#outcome select[name=level] option[selected]").text == "Intensive outpatient program"
    response = save(admissions_client, inquiry, {"outcome": "accepted"})
    assert texts(response, "#outcome .screen-error-summary li") == [
        "Accepted for: Choose the level of care they are accepted for."
    ]
    response = save(admissions_client, inquiry, {"outcome": "accepted", "level": php.pk})
    assert texts(response, "#outcome .screen-error-summary li") == [
        "Accepted for: Accept them for the level the clinician confirmed: Intensive outpatient program."
    ]
    assert save(admissions_client, inquiry, {"outcome": "accepted", "level": iop.pk}).status_code == 302
    outcome = services.screen_of(inquiry.pk).outcomesection
    assert (outcome.outcome, outcome.level, outcome.not_fit_reason) == ("accepted", iop, "")


def test_not_a_fit_moves_the_inquiry_to_referred_out_on_its_timeline(admissions_client, admissions_user, inquiry):
    data = {"outcome": "not_a_fit", "not_fit_reason": "payer"}
    # The move dates a first contact: one is logged first.
    response = save(admissions_client, inquiry, data)
    assert texts(response, "#outcome .screen-error-summary li") == [
        "Outcome: “Referred out” would date a first contact, and no call, text or e-mail is logged. Log it first "
        "in “Log a contact”, at the top of this page."
    ]
    NoteFactory(inquiry=inquiry, outcome="reached")
    assert save(admissions_client, inquiry, data).status_code == 302
    inquiry.refresh_from_db()
    assert inquiry.status == "referred_out"
    assert list(StatusChange.objects.filter(inquiry=inquiry).values_list("from_status", "to_status", "by")) == [
        ("new", "referred_out", admissions_user.pk)
    ]
    # Saved again: not moved again.
    assert save(admissions_client, inquiry, {**data, "not_fit_reason": "declined"}).status_code == 302
    assert StatusChange.objects.filter(inquiry=inquiry).count() == 1


@pytest.mark.parametrize("status, said", [("admitted", "admitted"), ("closed", "closed")])
def test_once_admitted_or_closed_the_screen_is_read_only(admissions_client, inquiry, status, said):
    services.open_screen(inquiry, None)
    seen = one(admissions_client.get(f"/admin/screening/screen/{inquiry.pk}/"), "#reason input[name=seen_updated_at]")
    Inquiry.objects.filter(pk=inquiry.pk).update(status=status, close_reason="other" if status == "closed" else "")
    page = admissions_client.get(f"/admin/screening/screen/{inquiry.pk}/")
    assert one(page, ".screen-read-only-note").text == f"This screen is read-only: the inquiry is {said}."
    assert select(page, ".screen-section form") == []
    assert select(page, ".screen-section button") == []
    assert "disabled" in one(page, "#reason textarea").attrs
    assert texts(page, "#reason [data-status]") == [f"Read-only: the inquiry is {said}."]
    response = admissions_client.post(
        f"/admin/screening/screen/{inquiry.pk}/save/reason/",
        {"reason": "x", "seen_updated_at": seen.attrs["value"]},
        follow=True,
    )
    assert texts(response, "ul.messagelist li") == [
        f"Not saved: the inquiry is {said}, so its screen can no longer be changed."
    ]
    assert services.screen_of(inquiry.pk).reasonsection.reason == ""


def test_not_a_fit_needs_a_reason_and_may_name_a_referral(admissions_client, inquiry):
    NoteFactory(inquiry=inquiry, outcome="reached")
    hospital = ReferralOut.objects.create(name="County Hospital detox unit")
    ReferralOut.objects.create(name="Closed program", is_active=False)
    page = admissions_client.get(f"/admin/screening/screen/{inquiry.pk}/")
    assert texts(page, "#outcome select[name=referred_to] option") == ["---------", "County Hospital detox unit"]
    response = save(admissions_client, inquiry, {"outcome": "not_a_fit"})
    assert texts(response, "#outcome .screen-error-summary li") == [
        "Why not a fit: Choose why the center is not a fit."
    ]
    data = {"outcome": "not_a_fit", "not_fit_reason": "medical", "referred_to": hospital.pk}
    assert save(admissions_client, inquiry, data).status_code == 302
    outcome = services.screen_of(inquiry.pk).outcomesection
    assert (outcome.get_not_fit_reason_display(), outcome.referred_to) == ("Medical needs beyond the center", hospital)
