"""A clinician confirms or changes the level with a note; the page and the workspace say
"Recommended (provisional)" until then and "Confirmed by … at …" after."""

import pytest
from django.utils import timezone
from django.utils.formats import date_format

from screening import services
from screening.models import Fact, LevelRule

from ..factories import LevelFactory
from ..markup import definition, one, select, texts

pytestmark = pytest.mark.django_db


@pytest.fixture
def iop(db):
    level = LevelFactory(name="Intensive outpatient program", short_name="IOP", slug="iop")
    LevelRule.objects.create(position=1, fact=Fact.COURT_ORDERED, level=level)
    return level


def page_url(inquiry):
    return f"/admin/screening/screen/{inquiry.pk}/"


def save(client, inquiry, key, data):
    page = client.get(page_url(inquiry))
    data = {**data, "seen_updated_at": one(page, f"#{key} input[name=seen_updated_at]").attrs["value"]}
    return client.post(f"/admin/screening/screen/{inquiry.pk}/save/{key}/", data)


def workspace_says(client, inquiry):
    return definition(client.get(f"/admin/intake/inquiry/{inquiry.pk}/change/"), "Pre-admission screen")


def test_coordinators_cannot_confirm(admissions_client, inquiry, iop):
    save(admissions_client, inquiry, "legal", {"court_ordered": "yes"})
    page = admissions_client.get(page_url(inquiry))
    assert select(page, "#confirmation form") == []
    assert one(page, "#confirmation-status").text == "Recommended (provisional): Intensive outpatient program"
    response = admissions_client.post(f"/admin/screening/screen/{inquiry.pk}/save/confirmation/", {"level": iop.pk})
    assert response.status_code == 403
    assert workspace_says(admissions_client, inquiry) == (
        "Open the screen · Recommended (provisional): Intensive outpatient program"
    )


def test_a_clinician_confirms_the_level(admissions_client, clinician_client, clinician, inquiry, iop):
    save(admissions_client, inquiry, "legal", {"court_ordered": "yes"})
    page = clinician_client.get(page_url(inquiry))
    assert one(page, "#confirmation select[name=level] option[selected]").attrs["value"] == str(iop.pk)
    assert save(clinician_client, inquiry, "confirmation", {"level": iop.pk}).status_code == 302
    confirmation = services.screen_of(inquiry.pk).confirmationsection
    assert (confirmation.level, confirmation.confirmed_by) == (iop, clinician)
    when = date_format(timezone.localtime(confirmation.confirmed_at), "M j, g:i A")
    page = clinician_client.get(page_url(inquiry))
    assert one(page, "#confirmation-status").text == f"Confirmed by Rhea Moss at {when}: Intensive outpatient program"
    assert one(page, ".screen-level-status").text == (
        f"Level of care: Confirmed by Rhea Moss at {when}: Intensive outpatient program"
    )
    assert workspace_says(admissions_client, inquiry) == (
        f"Open the screen · Confirmed by Rhea Moss at {when}: Intensive outpatient program"
    )


def test_a_clinician_changing_the_level_says_why(clinician_client, admissions_client, inquiry, iop):
    save(admissions_client, inquiry, "legal", {"court_ordered": "yes"})
    residential = LevelFactory(name="Residential treatment", short_name="Residential", slug="residential")
    response = save(clinician_client, inquiry, "confirmation", {"level": residential.pk})
    assert texts(response, "#confirmation .screen-error-summary li") == [
        "Clinician's note: Say why you change the recommended level."
    ]
    assert services.screen_of(inquiry.pk).confirmationsection.confirmed_at is None
    save(clinician_client, inquiry, "confirmation", {"level": residential.pk, "note": "Unsafe at home"})
    page = clinician_client.get(page_url(inquiry))
    assert one(page, "#confirmation-status").text.endswith(": Residential treatment. Note: Unsafe at home")
