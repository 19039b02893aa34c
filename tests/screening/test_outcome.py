"""The screen's outcome: accepted for a level, or not a fit with a reason and where they were referred."""

import pytest

from screening import services
from screening.models import ReferralOut

from ..factories import LevelFactory
from ..markup import one, texts

pytestmark = pytest.mark.django_db


def save(client, inquiry, data):
    page = client.get(f"/admin/screening/screen/{inquiry.pk}/")
    data = {**data, "seen_updated_at": one(page, "#outcome input[name=seen_updated_at]").attrs["value"]}
    return client.post(f"/admin/screening/screen/{inquiry.pk}/save/outcome/", data)


def test_accepted_needs_a_level(admissions_client, inquiry):
    iop = LevelFactory(name="Intensive outpatient program", short_name="IOP", slug="iop")
    response = save(admissions_client, inquiry, {"outcome": "accepted"})
    assert texts(response, "#outcome .screen-error-summary li") == [
        "Accepted for: Choose the level of care they are accepted for."
    ]
    assert save(admissions_client, inquiry, {"outcome": "accepted", "level": iop.pk}).status_code == 302
    outcome = services.screen_of(inquiry.pk).outcomesection
    assert (outcome.outcome, outcome.level, outcome.not_fit_reason) == ("accepted", iop, "")


def test_not_a_fit_needs_a_reason_and_may_name_a_referral(admissions_client, inquiry):
    hospital = ReferralOut.objects.create(name="County Hospital detox unit")
    ReferralOut.objects.create(name="Closed program", is_active=False)
    page = admissions_client.get(f"/admin/screening/screen/{inquiry.pk}/")
    assert texts(page, "#outcome select[name=referred_to] option") == ["---------", "County Hospital detox unit"]
    response = save(admissions_client, inquiry, {"outcome": "not_a_fit"})
    assert texts(response, "#outcome .screen-error-summary li") == [
        "Why not a fit: Choose why the center is not a fit."
    ]
    data = {"outcome": "not_a_fit", "not_fit_reason": "medical", "referred_to": hospital.pk}
    assert save(admissions_client, inquiry, data).status_code == 302
    outcome = services.screen_of(inquiry.pk).outcomesection
    assert (outcome.get_not_fit_reason_display(), outcome.referred_to) == ("Medical needs beyond the center", hospital)
