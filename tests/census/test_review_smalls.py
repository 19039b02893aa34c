"""The smaller findings of issue 28's review: what the admit page says of a hold that ended, a release
of a hold that became a stay, dates and priorities of things that ended, the waitlist for someone in a
stay, links clinicians may follow, the figures' two log texts, and one name per landmark."""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError

from census import services, waitlist
from census.models import WaitlistEntry
from intake.models import AccessRecord, Note

from ..factories import BedFactory, InquiryFactory, LevelFactory, NoteFactory, UserFactory, WaitlistEntryFactory
from ..markup import admin_messages, one, parse, select

pytestmark = pytest.mark.django_db

MORNING = datetime(2026, 12, 4, 18, 0, tzinfo=UTC)
TODAY = date(2026, 12, 4)


def census_links(page):
    return [(a.text, a.attrs["href"]) for a in select(page, "nav.census-links a")]


@pytest.fixture
def setting(time_machine):
    time_machine.move_to(MORNING, tick=False)
    detox = LevelFactory(short_name="Detox", lives_on_site=True, intensity_rank=1)
    inquiry = InquiryFactory(created_at=MORNING - timedelta(days=3))
    NoteFactory(inquiry=inquiry, outcome=Note.Outcome.REACHED)
    return {
        "staff": UserFactory(username="casey", group="Admissions"),
        "clinician": UserFactory(username="dr-lee", group="Clinicians"),
        "detox": detox,
        "bed": BedFactory(unit="North", room="4", levels=[detox]),
        "inquiry": inquiry,
    }


def test_the_admit_page_of_a_hold_that_became_a_stay_or_ended_says_so(setting, client, time_machine):
    client.force_login(setting["staff"])
    inquiry, staff = setting["inquiry"], setting["staff"]
    held = services.hold(inquiry=inquiry, bed=setting["bed"], by=staff)
    stay = services.admit(inquiry=inquiry, level=setting["detox"], bed=setting["bed"], on=TODAY, by=staff, hold=held)
    page = parse(client.get(f"/admin/census/hold/{held.pk}/admit/"))
    assert (
        one(page, ".census-ended").text
        == f"This hold became a stay: inquiry #{inquiry.pk} is already admitted (their stay)."
    )
    assert [(a.text, a.attrs["href"]) for a in select(page, ".census-ended a")][-1] == (
        "their stay",
        f"/admin/census/stay/{stay.pk}/",
    )
    response = client.post(f"/admin/census/hold/{held.pk}/release/", follow=True)
    assert admin_messages(response) == [f"The hold on North 4A became a stay: inquiry #{inquiry.pk} is admitted."]

    other = InquiryFactory(created_at=MORNING - timedelta(days=1))
    NoteFactory(inquiry=other, outcome=Note.Outcome.REACHED)
    expired = services.hold(inquiry=other, bed=BedFactory(unit="North", room="5", levels=[setting["detox"]]), by=staff)
    time_machine.move_to(MORNING + timedelta(hours=25), tick=False)
    client.force_login(staff)  # a staff session lasts less than a day
    page = parse(client.get(f"/admin/census/hold/{expired.pk}/admit/"))
    assert one(page, ".census-ended").text == (
        f"This hold for inquiry #{other.pk} has ended: hold the bed or place again before admitting."
    )


def test_the_expected_discharge_of_a_discharged_stay_is_refused(setting):
    staff = setting["staff"]
    stay = services.admit(inquiry=setting["inquiry"], level=setting["detox"], bed=setting["bed"], on=TODAY, by=staff)
    services.discharge(stay=stay, on=TODAY, kind="completed", by=staff)
    with pytest.raises(ValidationError) as refused:
        services.set_expected_discharge(stay=stay, on=date(2026, 12, 20), by=staff)
    assert refused.value.messages == ["This stay has already ended: its expected discharge stays as it was."]
    stay.refresh_from_db()
    assert stay.expected_discharge_on is None


def test_the_priority_of_an_ended_entry_is_refused_and_the_page_says_so(setting, client):
    entry = WaitlistEntryFactory(level=setting["detox"], inquiry=setting["inquiry"], owner=setting["staff"])
    waitlist.end(entry=entry, reason=WaitlistEntry.EndReason.WENT_ELSEWHERE, by=setting["staff"])
    client.force_login(setting["clinician"])
    response = client.post(
        f"/admin/census/waitlist/{entry.pk}/", {"form": "priority", "priority": 2, "reason": "Pregnant"}, follow=True
    )
    assert admin_messages(response) == ["They are no longer on the waitlist: their priority stays as it was."]
    entry.refresh_from_db()
    assert (entry.priority, entry.priority_reason) == (0, "")


def test_someone_in_a_stay_at_a_level_does_not_join_its_waitlist(setting):
    staff, inquiry = setting["staff"], setting["inquiry"]
    services.admit(inquiry=inquiry, level=setting["detox"], bed=setting["bed"], on=TODAY, by=staff)
    with pytest.raises(ValidationError) as refused:
        waitlist.join(inquiry=inquiry, level=setting["detox"], by=staff, waiting_for="a detox bed")
    assert refused.value.messages == [f"Inquiry #{inquiry.pk} is already admitted to Detox."]
    assert WaitlistEntry.objects.count() == 0


def test_clinicians_see_only_the_census_links_they_may_follow(setting, client):
    client.force_login(setting["clinician"])
    page = parse(client.get("/admin/census/waitlist/"))
    assert census_links(page) == [("Waitlist", "/admin/census/waitlist/")]
    client.force_login(setting["staff"])
    page = parse(client.get("/admin/census/waitlist/"))
    assert census_links(page) == [
        ("Bed board", "/admin/census/"),
        ("Waitlist", "/admin/census/waitlist/"),
        ("Census figures", "/admin/census/figures/"),
    ]


def test_the_figures_page_and_its_csv_are_logged_apart(setting, client):
    client.force_login(setting["staff"])
    client.get("/admin/census/figures/")
    client.get("/admin/census/figures/?start=2026-11-01&end=2026-11-30&format=csv")
    assert list(AccessRecord.objects.order_by("pk").values_list("detail", flat=True)) == [
        "census figures (figures only)",
        "census figures CSV (figures only)",
    ]


@pytest.mark.parametrize("url", ["/admin/census/", "/admin/census/waitlist/"])
def test_each_landmark_has_a_name_of_its_own(setting, client, url):
    client.force_login(setting["staff"])
    WaitlistEntryFactory(level=setting["detox"], inquiry=setting["inquiry"], owner=setting["staff"])
    page = parse(client.get(url))
    labelled = [element.attrs.get("aria-labelledby") for element in select(page, "section, [role=region]")]
    named = [label for label in labelled if label]
    assert len(named) == len(set(named)) > 0
