"""A save that does not come from the page as drawn: no stale-save stamp (or garbage in it) is refused
as stale, and a save that does not say which rows the page showed empties none of them."""

import pytest
from django.utils import timezone
from django.utils.formats import date_format

from admissions.screen.forms import FORM_OF
from screening import services
from screening.models import RiskAnswer, Substance, SubstanceUse

from ..markup import one, select

pytestmark = pytest.mark.django_db


def page_url(inquiry):
    return f"/admin/screening/screen/{inquiry.pk}/"


def save_url(inquiry, key):
    return f"/admin/screening/screen/{inquiry.pk}/save/{key}/"


def hidden(client, inquiry, key):
    """The hidden fields the page gives a section's form."""
    page = client.get(page_url(inquiry))
    return {field.attrs["name"]: field.attrs["value"] for field in select(page, f"#{key} input[type=hidden]")}


@pytest.fixture
def alcohol_saved(admissions_client, inquiry):
    alcohol = Substance.objects.get(name="Alcohol")
    data = {**hidden(admissions_client, inquiry, "substances"), f"s{alcohol.pk}_used": "on"}
    data[f"s{alcohol.pk}_frequency"] = "daily"
    assert admissions_client.post(save_url(inquiry, "substances"), data).status_code == 302
    return alcohol


@pytest.fixture
def risk_answered(admissions_client, inquiry, risk_questions):
    data = {**hidden(admissions_client, inquiry, "risk"), f"q{risk_questions[1].pk}": "no", "answered_by": "person"}
    assert admissions_client.post(save_url(inquiry, "risk"), data).status_code == 302
    return risk_questions


def refusal_of(inquiry, kind):
    section = services.sections_of(services.screen_of(inquiry.pk))[kind]
    when = date_format(timezone.localtime(section.updated_at), "N j, P")
    return (
        f"This form did not say which saved copy of the {FORM_OF[kind].title.lower()} section it was based on, so "
        f"nothing was saved (admissions-staff saved it last, at {when})."
    )


@pytest.mark.parametrize("stamp", [None, "", "yesterday", "2026-02-30T10:00:00+00:00", "2026-12-05T10:00:00"])
def test_a_substances_save_without_a_stamp_is_refused_and_keeps_what_was_typed(
    admissions_client, inquiry, alcohol_saved, stamp
):
    opioids = Substance.objects.get(name="Opioids (including fentanyl)")
    data = {f"s{opioids.pk}_used": "on", f"s{opioids.pk}_amount": "Two pills"}
    if stamp is not None:
        data["seen_updated_at"] = stamp
    response = admissions_client.post(save_url(inquiry, "substances"), data)
    assert response.status_code == 200
    assert one(response, "#substances #stale-refusal .stale-refusal-what").text == refusal_of(inquiry, "substances")
    assert one(response, f"#substances input[name=s{opioids.pk}_amount]").attrs["value"] == "Two pills"
    assert list(SubstanceUse.objects.values_list("substance", "frequency")) == [(alcohol_saved.pk, "daily")]


def test_a_risk_save_without_a_stamp_is_refused(admissions_client, inquiry, risk_answered):
    response = admissions_client.post(save_url(inquiry, "risk"), {})
    assert response.status_code == 200
    assert one(response, "#risk #stale-refusal .stale-refusal-what").text == refusal_of(inquiry, "risk")
    assert list(RiskAnswer.objects.values_list("question", "yes")) == [(risk_answered[1].pk, False)]


def test_saving_again_after_the_refusal_goes_through(admissions_client, inquiry, alcohol_saved):
    response = admissions_client.post(save_url(inquiry, "substances"), {})
    again = {field.attrs["name"]: field.attrs["value"] for field in select(response, "#substances input[type=hidden]")}
    assert admissions_client.post(save_url(inquiry, "substances"), again).status_code == 302
    assert SubstanceUse.objects.count() == 0  # the page showed every substance, none ticked


def test_a_save_that_does_not_say_which_rows_were_shown_empties_none(admissions_client, inquiry, alcohol_saved):
    stamp = hidden(admissions_client, inquiry, "substances")["seen_updated_at"]
    opioids = Substance.objects.get(name="Opioids (including fentanyl)")
    for rows_shown in [None, f"s{opioids.pk}", "garbage"]:
        data = {"seen_updated_at": stamp, f"s{opioids.pk}_used": "on"}
        if rows_shown is not None:
            data["rows_shown"] = rows_shown
        assert admissions_client.post(save_url(inquiry, "substances"), data).status_code == 302
        stamp = hidden(admissions_client, inquiry, "substances")["seen_updated_at"]
        assert list(SubstanceUse.objects.order_by("substance__position").values_list("substance", flat=True)) == [
            alcohol_saved.pk,
            opioids.pk,
        ]


def test_a_risk_save_that_does_not_say_which_questions_were_shown_empties_none(
    admissions_client, inquiry, risk_answered
):
    stamp = hidden(admissions_client, inquiry, "risk")["seen_updated_at"]
    assert admissions_client.post(save_url(inquiry, "risk"), {"seen_updated_at": stamp}).status_code == 302
    assert list(RiskAnswer.objects.values_list("question", "yes")) == [(risk_answered[1].pk, False)]
    # From the page as drawn, leaving the question unanswered empties it.
    assert (
        admissions_client.post(save_url(inquiry, "risk"), hidden(admissions_client, inquiry, "risk")).status_code == 302
    )
    assert RiskAnswer.objects.count() == 0


def test_the_page_says_which_rows_it_shows(admissions_client, inquiry, risk_questions):
    substances = " ".join(f"s{pk}" for pk in Substance.objects.filter(is_active=True).values_list("pk", flat=True))
    assert hidden(admissions_client, inquiry, "substances")["rows_shown"] == substances
    questions = " ".join(f"q{question.pk}" for question in sorted(risk_questions.values(), key=lambda q: q.position))
    assert hidden(admissions_client, inquiry, "risk")["rows_shown"] == questions
