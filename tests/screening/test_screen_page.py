"""The screen's page: who may open it, each section saved on its own (refused when stale, keeping
what was typed), every view, change and print in the access log, the link from the workspace."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.utils import timezone
from django.utils.formats import date_format

from intake.models import AccessRecord, InsuranceVerification
from screening import services
from screening.models import RiskAnswer, Substance, SubstanceUse

from ..factories import UserFactory
from ..markup import cells, definition, one, select, texts

pytestmark = pytest.mark.django_db

CENTER = ZoneInfo("America/Los_Angeles")


def page_url(inquiry):
    return f"/admin/screening/screen/{inquiry.pk}/"


def save_url(inquiry, key):
    return f"/admin/screening/screen/{inquiry.pk}/save/{key}/"


def seen(client, inquiry, key):
    """The stale-save stamp the page gives a section's form."""
    page = client.get(page_url(inquiry))
    return one(page, f"#{key} input[name=seen_updated_at]").attrs["value"]


def records(inquiry):
    return list(AccessRecord.objects.filter(inquiry_ref=inquiry.pk).order_by("pk").values_list("action", "detail"))


def test_the_page_shows_the_sections_in_order_and_is_logged(admissions_client, inquiry, risk_questions):
    response = admissions_client.get(page_url(inquiry))
    assert response.status_code == 200
    assert texts(response, ".screen-section > h2") == [
        "1. Reason for calling", "2. Substances", "3. Withdrawal", "4. Medical", "5. Mental health",
        "6. Risk screen", "7. Legal", "8. Living situation and safety", "9. Payer",
        "10. Provisional level of care", "11. Clinician's confirmation", "12. Outcome",
    ]  # fmt: skip
    assert texts(response, "#substances legend") == [substance.name for substance in Substance.objects.all()]
    assert texts(response, "#risk legend")[:3] == [
        "Who answered",
        "1. In the past month, have you wished you were dead or wished you could go to sleep and not wake up?",
        "2. In the past month, have you actually had any thoughts about killing yourself?",
    ]
    assert one(response, "#reason label").text == "Reason for calling, in their words"
    assert one(response, "#reason label").attrs["for"] == one(response, "#reason textarea").attrs["id"]
    # Coordinators see the clinician's part, not its form.
    assert select(response, "#confirmation form") == []
    assert records(inquiry) == [("view", "pre-admission screen")]


@pytest.mark.parametrize("group, status", [("Content editors", 403), ("Reviewers", 403), ("Clinicians", 200)])
def test_only_admissions_clinicians_and_superusers_open_it(inquiry, group, status):
    client = Client()
    client.force_login(UserFactory(group=group))
    assert client.get(page_url(inquiry)).status_code == status
    if status == 403:
        assert client.post(save_url(inquiry, "reason"), {"reason": "x"}).status_code == 403


def test_superuser_opens_it(client, superuser, inquiry):
    client.force_login(superuser)
    assert client.get(page_url(inquiry)).status_code == 200


@pytest.mark.parametrize("number", ["012", "+12", "abc"])
def test_only_plain_numbers_name_an_inquiry(admissions_client, number):
    assert admissions_client.get(f"/admin/screening/screen/{number}/").status_code == 404


def test_a_section_saves_on_its_own_and_says_when(admissions_client, admissions_user, inquiry):
    stamp = seen(admissions_client, inquiry, "reason")
    response = admissions_client.post(
        save_url(inquiry, "reason"), {"reason": "My drinking is out of control", "seen_updated_at": stamp}
    )
    assert response.status_code == 302
    assert response["Location"] == f"/admin/screening/screen/{inquiry.pk}/?saved=reason#reason"
    page = admissions_client.get(response["Location"])
    section = services.screen_of(inquiry.pk).reasonsection
    assert one(page, "#reason [data-status]").text == "Saved at " + date_format(
        section.updated_at.astimezone(CENTER), "g:i A"
    )
    assert one(page, "#reason textarea").text == "My drinking is out of control"
    assert one(page, "#withdrawal [data-status]").text == ""
    assert (section.reason, section.updated_by, section.saved) == (
        "My drinking is out of control",
        admissions_user,
        True,
    )
    assert records(inquiry) == [
        ("view", "pre-admission screen"),
        ("change", "pre-admission screen: reason for calling"),
        ("view", "pre-admission screen"),
    ]


