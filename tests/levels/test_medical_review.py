"""A level's medical review: the reviewed line at the end of its page, in both languages, its
structured data, the admin that edits it, and the detox page's care card as load_demo writes it."""

from datetime import date

import pytest

from demo.articles import load_articles
from demo.levels import DETOX_CARD, REVIEWS, load_levels, review_levels
from demo.levels_es import DETOX_CARD as DETOX_CARD_ES
from levels.models import LevelOfCare

from ..factories import LevelFactory, ReviewerFactory
from ..faq.test_articles import json_ld
from ..markup import one, parse, select
from ..translated_forms import english_names

pytestmark = pytest.mark.django_db

REVIEWED = {
    "": (
        "Medically reviewed by Jordan Lee, MD. "
        "Page last reviewed: January 31, 2026 · Next review due: February 28, 2026"
    ),
    "/es": (
        "Revisión médica de Jordan Lee, MD. "
        "Última revisión de la página: 31 de enero de 2026 · Próxima revisión: 28 de febrero de 2026"
    ),
}


def level_form(level, **fields):
    data = {
        "name": level.name, "slug": level.slug, "short_name": level.short_name, "asam_level": "2.1",
        "summary": "s", "is_published": "on", "intensity_rank": level.intensity_rank,
        "hours_min": 9, "hours_max": 19, "days_min": 3, "days_max": 5, "weeks_min": "", "weeks_max": "",
        "supervision": "scheduled", "description": "d", "who_it_fits": "w", "typical_week": "t",
        "reviewer": level.reviewer_id or "", "last_reviewed": level.last_reviewed or "",
        "review_interval_months": level.review_interval_months,
    }  # fmt: skip
    data.update(fields)
    return english_names(data, LevelOfCare)


@pytest.fixture
def reviewed():
    reviewer = ReviewerFactory(slug="jordan", specialty="Addiction medicine")
    spanish = {f"{name}_es": f"{name} (es)" for name in ("name", "short_name", "summary")}
    spanish.update({f"{name}_es": "Texto." for name in ("description", "who_it_fits", "typical_week")})
    return LevelFactory(
        slug="iop", reviewer=reviewer, last_reviewed=date(2026, 1, 31), review_interval_months=1, **spanish
    )


@pytest.mark.parametrize("prefix", REVIEWED)
def test_the_page_ends_its_main_text_with_the_review_and_the_next_one(client, reviewed, prefix):
    page = parse(client.get(f"{prefix}/levels-of-care/iop/").content.decode())
    line = one(page, ".col-lg-8 > p.review-dates")
    assert line.text == REVIEWED[prefix]
    assert [t.attrs["datetime"] for t in select(line, "time")] == ["2026-01-31", "2026-02-28"]
    assert one(line, "a").attrs["href"] == f"{prefix}/faq/reviewers/jordan/"


def test_nothing_is_said_without_a_review(client):
    LevelFactory(slug="iop", reviewer=ReviewerFactory())  # a reviewer, but no date of review
    for prefix in REVIEWED:
        html = client.get(f"{prefix}/levels-of-care/iop/").content.decode()
        assert select(parse(html), ".review-dates") == []
        assert 'type="application/ld+json"' not in html


@pytest.mark.parametrize(("prefix", "language"), [("", "en"), ("/es", "es")])
def test_structured_data_says_when_and_by_whom(client, reviewed, prefix, language):
    data = json_ld(client.get(f"{prefix}/levels-of-care/iop/").content.decode())
    assert data["@type"] == "MedicalWebPage"
    assert data["url"] == f"http://testserver{prefix}/levels-of-care/iop/"
    assert data["inLanguage"] == language
    assert data["lastReviewed"] == "2026-01-31"
    assert data["reviewedBy"] == {
        "@type": "Person",
        "name": "Jordan Lee",
        "honorificSuffix": "MD",
        "url": f"http://testserver{prefix}/faq/reviewers/jordan/",
        "jobTitle": {"en": "Medical reviewer", "es": "Profesional de revisión médica"}[language],
        "knowsAbout": "Addiction medicine",
    }


