"""The center's level rules propose a level from the answers, with the rule that fired shown; the
coordinator may choose another with a reason. The page says the rules are the center's own and names
the six ASAM dimensions."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from screening import rules, services
from screening.models import Fact, LevelRule, LevelSection, Substance

from ..factories import LevelFactory
from ..markup import one, texts

pytestmark = pytest.mark.django_db


@pytest.fixture
def levels(db):
    made = {
        "detox": LevelFactory(name="Medical detox", short_name="Detox", slug="detox"),
        "residential": LevelFactory(name="Residential treatment", short_name="Residential", slug="residential"),
        "php": LevelFactory(name="Partial hospitalization", short_name="PHP", slug="php"),
        "iop": LevelFactory(name="Intensive outpatient program", short_name="IOP", slug="iop"),
    }
    for position, fact, level in [
        (10, Fact.WITHDRAWAL_RED_FLAG, "detox"),
        (20, Fact.NO_SAFE_PLACE, "residential"),
        (30, Fact.DAILY_USE, "php"),
        (40, Fact.COURT_ORDERED, "iop"),
    ]:
        LevelRule.objects.create(position=position, fact=fact, level=made[level])
    return made


def page_url(inquiry):
    return f"/admin/screening/screen/{inquiry.pk}/"


def save(client, inquiry, key, data):
    page = client.get(page_url(inquiry))
    data = {**data, "seen_updated_at": one(page, f"#{key} input[name=seen_updated_at]").attrs["value"]}
    return client.post(f"/admin/screening/screen/{inquiry.pk}/save/{key}/", data)


def test_the_first_rule_that_holds_proposes_its_level(admissions_client, inquiry, levels):
    page = admissions_client.get(page_url(inquiry))
    assert one(page, "#level-proposal p").text == "No rule proposes a level from the answers saved so far."
    save(admissions_client, inquiry, "legal", {"court_ordered": "yes"})
    page = admissions_client.get(page_url(inquiry))
    assert one(page, "#level-proposal p").text == (
        "Proposed: Intensive outpatient program, by the rule “Court-ordered treatment → IOP”."
    )
    assert one(page, ".screen-level-status").text == (
        "Level of care: Recommended (provisional): Intensive outpatient program"
    )
    save(admissions_client, inquiry, "living", {"situation": "own_home", "safe_at_home": "no"})
    page = admissions_client.get(page_url(inquiry))
    assert one(page, "#level-proposal p").text == (
        "Proposed: Residential treatment, by the rule “No safe place to live → Residential”."
    )
    save(admissions_client, inquiry, "withdrawal", {"seizures": "yes"})
    assert services.screen_of(inquiry.pk).levelsection.proposed_level == levels["detox"]
    # A rule out of use proposes nothing.
    LevelRule.objects.filter(position=10).update(is_active=False)
    services.refresh(services.screen_of(inquiry.pk))
    assert services.screen_of(inquiry.pk).levelsection.proposed_level == levels["residential"]


@pytest.mark.parametrize(
    "sections, held",
    [
        ({}, set()),
        ({"living": {"situation": "unhoused"}}, {Fact.NO_SAFE_PLACE}),
        ({"medical": {"pregnancy": "yes"}}, {Fact.PREGNANT}),
        ({"legal": {"court_ordered": "yes", "probation": "yes"}}, {Fact.COURT_ORDERED}),
        ({"withdrawal": {"delirium_tremens": "yes"}}, {Fact.WITHDRAWAL_RED_FLAG}),
    ],
)
def test_facts_of_the_answers(admissions_client, inquiry, sections, held):
    admissions_client.get(page_url(inquiry))
    for key, data in sections.items():
        save(admissions_client, inquiry, key, data)
    screen = services.screen_of(inquiry.pk)
    assert rules.facts(services.sections_of(screen), services.uses_of(screen)) == held


def test_facts_of_substance_use(admissions_client, inquiry):
    opioids = Substance.objects.get(name="Opioids (including fentanyl)")
    data = {f"s{opioids.pk}_used": "on", f"s{opioids.pk}_frequency": "daily", f"s{opioids.pk}_route": "injected"}
    save(admissions_client, inquiry, "substances", data)
    screen = services.screen_of(inquiry.pk)
    assert rules.facts(services.sections_of(screen), services.uses_of(screen)) == {
        Fact.DAILY_USE, Fact.INJECTION, Fact.ANY_USE
    }  # fmt: skip


def test_the_coordinator_may_choose_another_level_with_a_reason(admissions_client, inquiry, levels):
    save(admissions_client, inquiry, "legal", {"court_ordered": "yes"})
    response = save(admissions_client, inquiry, "level", {"chosen_level": levels["php"].pk})
    assert texts(response, "#level .screen-error-summary li") == [
        "Why another level: Say why you chose another level than the one proposed."
    ]
    save(admissions_client, inquiry, "level", {"chosen_level": levels["php"].pk, "reason": "Relapsed after IOP twice"})
    page = admissions_client.get(page_url(inquiry))
    assert texts(page, "#level-proposal p") == [
        "Proposed: Intensive outpatient program, by the rule “Court-ordered treatment → IOP”.",
        "Chosen instead: Partial hospitalization, because: Relapsed after IOP twice",
    ]
    assert one(page, ".screen-level-status").text == "Level of care: Recommended (provisional): Partial hospitalization"


def test_chosen_instead_is_said_only_when_it_differs_from_the_proposal(admissions_client, inquiry, levels):
    save(admissions_client, inquiry, "legal", {"court_ordered": "yes"})
    save(admissions_client, inquiry, "level", {"chosen_level": levels["iop"].pk})
    page = admissions_client.get(page_url(inquiry))
    assert texts(page, "#level-proposal p") == [
        "Proposed: Intensive outpatient program, by the rule “Court-ordered treatment → IOP”.",
    ]


def test_the_page_says_the_rules_are_the_centers_own_and_names_the_asam_dimensions(admissions_client, inquiry):
    page = admissions_client.get(page_url(inquiry))
    assert one(page, "#level p.screen-note").text == (
        "These are the center's own rules, written in the admin: not ASAM's licensed criteria or software. A "
        "clinician confirms the level. The answers inform the six ASAM dimensions:"
    )
    assert texts(page, "#level .asam-dimensions li") == [
        "Acute intoxication and/or withdrawal potential (substances, withdrawal)",
        "Biomedical conditions and complications (medical)",
        "Emotional, behavioral or cognitive conditions and complications (mental health, risk screen)",
        "Readiness to change (reason for calling)",
        "Relapse, continued use or continued problem potential (substances, withdrawal, mental health)",
        "Recovery/living environment (living situation, legal, payer)",
    ]


def test_the_first_proposal_dates_the_recommendation_for_the_dashboard(admissions_client, inquiry, levels):
    save(admissions_client, inquiry, "reason", {"reason": "My brother drinks every day."})
    level = LevelSection.objects.get(screen__inquiry=inquiry)
    assert level.recommended_at is None
    first = datetime.now(UTC).replace(microsecond=0) + timedelta(minutes=1)
    with time_machine.travel(first, tick=False):
        save(admissions_client, inquiry, "legal", {"court_ordered": "yes"})
    with time_machine.travel(first + timedelta(minutes=2), tick=False):
        save(admissions_client, inquiry, "living", {"situation": "own_home", "safe_at_home": "no"})
    level.refresh_from_db()
    assert (level.proposed_level.slug, level.recommended_at) == ("residential", first)
