"""The five demo levels of care, from the fact sheet, in our own words, and their loader."""

from datetime import timedelta

from django.utils import timezone

from faq.models import Reviewer
from levels.models import LevelOfCare

from .levels_es import PICTURE_ALT, SPANISH
from .pictures import landscape, save_picture

# An immediate-action care card (common/care_cards.py) with the danger signs of withdrawal and
# what to do for an overdose.
DETOX_CARD = """!!! immediate "Call 911 or go to the emergency room if"
    While someone is coming off alcohol, sedatives or opioids, they:

    - have a seizure
    - see, hear or feel things that are not there
    - are confused, very agitated or hard to wake

    An opioid overdose can cause slow or no breathing, blue lips, or not waking up. If you see these
    signs, [call 911](tel:911) and give naloxone (Narcan) if you have it. Stay with them until help comes.

    Do not stop heavy drinking or benzodiazepines all at once on your own. That withdrawal can put your
    life at risk. Call us at [[helpline]], day or night, to plan a safe detox."""

# The clinician who last reviewed each level's page, and how many days ago.
REVIEWS = {
    "medical-detox": ("samuel-okafor", 40),
    "residential": ("samuel-okafor", 75),
    "partial-hospitalization": ("dana-whitfield", 110),
    "intensive-outpatient": ("dana-whitfield", 30),
    "outpatient": ("dana-whitfield", 150),
}

LEVELS = [
    {
        "slug": "medical-detox",
        "name": "Medical detox",
        "short_name": "Detox",
        "asam_level": "3.7-WM",
        "summary": "A safe start: nurses and doctors help you through withdrawal, day and night.",
        "description": (
            "Stopping alcohol, opioids or sedatives all at once can be dangerous. In medical detox you stay "
            "with us. Nurses watch over you day and night. When it helps, doctors give you medicine to ease "
            "withdrawal.\n\nDetox is a first step, not the whole treatment. Before it ends, our care team "
            "plans your next level of care with you.\n\n" + DETOX_CARD
        ),
        "who_it_fits": (
            "- People at risk of a hard or unsafe withdrawal\n"
            "- People who tried to stop on their own and could not\n"
            "- People with health problems that need medical care while they stop"
        ),
        "typical_week": (
            "Rest and meals. Nurses often check your pulse, blood pressure, breathing and temperature. You "
            "get medicine when you need it, and first talks with a therapist. Most stays last "
            "[[typical_length]]."
        ),
        "hours_min": None,
        "hours_max": None,
        "days_min": 7,
        "days_max": 7,
        "weeks_min": None,
        "weeks_max": None,
        "length_in_words": "several days to about a week",
        "lives_on_site": True,
        "supervision": "24h",
        "work_or_school_fits": False,
        "intensity_rank": 1,
    },
    {
        "slug": "residential",
        "name": "Residential inpatient treatment",
        "short_name": "Residential",
        "asam_level": "3.5",
        "summary": (
            "Live at the center while you learn the skills of recovery. Each day has a set plan, and staff "
            "are there day and night."
        ),
        "description": (
            "In this program you live at the center. You are away from the stress of home and the things "
            "that make you want to drink or use drugs. Each day mixes one-on-one therapy, groups, and care "
            "for body, mind and spirit. Staff are there at every hour."
        ),
        "who_it_fits": (
            "- Addiction that is serious or has lasted a long time\n"
            "- A mental health problem along with the addiction, when both need close care\n"
            "- A home that is not yet a safe or sober place to recover"
        ),
        "typical_week": (
            "Your days are full of therapy and other activities, every day of the week. You meet one-on-one "
            "with a therapist, join groups, and have family sessions. There is also time to exercise and to "
            "think."
        ),
        "hours_min": None,
        "hours_max": None,
        "days_min": 7,
        "days_max": 7,
        "weeks_min": 4,
        "weeks_max": 12,
        "lives_on_site": True,
        "supervision": "24h",
        "work_or_school_fits": False,
        "intensity_rank": 2,
    },
    {
        "slug": "partial-hospitalization",
        "name": "Partial hospitalization program",
        "short_name": "PHP",
        "asam_level": "2.5",
        "summary": "Day treatment: therapy for most of the day, then evenings and nights at home or in sober living.",
        "description": (
            "This program is also called day treatment, or PHP for short. It gives you almost as much "
            "structure as residential care. But you sleep at home or in a sober living home: a shared house "
            "free of alcohol and drugs. It is the most intensive kind of outpatient care. Outpatient means "
            "you come in for treatment and do not stay the night."
        ),
        "who_it_fits": (
            "- People moving on from residential treatment\n"
            "- People who need support every day and have a stable place to live\n"
            "- People who can handle part-time work or school at most"
        ),
        "typical_week": "Therapy and groups on [[days_per_week]], [[hours_per_week]] in all.",
        "hours_min": 20,
        "hours_max": None,
        "days_min": 5,
        "days_max": 7,
        "weeks_min": 2,
        "weeks_max": 6,
        "lives_on_site": False,
        "supervision": "daily",
        "work_or_school_fits": False,
        "intensity_rank": 3,
    },
    {
        "slug": "intensive-outpatient",
        "name": "Intensive outpatient program",
        "short_name": "IOP",
        "asam_level": "2.1",
        "summary": "Several sessions a week that fit around your work, school or family life.",
        "description": (
            "An intensive outpatient program (IOP) treats problems with alcohol or drugs, mental health "
            "problems, or both at once. You keep living at home or in sober living. You come in for blocks "
            "of therapy a few times a week. The hours go down as you get better."
        ),
        "who_it_fits": (
            "- A first step when you do not need to live at the center\n"
            "- A step down after residential treatment or PHP\n"
            "- More structure again after a short relapse\n"
            "- People with a stable, sober home and duties they cannot set aside"
        ),
        "typical_week": (
            "Visits on [[days_per_week]], often a few hours at a time. In all, that is [[hours_per_week]] "
            "of group and one-on-one therapy. We encourage 12-step meetings too."
        ),
        "hours_min": 9,
        "hours_max": 19,
        "days_min": 3,
        "days_max": 5,
        "weeks_min": 8,
        "weeks_max": 12,
        "lives_on_site": False,
        "supervision": "scheduled",
        "work_or_school_fits": True,
        "intensity_rank": 4,
    },
    {
        "slug": "outpatient",
        "name": "Outpatient treatment",
        "short_name": "Outpatient",
        "asam_level": "1",
        "summary": "Regular therapy that keeps your recovery on track as life gets back to normal.",
        "description": (
            "Outpatient treatment means a few hours of therapy a week. It often follows IOP. It helps you "
            "keep what you gained in treatment as you go back to full work, school and family life."
        ),
        "who_it_fits": (
            "- People finishing a more intensive program\n"
            "- Mild substance use or mental health concerns\n"
            "- Anyone who wants ongoing support in recovery"
        ),
        "typical_week": "Sessions on [[days_per_week]], [[hours_per_week]] in all.",
        "hours_min": 1,
        "hours_max": 8,
        "days_min": 1,
        "days_max": 2,
        "weeks_min": 12,
        "weeks_max": None,
        "lives_on_site": False,
        "supervision": "scheduled",
        "work_or_school_fits": True,
        "intensity_rank": 5,
    },
]