def test_reviewers_set_the_review_in_the_admin_and_the_next_one_follows(reviewer_client, reviewed):
    other = ReviewerFactory(name="Ana Ruiz")
    data = level_form(reviewed, reviewer=other.pk, last_reviewed="2026-03-31", review_interval_months=6)
    response = reviewer_client.post(f"/admin/levels/levelofcare/{reviewed.pk}/change/", data)
    assert response.status_code == 302
    reviewed.refresh_from_db()
    assert (reviewed.reviewer, reviewed.last_reviewed, reviewed.review_due_on) == (
        other,
        date(2026, 3, 31),
        date(2026, 9, 30),
    )
    history = reviewer_client.get(f"/admin/levels/levelofcare/{reviewed.pk}/history/")
    assert history.status_code == 200


def test_a_review_in_the_future_is_refused(reviewer_client, reviewed):
    data = level_form(reviewed, last_reviewed="2999-01-01")
    response = reviewer_client.post(f"/admin/levels/levelofcare/{reviewed.pk}/change/", data)
    assert response.status_code == 200
    assert one(parse(response.content.decode()), ".field-last_reviewed .errorlist").text == (
        "A review date cannot be in the future."
    )


CARD_LINKS = {
    "": (
        "Immediate action required: Call 911 or go to the emergency room if",
        ["call 911", "(818) 431-2224"],
    ),
    "/es": (
        "Actúe de inmediato: Llame al 911 o vaya a la sala de emergencias si",
        ["llame al 911", "(818) 431-2224"],
    ),
}


SIGNS = {
    "": [
        "have a seizure",
        "see, hear or feel things that are not there",
        "are confused, very agitated or hard to wake",
    ],
    "/es": [
        "tiene una convulsión",
        "ve, oye o siente cosas que no están ahí",
        "está confundida, muy agitada o cuesta despertarla",
    ],
}
NALOXONE = {
    "": "An opioid overdose can cause slow or no breathing, blue lips, or not waking up. If you see these signs, "
    "call 911 and give naloxone (Narcan) if you have it. Stay with them until help comes.",
    "/es": "Si alguien pudo haber tenido una sobredosis de opioides (respira lento o no respira, tiene los labios "
    "azulados, no se despierta), llame al 911 y dele naloxona (Narcan) si la tiene. Quédese con la persona hasta "
    "que llegue la ayuda.",
}


@pytest.mark.parametrize("prefix", CARD_LINKS)
def test_the_detox_page_carries_an_immediate_action_card(client, prefix):
    LevelFactory(
        slug="medical-detox", description=f"Detox.\n\n{DETOX_CARD}", description_es=f"Desintox.\n\n{DETOX_CARD_ES}"
    )
    page = parse(client.get(f"{prefix}/levels-of-care/medical-detox/").content.decode())
    card = one(page, "section[aria-labelledby=about-heading] > section.care-card-immediate")
    name, links = CARD_LINKS[prefix]
    assert card.attrs["aria-label"] == name
    assert one(card, ".care-card-heading").text == name
    assert [(a.text, a.attrs["href"]) for a in select(card, "a")] == list(
        zip(links, ["tel:911", "tel:+18184312224"], strict=True)
    )
    assert [li.text for li in select(card, "li")] == SIGNS[prefix]
    assert NALOXONE[prefix] in [p.text for p in select(card, ".care-card-body > p")]


def test_load_demo_reviews_every_level_and_the_detox_page_has_its_card():
    levels = load_levels()
    load_articles(levels)  # makes the reviewers
    review_levels(levels)
    levels = LevelOfCare.objects.select_related("reviewer").order_by("slug")
    assert {level.slug: level.reviewer.slug for level in levels} == {slug: r for slug, (r, _) in REVIEWS.items()}
    assert all(level.last_reviewed and level.review_due_on for level in levels)
    detox = LevelOfCare.objects.get(slug="medical-detox")
    assert 'class="care-card care-card-immediate"' in detox.description_html
    assert "Actúe de inmediato:" in detox.description_html_es
