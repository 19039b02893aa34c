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

    If someone may have overdosed on opioids (slow or no breathing, blue lips, they will not wake up),
    [call 911](tel:911) and give naloxone (Narcan) if you have it. Stay with them until help comes.

    Do not stop heavy drinking or benzodiazepines suddenly on your own: that withdrawal can be
    life-threatening. Call us at [[helpline]], day or night, to plan a safe detox."""

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
        "summary": "A safe, supervised start: withdrawal managed by nurses and doctors around the clock.",
        "description": (
            "Stopping alcohol, opioids or sedatives suddenly can be dangerous. In medical detox you stay "
            "with us while nurses watch over you day and night and doctors ease withdrawal with medication "
            "when it helps.\n\nDetox is a beginning, not the whole treatment: before it ends, our clinicians "
            "plan the next level of care with you.\n\n" + DETOX_CARD
        ),
        "who_it_fits": (
            "- People at risk of a hard or unsafe withdrawal\n"
            "- People who have tried to stop on their own and could not\n"
            "- Anyone with health conditions that call for medical watch while they stop"
        ),
        "typical_week": (
            "Rest, regular checks of vital signs, medication when needed, meals and first conversations "
            "with a therapist. Most stays last [[typical_length]]."
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
        "summary": "Live on site in a structured, 24-hour setting while you build the skills of recovery.",
        "description": (
            "In residential treatment you live at the center, away from the pressures and triggers of home. "
            "Each day combines individual therapy, groups, and holistic care for body, mind and spirit, "
            "with staff present at every hour."
        ),
        "who_it_fits": (
            "- Serious or long-standing addiction\n"
            "- Co-occurring mental health conditions that need close care\n"
            "- A home that is not yet a safe or sober place to recover"
        ),
        "typical_week": (
            "Full days of therapy and activities, every day: individual sessions, group therapy, "
            "family sessions, exercise and time for reflection."
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
        "summary": "Day treatment: most of the day in therapy, evenings and nights at home or in sober living.",
        "description": (
            "A partial hospitalization program, also called day treatment, gives nearly the structure of "
            "residential care while you sleep at home or in a sober living residence. It is the most "
            "intensive form of outpatient care."
        ),
        "who_it_fits": (
            "- People stepping down from residential treatment\n"
            "- People who need daily support but have a stable place to live\n"
            "- Those who can manage part-time work or school at most"
        ),
        "typical_week": "Programming on [[days_per_week]], [[hours_per_week]] in all.",
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
        "summary": "Several sessions a week around your work, school or family life.",
        "description": (
            "An intensive outpatient program treats substance use and mental health disorders, including "
            "both at once, while you keep living at home or in sober living. You come in for blocks of "
            "therapy a few times a week, and the hours go down as you progress."
        ),
        "who_it_fits": (
            "- A first step when inpatient care is not needed\n"
            "- A step down after residential treatment or PHP\n"
            "- Renewed structure after a short relapse\n"
            "- People with a stable, sober home and obligations they cannot set aside"
        ),
        "typical_week": (
            "Visits on [[days_per_week]], often in blocks of a few hours: [[hours_per_week]] of group "
            "and individual therapy in all. Twelve-step meetings are encouraged."
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
        "summary": "Regular therapy sessions that keep recovery on track as life gets back to normal.",
        "description": (
            "Outpatient treatment means a few hours of therapy a week. It often follows IOP and helps "
            "keep the gains of treatment while you return to full work, school and family life."
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
