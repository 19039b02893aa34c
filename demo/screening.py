"""The demo center's screen: the six questions of the Columbia Suicide Severity Rating Scale (C-SSRS)
screener as published by the Columbia Lighthouse Project, with the screener's triage to low, moderate
and high risk; level-of-care rules; places people are referred out to. The center confirms the
Columbia Lighthouse Project's terms of use before using the questions (README)."""

from screening.models import LevelRule, ReferralOut, RiskQuestion, RiskRule

# (position, text, note for the coordinator, asks recency), from the C-SSRS Screen Version.
CSSRS_QUESTIONS = [
    (1, "In the past month, have you wished you were dead or wished you could go to sleep and not wake up?", "", False),
    (2, "In the past month, have you actually had any thoughts about killing yourself?",
     "If yes, ask questions 3, 4 and 5. If no, go to question 6.", False),
    (3, "In the past month, have you been thinking about how you might do this?",
     "For example: “I thought about taking an overdose but I never made a specific plan as to when, where or how "
     "I would actually do it… and I would never go through with it.”", False),
    (4, "In the past month, have you had these thoughts and had some intention of acting on them?",
     "As opposed to “I have the thoughts but I definitely will not do anything about them.”", False),
    (5, "In the past month, have you started to work out or worked out the details of how to kill yourself? "
     "Do you intend to carry out this plan?", "", False),
    (6, "Have you ever done anything, started to do anything, or prepared to do anything to end your life?",
     "Examples: collected pills, obtained a gun, gave away valuables, wrote a will or suicide note, took out pills "
     "but didn't swallow any, held a gun but changed your mind or it was grabbed from your hand, went to the roof "
     "but didn't jump; or actually took pills, tried to shoot yourself, cut yourself, tried to hang yourself, etc.",
     True),
]  # fmt: skip

# The screener's triage: yes to 1 or 2 only, low; yes to 3, moderate; yes to 4 or 5, or 6 within the
# past 3 months, high; 6 only longer ago, moderate.
CSSRS_RULES = [
    (1, RiskRule.When.YES, "low"),
    (2, RiskRule.When.YES, "low"),
    (3, RiskRule.When.YES, "moderate"),
    (4, RiskRule.When.YES, "high"),
    (5, RiskRule.When.YES, "high"),
    (6, RiskRule.When.RECENT, "high"),
    (6, RiskRule.When.LIFETIME, "moderate"),
]

# (position, fact, level slug): the first that holds proposes its level.
LEVEL_RULES = [
    (10, "withdrawal_red_flag", "medical-detox"),
    (20, "high_risk", "residential"),
    (30, "no_safe_place", "residential"),
    (40, "injection", "residential"),
    (50, "daily_use", "partial-hospitalization"),
    (60, "court_ordered", "intensive-outpatient"),
    (70, "any_use", "intensive-outpatient"),
]

REFERRALS_OUT = [
    ("County Hospital detox unit", "Hospital detox", "(818) 555-0140"),
    ("Valley Adolescent Recovery", "Adolescent program", "(818) 555-0141"),
    ("Harbor Psychiatric Hospital", "Inpatient psychiatry", "(818) 555-0142"),
    ("Eastside Community Clinic", "Medicaid outpatient", "(818) 555-0143"),
]


def load_risk_screen():
    """The C-SSRS screener's questions and scoring; safe to run again."""
    questions = {}
    for position, text, note, recency in CSSRS_QUESTIONS:
        questions[position], _ = RiskQuestion.objects.update_or_create(
            position=position, defaults={"text": text, "note": note, "asks_recency": recency}
        )
    for position, when, level in CSSRS_RULES:
        RiskRule.objects.update_or_create(question=questions[position], when=when, defaults={"level": level})
    return questions


def load_screening(levels):
    """The risk screen, the level rules (for the demo levels, {slug: level}) and the referrals out."""
    load_risk_screen()
    for position, fact, slug in LEVEL_RULES:
        LevelRule.objects.update_or_create(position=position, defaults={"fact": fact, "level": levels[slug]})
    for name, kind, phone in REFERRALS_OUT:
        ReferralOut.objects.update_or_create(name=name, defaults={"kind": kind, "phone": phone})
