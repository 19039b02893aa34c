"""C-SSRS skip logic: with a no to question 2, questions 3 to 5 are not asked: whatever is sent for them
is neither stored nor scored, and the page says they are skipped."""

import pytest

from screening import scoring, services
from screening.models import RiskAnswer, RiskRule

from ..markup import one, select

pytestmark = pytest.mark.django_db


def page_url(inquiry):
    return f"/admin/screening/screen/{inquiry.pk}/"


def answer(client, inquiry, questions, said):
    """`said`: {position: "yes" or "no"}, sent with the page's hidden fields."""
    page = client.get(page_url(inquiry))
    data = {field.attrs["name"]: field.attrs["value"] for field in select(page, "#risk input[type=hidden]")}
    data["answered_by"] = "person"
    data.update({f"q{questions[position].pk}": value for position, value in said.items()})
    if said.get(6) == "yes":
        data[f"q{questions[6].pk}_recent"] = "no"
    response = client.post(f"/admin/screening/screen/{inquiry.pk}/save/risk/", data)
    assert response.status_code == 302
    return response


def stored(inquiry):
    rows = RiskAnswer.objects.filter(section__screen__inquiry=inquiry).select_related("question")
    return sorted((row.question.position, row.yes) for row in rows)


def notes(client, inquiry):
    """Each question's number and the note under it, as the page says them."""
    page = client.get(page_url(inquiry))
    return {
        one(fieldset, "legend").text.split(".")[0]: one(fieldset, "p.help").text
        for fieldset in select(page, "#risk fieldset")
        if select(fieldset, "p.help") and not one(fieldset, "legend").text.startswith("If yes")
    }


def test_a_no_to_question_2_skips_3_to_5(admissions_client, inquiry, risk_questions):
    said = {1: "yes", 2: "no", 3: "yes", 4: "yes", 5: "yes", 6: "no"}
    answer(admissions_client, inquiry, risk_questions, said)
    assert stored(inquiry) == [(1, True), (2, False), (6, False)]
    screen = services.screen_of(inquiry.pk)
    assert (screen.risksection.risk_level, services.needs_crisis_card(screen)) == ("low", False)
    skipped = "Skipped: question 2 is not answered yes, so this is not asked."
    assert notes(admissions_client, inquiry) == {
        "2": "If yes, ask questions 3, 4 and 5. If no, go to question 6.",
        "3": f"{skipped} {risk_questions[3].note}",
        "4": f"{skipped} {risk_questions[4].note}",
        "5": skipped,
        "6": risk_questions[6].note,
    }


def test_a_yes_to_question_2_asks_them(admissions_client, inquiry, risk_questions):
    answer(admissions_client, inquiry, risk_questions, {1: "yes", 2: "yes", 3: "yes", 4: "no", 5: "no", 6: "no"})
    assert stored(inquiry) == [(1, True), (2, True), (3, True), (4, False), (5, False), (6, False)]
    assert services.screen_of(inquiry.pk).risksection.risk_level == "moderate"
    assert notes(admissions_client, inquiry)["5"] == "Asked because question 2 is answered yes."
    # Question 2 answered no after all: the answers to 3 to 5 go.
    answer(admissions_client, inquiry, risk_questions, {1: "yes", 2: "no", 6: "no"})
    assert stored(inquiry) == [(1, True), (2, False), (6, False)]
    assert services.screen_of(inquiry.pk).risksection.risk_level == "low"


def test_scoring_ignores_answers_to_skipped_questions(risk_questions):
    answers = {risk_questions[2].pk: scoring.Answer(False), risk_questions[4].pk: scoring.Answer(True)}
    asked = scoring.asked(answers, risk_questions.values())
    assert asked == {risk_questions[2].pk: scoring.Answer(False)}
    assert scoring.risk_level(asked, RiskRule.objects.all()) == "none"