def test_a_save_based_on_an_old_copy_is_refused_and_keeps_what_was_typed(admissions_client, inquiry):
    stamp = seen(admissions_client, inquiry, "medical")
    colleague = Client()
    colleague.force_login(UserFactory(username="colleague", first_name="Ana", last_name="Ruiz", group="Admissions"))
    colleague.post(save_url(inquiry, "medical"), {"conditions": "Asthma", "seen_updated_at": stamp})
    response = admissions_client.post(
        save_url(inquiry, "medical"), {"conditions": "Diabetes", "medications": "Metformin", "seen_updated_at": stamp}
    )
    assert response.status_code == 200
    refusal = one(response, "#medical #stale-refusal .stale-refusal-what").text
    assert refusal.startswith("Ana Ruiz saved this medical section at ")
    assert refusal.endswith(", after you opened it, so nothing was saved.")
    assert one(response, "#medical textarea[name=conditions]").text == "Diabetes"
    assert one(response, "#medical textarea[name=medications]").text == "Metformin"
    assert services.screen_of(inquiry.pk).medicalsection.conditions == "Asthma"
    # Saving again is a choice made with the difference in view.
    again = one(response, "#medical input[name=seen_updated_at]").attrs["value"]
    admissions_client.post(save_url(inquiry, "medical"), {"conditions": "Diabetes", "seen_updated_at": again})
    assert services.screen_of(inquiry.pk).medicalsection.conditions == "Diabetes"
    assert records(inquiry)[-2][1] == "pre-admission screen: shown after a refused save"


def test_substances_are_saved_per_substance(admissions_client, inquiry):
    alcohol, opioids = Substance.objects.all()[:2]
    stamp = seen(admissions_client, inquiry, "substances")
    data = {
        "seen_updated_at": stamp,
        f"s{alcohol.pk}_used": "on", f"s{alcohol.pk}_route": "oral", f"s{alcohol.pk}_frequency": "daily",
        f"s{alcohol.pk}_amount": "A fifth of vodka", f"s{alcohol.pk}_heavy": "on",
        f"s{alcohol.pk}_last_date": "2026-12-04", f"s{alcohol.pk}_last_time": "22:15",
        f"s{opioids.pk}_amount": "Some pills",
    }  # fmt: skip
    response = admissions_client.post(save_url(inquiry, "substances"), data)
    assert response.status_code == 200
    assert texts(response, "#substances .screen-error-summary li") == [
        "Uses opioids (including fentanyl): Tick “Uses opioids (including fentanyl)”, or clear its details."
    ]
    assert SubstanceUse.objects.count() == 0
    del data[f"s{opioids.pk}_amount"]
    data["seen_updated_at"] = one(response, "#substances input[name=seen_updated_at]").attrs["value"]
    assert admissions_client.post(save_url(inquiry, "substances"), data).status_code == 302
    use = SubstanceUse.objects.get()
    assert (use.substance, use.route, use.frequency, use.heavy, use.amount, use.last_use) == (
        alcohol,
        "oral",
        "daily",
        True,
        "A fifth of vodka",
        datetime(2026, 12, 4, 22, 15, tzinfo=CENTER),
    )
    page = admissions_client.get(page_url(inquiry))
    assert one(page, ".detox-flag").text.startswith("Medical detox evaluation needed")
    assert one(page, f"#id_substances_s{alcohol.pk}_last_time").attrs["value"] == "22:15"


def test_the_payer_is_linked_to_the_inquirys_verification(admissions_client, inquiry):
    verification = InsuranceVerification.objects.create(
        inquiry=inquiry, carrier="aetna", member_id="W123", patient_birth_date="1990-01-01"
    )
    page = admissions_client.get(page_url(inquiry))
    chosen = one(page, "#payer select[name=verification] option[selected]")
    assert (chosen.attrs["value"], chosen.text) == (str(verification.pk), f"#{verification.pk}, Aetna (requested)")


def test_the_workspace_links_to_the_screen(admissions_client, inquiry):
    page = admissions_client.get(f"/admin/intake/inquiry/{inquiry.pk}/change/")
    assert definition(page, "Pre-admission screen") == "Open the screen · Not screened yet"
    links = [(a.attrs["href"], a.attrs["class"]) for a in select(page, ".workspace-screen dd > a")]
    # A button, not a link inside the text: told apart by more than its colour (axe link-in-text-block).
    assert links == [(page_url(inquiry), "button workspace-screen-link")]


def test_the_printable_summary_is_logged(admissions_client, inquiry, risk_questions):
    admissions_client.get(page_url(inquiry))
    screen = services.screen_of(inquiry.pk)
    screen.reasonsection.reason = "Wants to stop using"
    screen.reasonsection.save()
    RiskAnswer.objects.create(section=screen.risksection, question=risk_questions[1], yes=True)
    services.refresh(screen)
    response = admissions_client.get(f"/admin/screening/screen/{inquiry.pk}/print/")
    assert response.status_code == 200
    assert one(response, "h1").text == f"Pre-admission screen, inquiry #{inquiry.pk}"
    assert texts(response, "h2")[1] == "Reason for calling"
    assert texts(response, "h2")[6] == "Risk screen: Low risk"
    assert records(inquiry)[-1] == ("view", "pre-admission screen: printed summary")


