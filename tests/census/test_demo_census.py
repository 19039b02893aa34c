"""The demo center's census (demo/census.py): beds for men, women and anyone, programs with places,
stays current and past (a step-down among them), two holds and a waitlist; made once."""

from datetime import timedelta

import pytest
from django.utils import timezone

from census.models import Bed, Hold, Program, Stay, WaitlistEntry
from demo.census import load_census
from intake.models import Inquiry, StatusChange

from ..factories import InquiryFactory, LevelFactory, UserFactory

pytestmark = pytest.mark.django_db

SLUGS = ["medical-detox", "residential", "partial-hospitalization", "intensive-outpatient", "outpatient"]


def test_the_demo_census_has_every_kind_of_thing_once():
    UserFactory(username="admissions", group="Admissions")
    levels = {
        slug: LevelFactory(slug=slug, intensity_rank=rank, lives_on_site=rank <= 2)
        for rank, slug in enumerate(SLUGS, 1)
    }
    now = timezone.now()
    for number in range(12):
        slug = "medical-detox" if number % 2 else "intensive-outpatient"
        inquiry = InquiryFactory(
            status=Inquiry.Status.ADMITTED, level=levels[slug], created_at=now - timedelta(days=40)
        )
        StatusChange.objects.create(
            inquiry=inquiry, from_status="new", to_status="admitted", at=now - timedelta(days=3 * number)
        )
    for _ in range(6):
        InquiryFactory(status=Inquiry.Status.CONTACTED)

    beds, stays = load_census(levels)
    assert (beds, stays, Bed.objects.count(), Program.objects.count()) == (20, 12, 20, 4)
    assert set(Bed.objects.values_list("serves", flat=True)) == {"men", "women", "any"}
    assert Bed.objects.filter(in_service=False).count() == 1
    kinds = set(Stay.objects.values_list("discharge_kind", flat=True))
    assert {"", "completed", "stepped_down"} <= kinds
    assert (Hold.objects.live().count(), WaitlistEntry.objects.waiting().count()) == (2, 4)
    assert load_census(levels) == (0, 0)
