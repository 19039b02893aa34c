"""The C-SSRS screener's scoring as load_demo loads it, for every answer pattern: the six questions
yes or no, and question 6's yes within the past 3 months or only longer ago."""

from itertools import product

import pytest

from screening.models import RiskRule
from screening.scoring import Answer, recent_behaviour, risk_level

pytestmark = pytest.mark.django_db


def triage(yes, q6_recent):
    """The screener's triage, said plainly: 4 or 5, or 6 within 3 months, high; 3, or 6 only longer
    ago, moderate; 1 or 2 only, low; all no, none."""
    q1, q2, q3, q4, q5, q6 = yes
    if q4 or q5 or (q6 and q6_recent):
        return "high"
    if q3 or q6:
        return "moderate"
    if q1 or q2:
        return "low"
    return "none"


def patterns():
    for yes in product([False, True], repeat=6):
        for recent in [True, False] if yes[5] else [None]:
            yield yes, recent


def test_every_answer_pattern_scores_as_the_screener_triages(risk_questions):
    rules = list(RiskRule.objects.all())
    scored, expected = {}, {}
    for yes, recent in patterns():
        answers = {question.pk: Answer(said) for said, question in zip(yes, risk_questions.values(), strict=True)}
        answers[risk_questions[6].pk] = Answer(yes[5], recent if yes[5] else None)
        scored[yes, recent] = risk_level(answers, rules)
        expected[yes, recent] = triage(yes, recent)
    assert len(scored) == 96  # 2^6 patterns, and each yes to question 6 either recent or not
    assert scored == expected


def test_only_a_recent_yes_to_question_six_is_recent_behaviour(risk_questions):
    questions = list(risk_questions.values())
    q6 = risk_questions[6].pk
    assert recent_behaviour({q6: Answer(True, True)}, questions) is True
    assert recent_behaviour({q6: Answer(True, False)}, questions) is False
    assert recent_behaviour({q6: Answer(False)}, questions) is False
    everything_else = {question.pk: Answer(True) for question in questions[:5]}
    assert recent_behaviour(everything_else, questions) is False


def test_no_answers_and_no_rules_report_no_risk(risk_questions):
    assert risk_level({}, RiskRule.objects.all()) == "none"
    assert risk_level({risk_questions[5].pk: Answer(True)}, []) == "none"
