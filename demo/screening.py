"""The demo center's screen: the six questions of the Columbia Suicide Severity Rating Scale (C-SSRS)
screener as published by the Columbia Lighthouse Project, with the screener's triage to low, moderate
and high risk; level-of-care rules; places people are referred out to. The center confirms the
Columbia Lighthouse Project's terms of use before using the questions (README)."""

import importlib
from datetime import timedelta

from django.apps import apps
from django.contrib.auth import get_user_model
from django.utils import timezone

from intake.models import Inquiry
from screening import services
from screening.models import (
    LevelRule,
    ReferralOut,
    RiskAnswer,
    RiskQuestion,
    RiskRule,
    Screen,
    Substance,
    SubstanceUse,
)

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
    # Skip logic: 3, 4 and 5 are asked only after a yes to 2.
    RiskQuestion.objects.filter(position__in=[3, 4, 5]).update(asked_after=questions[2])
    for position in (3, 4, 5):
        questions[position].asked_after = questions[2]
    return questions


def load_substances():
    """The substance list as its migration makes it: a flushed database (a test's) has lost it."""
    made = importlib.import_module("screening.migrations.0002_substances")
    made.add_substances(apps, None)


def load_screening(levels):
    """The substances, the risk screen, the level rules (for the demo levels, {slug: level}) and the
    referrals out."""
    load_substances()
    load_risk_screen()
    for position, fact, slug in LEVEL_RULES:
        LevelRule.objects.update_or_create(position=position, defaults={"fact": fact, "level": levels[slug]})
    for name, kind, phone in REFERRALS_OUT:
        ReferralOut.objects.update_or_create(name=name, defaults={"kind": kind, "phone": phone})
    return load_demo_screens(levels)


def _answer(screen, questions, yes, recent=None):
    for position, question in questions.items():
        said = position in yes
        if question.asked_after_id and question.asked_after.position not in yes:
            continue  # skipped: asked only after a yes to the question before
        RiskAnswer.objects.update_or_create(
            section=screen.risksection,
            question=question,
            defaults={"yes": said, "recent": recent if said and question.asks_recency else None},
        )


def _save(section, by, **values):
    for name, value in values.items():
        setattr(section, name, value)
    section.saved, section.updated_by = True, by
    section.save()


def _use(screen, name, **values):
    SubstanceUse.objects.update_or_create(
        section=screen.substancesection, substance=Substance.objects.get(name=name), defaults=values
    )


def load_demo_screens(levels):
    """Screens in each state, on the demo inquiries that have none yet: blank (A), partial (B), high
    risk escalated (C), recommended (D), confirmed and not a fit, referred out (E). How many were made."""
    questions = {question.position: question for question in RiskQuestion.objects.all()}
    coordinator = get_user_model().objects.filter(username="admissions").first()
    clinician = get_user_model().objects.filter(username="clinician").first()
    now = timezone.now()
    made = 0
    for name in ["Demo Person A", "Demo Person B", "Demo Person C", "Demo Person D", "Demo Person E"]:
        inquiry = Inquiry.objects.filter(name=name).first()
        if inquiry is None or Screen.objects.filter(inquiry=inquiry).exists():
            continue
        screen = services.open_screen(inquiry, coordinator)
        made += 1
        if name == "Demo Person A":
            continue  # blank: opened, nothing saved yet
        _save(screen.reasonsection, coordinator, reason="Wants to stop drinking before it costs them their job.")
        _use(screen, "Alcohol", route="oral", frequency="daily", amount="About a fifth of vodka a day",
             heavy=True, last_use=now - timedelta(hours=10))  # fmt: skip
        _save(screen.substancesection, coordinator)
        if name == "Demo Person B":
            services.refresh(screen)
            continue  # partial: the call dropped after the substances
        _save(screen.withdrawalsection, coordinator, seizures="no", delirium_tremens="no", hospitalised="no",
              current_symptoms="Shaky hands in the morning.")  # fmt: skip
        _save(screen.medicalsection, coordinator, conditions="High blood pressure.", pregnancy="na",
              medications="Lisinopril 10 mg", prescribers="Family doctor")  # fmt: skip
        _save(screen.mentalhealthsection, coordinator, history="Depression, treated 2019.", current_treatment="None.")
        if name == "Demo Person C":
            _answer(screen, questions, yes={1, 2, 3, 4})
            _save(screen.risksection, coordinator)
            services.refresh(screen)
            Screen.objects.filter(pk=screen.pk).update(
                escalated_at=now - timedelta(minutes=3), escalated_to=coordinator, on_call_notified_at=now
            )
            continue  # high risk, escalated
        _answer(screen, questions, yes={1})
        _save(screen.risksection, coordinator)
        _save(screen.legalsection, coordinator, court_ordered="no", probation="no")
        _save(screen.livingsection, coordinator, situation="family", safe_at_home="yes")
        _save(screen.payersection, coordinator, payer="commercial",
              verification=inquiry.verifications.first())  # fmt: skip
        services.refresh(screen)
        if name == "Demo Person E":
            screen = services.screen_of(inquiry.pk)
            _save(screen.confirmationsection, clinician, level=levels["residential"],
                  note="Daily heavy use; detox first is safer.", confirmed_by=clinician,
                  confirmed_at=now - timedelta(days=1), confirmed_level=levels["residential"],
                  recommended_level=screen.levelsection.level)  # fmt: skip
            _save(screen.outcomesection, coordinator, outcome="not_a_fit", not_fit_reason="payer",
                  referred_to=ReferralOut.objects.first())  # fmt: skip
    return made
