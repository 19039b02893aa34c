"""A whole screen, reason for calling through outcome, in under 40 clicks (issue 27's target): short
answers are radio buttons, the follow-up of question 6 shows only after a yes, pregnancy does not
apply to a person male at birth, and a level confirmed is the one accepted."""

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from demo.screening import load_risk_screen
from screening import services
from screening.models import Substance

from ..factories import InquiryFactory, LevelFactory, UserFactory
from .test_accessibility import VIEWPORTS, assert_no_violations
from .test_flows import log_in
from .test_screen import SAVED


class Clicks:
    """The page's clicks and choices from a list, counted; typing is not a click."""

    def __init__(self, page):
        self.page, self.count = page, 0

    def click(self, locator):
        self.count += 1
        locator.click()

    def choose(self, locator, **option):
        self.count += 1
        locator.select_option(**option)

    def save(self, key, name):
        self.click(self.page.locator(f"#{key}").get_by_role("button", name=name))
        expect(self.page.locator(f"#{key} [data-status]")).to_have_text(SAVED)


@pytest.fixture
def inquiry(transactional_db):
    user = UserFactory(username="coordinator", group="Admissions")
    user.groups.add(Group.objects.get(name="Clinicians"))  # confirms the level too, as a clinician would
    load_risk_screen()
    Substance.objects.get_or_create(name="Alcohol", defaults={"position": 1, "withdrawal_red_flag": True})
    LevelFactory(name="Intensive outpatient", short_name="IOP", slug="iop")
    return InquiryFactory(name="Jordan Caller", patient_sex_at_birth="male", caller_relationship="parent")


def test_a_whole_screen_takes_fewer_than_40_clicks(page, live_server, inquiry):
    page.set_viewport_size(VIEWPORTS["desktop"])
    log_in(page, live_server.url, "coordinator")
    page.goto(f"{live_server.url}/admin/screening/screen/{inquiry.pk}/")
    clicks = Clicks(page)

    page.get_by_label("Reason for calling, in their words").fill("My drinking is out of control")
    clicks.save("reason", "Save reason for calling")

    substances = page.locator("#substances")
    clicks.click(substances.get_by_label("Uses alcohol"))
    clicks.choose(substances.locator("select[name$=_frequency]").first, value="weekly")
    substances.get_by_label("How much").first.fill("A six-pack")
    clicks.save("substances", "Save substances")

    withdrawal = page.locator("#withdrawal")
    for question in [
        "Ever had withdrawal seizures",
        "Ever had delirium tremens (DTs)",
        "Ever hospitalised for withdrawal",
    ]:
        clicks.click(withdrawal.get_by_role("group", name=question).get_by_label("No", exact=True))
    clicks.save("withdrawal", "Save withdrawal")

    medical = page.locator("#medical")
    expect(medical.get_by_role("group", name="Pregnant").get_by_label("Not applicable")).to_be_checked()
    medical.get_by_label("Medical conditions").fill("None known")
    clicks.save("medical", "Save medical")

    page.get_by_label("Mental health history").fill("Anxiety")
    clicks.save("mental_health", "Save mental health")

    risk = page.locator("#risk")
    expect(risk.get_by_label("The caller, on their behalf")).to_be_checked()  # the caller is a parent
    recency = risk.get_by_role("group", name="If yes: was this within the past 3 months?")
    expect(recency).to_be_hidden()
    questions = risk.locator(".screen-question")
    clicks.click(questions.nth(5).get_by_label("Yes", exact=True).first)
    expect(recency).to_be_visible()
    for number in range(6):
        clicks.click(questions.nth(number).get_by_label("No", exact=True).first)
    expect(recency).to_be_hidden()
    clicks.save("risk", "Save risk screen")

    legal = page.locator("#legal")
    for question in ["Court-ordered treatment", "On probation or parole"]:
        clicks.click(legal.get_by_role("group", name=question).get_by_label("No", exact=True))
    clicks.save("legal", "Save legal")

    living = page.locator("#living")
    clicks.choose(living.get_by_label("Living situation", exact=True), value="own_home")
    clicks.click(living.get_by_role("group", name="Safe at home").get_by_label("Yes", exact=True))
    clicks.save("living", "Save living situation and safety")

    clicks.choose(page.locator("#payer").get_by_label("Payer", exact=True), value="self_pay")
    clicks.save("payer", "Save payer")

    level = page.locator("#level")
    clicks.choose(level.get_by_label("Another level", exact=True), label="Intensive outpatient")
    level.get_by_label("Why another level").fill("Works days; wants evenings")
    clicks.save("level", "Save provisional level of care")

    clicks.save("confirmation", "Save clinician's confirmation")  # the provisional level, as proposed

    outcome = page.locator("#outcome")
    clicks.choose(outcome.get_by_label("Outcome", exact=True), value="accepted")
    clicks.choose(outcome.get_by_label("Accepted for"), label="Intensive outpatient")
    clicks.save("outcome", "Save outcome")

    assert clicks.count < 40, clicks.count
    screen = services.screen_of(inquiry.pk)
    sections = services.sections_of(screen)
    assert all(section.saved for section in sections.values())
    assert sections["medical"].pregnancy == "na"
    assert sections["risk"].answered_by == "caller"
    assert sections["withdrawal"].seizures == "no"
    assert [(answer.question.position, answer.yes, answer.recent) for answer in sections["risk"].answers.all()] == [
        (1, False, None), (2, False, None), (6, False, None),
    ]  # 3 to 5 are skipped after a no to 2  # fmt: skip
    assert (sections["outcome"].outcome, sections["outcome"].level.name) == ("accepted", "Intensive outpatient")
    assert_no_violations(page, "a whole screen, saved")
