"""One fact, one place: a level's hours, days and length are stored once (the Intensity fields) and its
texts show them through placeholders, so the demo levels' texts agree with their "At a glance" box."""

import re

import pytest

from demo.levels import LEVELS, load_levels
from demo.levels_es import SPANISH

from ..factories import LevelFactory
from ..markup import parse, select

pytestmark = pytest.mark.django_db

NUMBER_WORDS = (
    r"one|two|three|four|five|six|seven|eight|nine|ten|twelve|several|"
    r"uno|una|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|doce|varios|varias"
)
# A figure of time typed by hand: "10 to 12 hours", "three to five visits", "seven days", "1 to 2 weeks".
HAND_FIGURE = re.compile(
    rf"\b(?:\d+|{NUMBER_WORDS})\s+(?:(?:to|a|or|o|y)\s+(?:\d+|{NUMBER_WORDS})\s+)?"
    r"(?:hours?|days?|weeks?|visits|sessions|horas|días|semanas|visitas|sesiones)\b",
    re.IGNORECASE,
)
# What is left of a figure in a page's text once the box's own values are taken out.
SHOWN_FIGURE = re.compile(r"\d+\s*(?:\+|o más)?\s*(?:hours|horas|days|días|weeks|semanas)|several days|varios días")
TEXTS = ("description", "who_it_fits", "typical_week")


@pytest.mark.parametrize("data", LEVELS, ids=[data["slug"] for data in LEVELS])
def test_no_demo_level_types_a_figure_of_its_box_by_hand(data):
    for field in TEXTS:
        for text in (data[field], SPANISH[data["slug"]][f"{field}_es"]):
            assert HAND_FIGURE.findall(text) == [], text


@pytest.fixture(scope="module")
def demo_levels(django_db_blocker):
    with django_db_blocker.unblock():
        levels = load_levels()
    yield levels
    with django_db_blocker.unblock():
        for level in levels.values():
            level.delete()


def box_and_text(client, path):
    page = parse(client.get(path).content.decode())
    box = {dt.text: dd.text for dt, dd in zip(select(page, "dl.facts dt"), select(page, "dl.facts dd"), strict=True)}
    text = " ".join(section.text for section in select(page, "section[aria-labelledby]")[:3])
    return box, text


@pytest.mark.parametrize("prefix", ["", "/es"])
@pytest.mark.parametrize("slug", [data["slug"] for data in LEVELS])
def test_each_demo_levels_text_agrees_with_its_box(client, demo_levels, prefix, slug):
    box, text = box_and_text(client, f"{prefix}/levels-of-care/{slug}/")
    left = text
    for value in box.values():
        left = left.replace(value[:1].lower() + value[1:], "")
    assert SHOWN_FIGURE.findall(left) == [], text
    assert "[[" not in text


def test_the_iop_and_detox_figures_are_the_ones_of_the_fact_sheet(client, demo_levels):
    box, text = box_and_text(client, "/levels-of-care/intensive-outpatient/")
    assert box["Time in treatment"] == "9 to 19 hours a week"
    assert "Visits on 3 to 5 days a week, often a few hours at a time. In all, that is 9 to 19 hours a week" in text
    box, text = box_and_text(client, "/levels-of-care/medical-detox/")
    assert box["Typical length"] == "Several days to about a week"
    assert "Most stays last several days to about a week." in text
    box, text = box_and_text(client, "/es/levels-of-care/medical-detox/")
    assert "La mayoría de las estancias duran de varios días a una semana." in text


def test_a_change_to_a_levels_figures_changes_its_text(client):
    level = LevelFactory(slug="iop", typical_week="About [[hours_per_week]], for [[typical_length]].")
    _, text = box_and_text(client, "/levels-of-care/iop/")
    assert "About 9 to 19 hours a week, for 8 to 12 weeks." in text
    level.hours_min, level.hours_max, level.weeks_min, level.weeks_max = 6, 12, None, None
    level.length_in_words = "a month or two"
    level.save()
    box, text = box_and_text(client, "/levels-of-care/iop/")
    assert "About 6 to 12 hours a week, for a month or two." in text
    assert box["Typical length"] == "A month or two"


def test_a_length_is_given_in_weeks_or_in_words_not_both():
    from django.core.exceptions import ValidationError  # noqa: PLC0415

    level = LevelFactory.build(weeks_min=1, weeks_max=2, length_in_words="several days")
    with pytest.raises(ValidationError) as refused:
        level.clean()
    # Beside the weeks: the admin's form has the words only per language, and an error for a field it
    # does not have was a server error.
    assert refused.value.message_dict == {
        "weeks_min": ["Give the typical length in weeks or in words, not both: clear one."]
    }


def test_the_admin_says_so_beside_the_weeks(editor_client):
    from .test_medical_review import level_form  # noqa: PLC0415

    level = LevelFactory(reviewer=None, last_reviewed=None)
    data = level_form(level, weeks_min="1", weeks_max="2", length_in_words_en="several days")
    response = editor_client.post(f"/admin/levels/levelofcare/{level.pk}/change/", data)
    assert response.status_code == 200
    field = parse(response.content.decode()).select(".field-weeks_min .errorlist li")
    assert [error.text for error in field] == ["Give the typical length in weeks or in words, not both: clear one."]