# A drawn landscape for each level: (alt text, sky from top to bottom, hills from far to near).
PICTURES = {
    "medical-detox": ("A drawing of a low sun over quiet blue hills at dawn.",
                      ((196, 214, 235), (250, 228, 214)), [(150, 170, 196), (104, 128, 160), (70, 92, 122)]),
    "residential": ("A drawing of green hills folding into a valley under a warm sky.",
                    ((250, 222, 190), (252, 240, 222)), [(150, 184, 140), (104, 150, 104), (64, 110, 76)]),
    "partial-hospitalization": ("A drawing of sage-colored hills under a clear morning sky.",
                                ((200, 226, 236), (240, 246, 236)), [(176, 196, 170), (132, 160, 128), (92, 122, 96)]),
    "intensive-outpatient": ("A drawing of rolling hills in late-afternoon light.",
                             ((246, 206, 170), (250, 236, 214)), [(196, 160, 140), (156, 120, 112), (110, 84, 90)]),
    "outpatient": ("A drawing of open hills reaching toward a wide, light sky.",
                   ((214, 232, 246), (246, 248, 240)), [(170, 200, 186), (120, 164, 150), (80, 126, 116)]),
}  # fmt: skip


def load_levels():
    """Create or update the demo levels, linked from the most to the least intensive; {slug: level}."""
    levels = {}
    for number, data in enumerate(LEVELS):
        alt_text, sky, hills = PICTURES[data["slug"]]
        picture = save_picture(
            f"Level: {data['name']}", landscape(number, sky, hills), alt_text, alt_text_es=PICTURE_ALT[data["slug"]]
        )
        level, _ = LevelOfCare.objects.update_or_create(
            slug=data["slug"], defaults={**data, **SPANISH[data["slug"]], "is_published": True, "picture": picture}
        )
        levels[level.slug] = level
    chain = [levels[data["slug"]] for data in LEVELS]
    for upper, lower in zip(chain, chain[1:], strict=False):
        upper.steps_down_to, lower.steps_up_to = lower, upper
    for level in chain:
        level.save(update_fields=["steps_down_to", "steps_up_to"])
    return levels


def review_levels(levels):
    """Give each demo level its medical review (the reviewers are made with the articles)."""
    today = timezone.localdate()
    for slug, (reviewer, days_ago) in REVIEWS.items():
        level = levels[slug]
        level.reviewer = Reviewer.objects.get(slug=reviewer)
        level.last_reviewed = today - timedelta(days=days_ago)
        level.save(update_fields=["reviewer", "last_reviewed"])
