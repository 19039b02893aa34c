"""What the center edits for its screen, and who may: clinicians keep the rules; admissions add places
referred out to; content editors see none of it. Whoever may see screens signs in with a second step."""

import pytest
from django.contrib.auth.models import Permission
from django.test import Client

from screening.models import LevelRule, ReferralOut
from staff.two_factor.middleware import needs_second_factor

from ..factories import LevelFactory, UserFactory
from ..markup import texts

pytestmark = pytest.mark.django_db


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize(
    "group, level_rules, referrals_out",
    [("Clinicians", 200, 200), ("Admissions", 403, 200), ("Content editors", 403, 403), ("Reviewers", 403, 403)],
)
def test_who_edits_the_lists(group, level_rules, referrals_out):
    client = client_for(UserFactory(group=group))
    assert client.get("/admin/screening/levelrule/add/").status_code == level_rules
    assert client.get("/admin/screening/referralout/add/").status_code == referrals_out


def test_a_clinician_adds_a_level_rule(clinician_client):
    detox = LevelFactory(name="Medical detox", short_name="Detox", slug="medical-detox")
    response = clinician_client.post(
        "/admin/screening/levelrule/add/",
        {"position": 5, "fact": "withdrawal_red_flag", "level": detox.pk, "is_active": "on"},
    )
    assert response.status_code == 302
    assert [str(rule) for rule in LevelRule.objects.all()] == [
        "Withdrawal red flag (seizures, DTs, heavy daily alcohol or benzodiazepines) → Detox"
    ]


def test_screens_are_not_listed_on_the_admin_index(client, superuser):
    client.force_login(superuser)
    page = client.get("/admin/")
    assert texts(page, ".app-screening th a") == [
        "Level rules", "Referrals out", "Risk questions", "Substances"
    ]  # fmt: skip


def test_the_referral_list_reaches_no_screen_through_a_filter_for_someone_who_may_not_see_screens():
    user = UserFactory()
    user.user_permissions.add(Permission.objects.get(codename="view_referralout"))
    ReferralOut.objects.create(name="County Hospital detox unit")
    client = client_for(user)
    assert client.get("/admin/screening/referralout/").status_code == 200
    assert client.get("/admin/screening/referralout/?outcomes__not_fit_reason=payer").status_code == 400


def test_whoever_may_see_screens_signs_in_with_a_second_step(settings):
    settings.STAFF_REQUIRE_2FA = True
    user = UserFactory()
    user.user_permissions.add(Permission.objects.get(codename="view_screen"))
    assert needs_second_factor(user)
    assert needs_second_factor(UserFactory(group="Clinicians"))
