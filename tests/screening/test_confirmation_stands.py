"""A confirmation keeps its first time when saved again for the same level; a coordinator's level changed
since makes it one for another level, and the page and the workspace say so; a superuser's is named so."""

import pytest
from django.utils import timezone
from django.utils.formats import date_format

from screening import services
from screening.models import Fact, LevelRule

from ..factories import LevelFactory
from ..markup import definition, one

pytestmark = pytest.mark.django_db


@pytest.fixture
def iop(db):
    level = LevelFactory(name="Intensive outpatient program", short_name="IOP", slug="iop")
    LevelRule.objects.create(position=1, fact=Fact.COURT_ORDERED, level=level)
    return level


@pytest.fixture
def residential(db):
    return LevelFactory(name="Residential treatment", short_name="Residential", slug="residential")


def page_url(inquiry):
    return f"/admin/screening/screen/{inquiry.pk}/"


def save(client, inquiry, key, data):
    page = client.get(page_url(inquiry))
    data = {**data, "seen_updated_at": one(page, f"#{key} input[name=seen_updated_at]").attrs["value"]}
    response = client.post(f"/admin/screening/screen/{inquiry.pk}/save/{key}/", data)
    assert response.status_code == 302
    return response


def confirmation_of(inquiry):
    return services.screen_of(inquiry.pk).confirmationsection


def when(confirmation):
    return date_format(timezone.localtime(confirmation.confirmed_at), "M j, g:i A")


def workspace_says(client, inquiry):
    return definition(client.get(f"/admin/intake/inquiry/{inquiry.pk}/change/"), "Pre-admission screen")


@pytest.fixture
def confirmed(admissions_client, clinician_client, inquiry, iop):
    save(admissions_client, inquiry, "legal", {"court_ordered": "yes"})
    save(clinician_client, inquiry, "confirmation", {"level": iop.pk})
    return confirmation_of(inquiry)


def test_saving_the_same_level_again_keeps_the_first_time(clinician_client, inquiry, iop, confirmed):
    save(clinician_client, inquiry, "confirmation", {"level": iop.pk, "note": "Agreed on the phone."})
    again = confirmation_of(inquiry)
    assert (again.confirmed_at, again.confirmed_by, again.note) == (
        confirmed.confirmed_at,
        confirmed.confirmed_by,
        "Agreed on the phone.",
    )


def test_another_level_is_a_new_confirmation(clinician_client, inquiry, residential, confirmed):
    save(clinician_client, inquiry, "confirmation", {"level": residential.pk, "note": "Unsafe at home"})
    again = confirmation_of(inquiry)
    assert again.confirmed_at > confirmed.confirmed_at
    assert (again.confirmed_level, again.level) == (residential, residential)


def test_a_coordinators_level_changed_since_is_not_said_confirmed(
    admissions_client, clinician_client, inquiry, iop, residential, confirmed
):
    save(admissions_client, inquiry, "level", {"chosen_level": residential.pk, "reason": "Nowhere safe to live"})
    said = (
        f"Recommended (provisional), not confirmed: Rhea Moss confirmed Intensive outpatient program at "
        f"{when(confirmed)}, for another recommended level"
    )
    page = admissions_client.get(page_url(inquiry))
    assert one(page, "#confirmation-status").text == f"{said}: Residential treatment"
    assert one(page, ".screen-level-status").text == f"Level of care: {said}: Residential treatment"
    assert workspace_says(admissions_client, inquiry) == f"Open the screen · {said}: Residential treatment"
    # Confirmed again for the level as it is now: current again, with its new time.
    save(clinician_client, inquiry, "confirmation", {"level": residential.pk})
    again = confirmation_of(inquiry)
    assert again.confirmed_at > confirmed.confirmed_at
    assert workspace_says(admissions_client, inquiry) == (
        f"Open the screen · Confirmed by Rhea Moss at {when(again)}: Residential treatment"
    )


def test_a_superusers_confirmation_says_so(admissions_client, client, superuser, inquiry, iop):
    save(admissions_client, inquiry, "legal", {"court_ordered": "yes"})
    client.force_login(superuser)
    save(client, inquiry, "confirmation", {"level": iop.pk})
    confirmation = confirmation_of(inquiry)
    assert one(client.get(page_url(inquiry)), "#confirmation-status").text == (
        f"Confirmed by boss (superuser, not a clinician) at {when(confirmation)}: Intensive outpatient program"
    )
