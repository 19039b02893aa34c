"""load_demo's screens: one in each state, and safe to load again."""

import pytest

from demo.inquiries import load_inquiries
from demo.screening import load_screening
from screening import services
from screening.models import Screen

from ..factories import LevelFactory, UserFactory

pytestmark = pytest.mark.django_db

SLUGS = ["medical-detox", "residential", "partial-hospitalization", "intensive-outpatient", "outpatient"]


def test_demo_screens_in_every_state():
    UserFactory(username="admissions", group="Admissions")
    UserFactory(username="clinician", first_name="Demo", last_name="Clinician", group="Clinicians")
    levels = {
        slug: LevelFactory(slug=slug, name=slug.replace("-", " ").capitalize(), short_name=slug[:8]) for slug in SLUGS
    }
    load_inquiries(levels)
    assert load_screening(levels) == 5
    assert load_screening(levels) == 0
    states = {}
    for screen in Screen.objects.select_related("inquiry").order_by("inquiry__name"):
        screen = services.screen_of(screen.inquiry_id)
        label, level = services.level_status(screen)
        saved = sum(section.saved for section in services.sections_of(screen).values())
        states[screen.inquiry.name] = (saved, label.split(" at ")[0], level and level.slug, bool(screen.escalated_at))
    assert states == {
        "Demo Person A": (0, "No level yet", None, False),
        "Demo Person B": (2, "Recommended (provisional)", "medical-detox", False),
        "Demo Person C": (6, "Recommended (provisional)", "medical-detox", True),
        "Demo Person D": (9, "Recommended (provisional)", "medical-detox", False),
        "Demo Person E": (11, "Confirmed by Demo Clinician", "residential", False),
    }
