"""The risk screen's scoring: the center's rules (RiskRule) applied to the answers. Plain functions of
plain values, so every answer pattern can be tried without a database."""

from dataclasses import dataclass

from .models import RISK_ORDER, RiskLevel, RiskRule


@dataclass(frozen=True)
class Answer:
    yes: bool
    recent: bool | None = None  # asked only after a yes to a question that asks recency


def rule_holds(rule, answer):
    if answer is None or not answer.yes:
        return False
    if rule.when == RiskRule.When.RECENT:
        return answer.recent is True
    if rule.when == RiskRule.When.LIFETIME:
        return answer.recent is not True
    return True


def skipped(question, answers):
    """Whether a question is not asked: it follows another (C-SSRS 3 to 5 follow 2) not answered yes."""
    if question.asked_after_id is None:
        return False
    before = answers.get(question.asked_after_id)
    return before is None or not before.yes


def asked(answers, questions):
    """The answers to the questions asked: those to skipped questions left out, so they score nothing."""
    skips = {question.pk for question in questions if skipped(question, answers)}
    return {pk: answer for pk, answer in answers.items() if pk not in skips}


def risk_level(answers, rules):
    """The gravest level of the rules that hold, or "none"; `answers` maps a question's id to its
    Answer, `rules` are RiskRule objects (or anything with question_id, when and level)."""
    levels = [rule.level for rule in rules if rule_holds(rule, answers.get(rule.question_id))]
    return max(levels, key=RISK_ORDER.index, default=RiskLevel.NONE)


def recent_behaviour(answers, questions):
    """A yes, within the past 3 months, to a question that asks recency (C-SSRS Q6): escalates
    whatever the rules say."""
    return any(
        question.asks_recency and (answer := answers.get(question.pk)) is not None and answer.yes and answer.recent
        for question in questions
    )


def escalates(level, recent):
    return level == RiskLevel.HIGH or recent