def test_a_stale_refusal_of_the_substances_lists_each_substances_differences(admissions_client, inquiry):
    alcohol = Substance.objects.get(name="Alcohol")
    stamp = seen(admissions_client, inquiry, "substances")
    colleague = Client()
    colleague.force_login(UserFactory(username="colleague", first_name="Ana", last_name="Ruiz", group="Admissions"))
    mine = {f"s{alcohol.pk}_used": "on", f"s{alcohol.pk}_frequency": "weekly", "seen_updated_at": stamp}
    colleague.post(save_url(inquiry, "substances"), {**mine, f"s{alcohol.pk}_frequency": "daily"})
    response = admissions_client.post(save_url(inquiry, "substances"), mine)
    assert response.status_code == 200
    table = one(response, "#substances .stale-differences")
    assert cells(table) == [["Alcohol: how often", "Daily", "Weekly"]]
    chosen = one(response, f"#substances select[name=s{alcohol.pk}_frequency] option[selected]")
    assert chosen.attrs["value"] == "weekly"
    assert SubstanceUse.objects.get().frequency == "daily"


def test_short_answers_are_radio_buttons_with_no_blank_one(admissions_client, inquiry):
    page = admissions_client.get(page_url(inquiry))
    for key, name in [
        ("withdrawal", "seizures"), ("withdrawal", "delirium_tremens"), ("withdrawal", "hospitalised"),
        ("legal", "court_ordered"), ("legal", "probation"), ("living", "safe_at_home"),
    ]:  # fmt: skip
        buttons = select(page, f"#{key} input[name={name}]")
        assert [(button.attrs["type"], button.attrs["value"]) for button in buttons] == [
            ("radio", "yes"), ("radio", "no"), ("radio", "unknown"),
        ], name  # fmt: skip
        assert [button for button in buttons if "checked" in button.attrs] == []
        assert [button.parent.text for button in buttons] == ["Yes", "No", "Not known"]
    assert select(page, "#withdrawal select") == []
    pregnancy = select(page, "#medical input[name=pregnancy]")
    assert [button.attrs["value"] for button in pregnancy] == ["na", "no", "yes", "unknown"]
    assert [button for button in pregnancy if "checked" in button.attrs] == []


def test_pregnancy_is_not_applicable_by_default_for_a_person_male_at_birth(admissions_client, inquiry):
    inquiry.patient_sex_at_birth = "male"
    inquiry.save()
    page = admissions_client.get(page_url(inquiry))
    assert [button.attrs["value"] for button in select(page, "#medical input[name=pregnancy][checked]")] == ["na"]
    # Once saved, what was saved is shown.
    stamp = one(page, "#medical input[name=seen_updated_at]").attrs["value"]
    admissions_client.post(save_url(inquiry, "medical"), {"seen_updated_at": stamp, "pregnancy": "unknown"})
    page = admissions_client.get(page_url(inquiry))
    assert [button.attrs["value"] for button in select(page, "#medical input[name=pregnancy][checked]")] == ["unknown"]


def test_the_page_and_the_summary_name_the_person(admissions_client, inquiry):
    today = timezone.localdate()
    inquiry.patient_name = "Sam Person"
    inquiry.patient_birth_date = date(today.year - 34, 1, 1)
    inquiry.patient_sex_at_birth = "female"
    inquiry.caller_relationship = "parent"
    inquiry.save()
    expected = [
        ("Person", "Sam Person"),
        ("Age", "34"),
        ("Sex at birth", "Female"),
        ("Caller", "Casey Caller (parent)"),
    ]
    for url in (page_url(inquiry), f"/admin/screening/screen/{inquiry.pk}/print/"):
        page = admissions_client.get(url)
        person = one(page, "dl.screen-person")
        assert list(zip(texts(person, "dt"), texts(person, "dd"), strict=True)) == expected


def test_a_person_not_yet_named_is_said_so(admissions_client, inquiry):
    page = admissions_client.get(page_url(inquiry))
    person = one(page, "dl.screen-person")
    assert texts(person, "dd") == ["Name not given", "Not known", "Not said", "Casey Caller"]


@pytest.mark.parametrize(
    "born, today, age",
    [("1990-06-15", "2026-06-14", 35), ("1990-06-15", "2026-06-15", 36), ("2000-02-29", "2026-02-28", 25)],
)
def test_age_in_whole_years(born, today, age):
    class Person:
        patient_birth_date = date.fromisoformat(born)

    assert services.age_of(Person(), today=date.fromisoformat(today)) == age
