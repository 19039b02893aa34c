"""Each page and action of the admins built on admissions.access.AccessLoggedAdminMixin leaves exactly
one access record on each inquiry it showed or changed (or one for a list, and one more for a search
on it): the rows asserted whole, so a record written twice, or by a page that forgot, shows."""

from datetime import date
from types import SimpleNamespace

import pytest
from django.contrib import admin
from django.db import transaction
from django.test import Client

from admissions.access import AccessLoggedAdminMixin
from intake.models import AccessRecord, Inquiry, InsuranceVerification

from ..factories import InquiryFactory, UserFactory
from ..intake_helpers import MEMBER_ID, inquiry_form

pytestmark = pytest.mark.django_db

INQUIRIES = "/admin/intake/inquiry/"
VERIFICATIONS = "/admin/intake/insuranceverification/"
INLINES = {"TOTAL_FORMS": "0", "INITIAL_FORMS": "0", "MIN_NUM_FORMS": "0", "MAX_NUM_FORMS": "1000"}


@pytest.fixture(scope="module")
def made(django_db_setup, django_db_blocker):
    """Three inquiries assigned to a colleague, each with a verification, and who works them (built
    once, rolled back after the module)."""
    with django_db_blocker.unblock(), transaction.atomic():
        colleague = UserFactory(username="colleague", group="Admissions")
        inquiries = [InquiryFactory(name=f"Person {n}", assigned_to=colleague) for n in range(3)]
        yield SimpleNamespace(
            coordinator=UserFactory(username="coordinator", group="Admissions"),
            boss=UserFactory(username="head-of-admissions", is_superuser=True),
            colleague=colleague,
            inquiries=inquiries,
            verifications=[
                InsuranceVerification.objects.create(
                    inquiry=inquiry, carrier="aetna", member_id=MEMBER_ID, patient_birth_date=date(1980, 1, 2)
                )
                for inquiry in inquiries
            ],
        )
        transaction.set_rollback(True)


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def records():
    return list(AccessRecord.objects.order_by("pk").values_list("user", "inquiry_ref", "action", "detail"))


def staff_inquiry():
    return {
        "channel": "phone", "received_as": "live", "language": "en", "referral_source": "", "referral_contact": "",
        "name": "Walk In Person",
        "phone": "818-555-0101", "email": "", "preferred_contact": "call", "best_time": "any",
        "inquiry_for": "myself", "level": "", "payment": "not_sure", "insurance_carrier": "", "message": "",
        "assigned_to": "", "follow_up_step": "", "follow_up_at_0": "", "follow_up_at_1": "", "follow_up_owner": "",
        **{f"notifications-{key}": value for key, value in INLINES.items()},
    }  # fmt: skip


def verification_form(inquiry, **changes):
    return {
        "inquiry": inquiry.pk, "carrier": "aetna", "carrier_other": "", "group_number": "",
        "patient_birth_date": "1980-01-02", "subscriber": "self", "subscriber_name": "", "status": "in_progress",
        "result": "", "plan_type": "", "notes": "Called the plan.", "deductible": "", "deductible_met": "",
        "out_of_pocket_max": "", "out_of_pocket_met": "",
        **{f"benefits-{key}": value for key, value in INLINES.items()}, **changes,
    }  # fmt: skip


def done(response, status=302):
    assert response.status_code == status, response.content.decode()[-1500:]


# Each case does one thing and returns the records it must leave, (who, inquiry, action, detail).


def inquiry_added(made):
    coordinator = made.coordinator
    done(signed_in(coordinator).post(INQUIRIES + "add/", staff_inquiry()))
    added = Inquiry.objects.get(name="Walk In Person")
    return [(coordinator.pk, added.pk, "change", "added")]


def inquiry_changed(made):
    inquiry = made.inquiries[0]
    done(signed_in(made.coordinator).post(f"{INQUIRIES}{inquiry.pk}/change/", inquiry_form(inquiry, name="New Name")))
    return [(made.coordinator.pk, inquiry.pk, "change", "")]


def inquiry_that_does_not_exist_saved(made):
    """The admin sends them away: nothing was shown or changed."""
    done(signed_in(made.coordinator).post(f"{INQUIRIES}999999/change/", inquiry_form(made.inquiries[0])))
    return []


def inquiry_deleted(made):
    inquiry = made.inquiries[0]
    done(signed_in(made.boss).post(f"{INQUIRIES}{inquiry.pk}/delete/", {"post": "yes"}))
    return [(made.boss.pk, inquiry.pk, "delete", "")]


def inquiries_deleted_by_the_action(made):
    first, second, _ = made.inquiries
    chosen = {"action": "delete_selected", "_selected_action": [first.pk, second.pk]}
    boss = signed_in(made.boss)
    done(boss.post(INQUIRIES, chosen), 200)  # the confirmation: a page of the action's, not the list
    done(boss.post(INQUIRIES, {**chosen, "post": "yes"}))
    return [
        (made.boss.pk, first.pk, "view", "delete confirmation"),
        (made.boss.pk, second.pk, "view", "delete confirmation"),
        (made.boss.pk, first.pk, "delete", ""),
        (made.boss.pk, second.pk, "delete", ""),
    ]


def inquiry_delete_confirmation(made):
    inquiry = made.inquiries[0]
    done(signed_in(made.boss).get(f"{INQUIRIES}{inquiry.pk}/delete/"), 200)
    return [(made.boss.pk, inquiry.pk, "view", "delete confirmation")]


def inquiries_listed(made):
    done(signed_in(made.coordinator).get(INQUIRIES, {"status": "new", "o": "2", "p": "1"}), 200)
    return [(made.coordinator.pk, None, "list", "filters: status")]


def inquiries_searched(made):
    done(signed_in(made.coordinator).get(INQUIRIES, {"q": "Person 1"}), 200)
    return [(made.coordinator.pk, None, "list", "filters: none"), (made.coordinator.pk, None, "search", "a name")]


def inquiry_shown(made):
    inquiry = made.inquiries[0]
    done(signed_in(made.coordinator).get(f"{INQUIRIES}{inquiry.pk}/change/"), 200)
    return [(made.coordinator.pk, inquiry.pk, "view", "")]


def inquiry_history(made):
    inquiry = made.inquiries[0]
    done(signed_in(made.coordinator).get(f"{INQUIRIES}{inquiry.pk}/history/"), 200)
    return [(made.coordinator.pk, inquiry.pk, "view", "history")]


def inquiries_assigned_to_me(made):
    """From a list filtered on the colleague they are taken from: they leave the list as they change."""
    first, second, _ = made.inquiries
    listed = f"{INQUIRIES}?assigned_to__id__exact={made.colleague.pk}"
    done(
        signed_in(made.coordinator).post(listed, {"action": "assign_to_me", "_selected_action": [first.pk, second.pk]})
    )
    assert set(Inquiry.objects.filter(assigned_to=made.coordinator)) == {first, second}
    return [(made.coordinator.pk, first.pk, "change", ""), (made.coordinator.pk, second.pk, "change", "")]


def inquiry_moved_by_the_action(made):
    inquiry = made.inquiries[0]
    chosen = {"action": "mark_spam", "_selected_action": [inquiry.pk], "confirmed": "yes"}
    done(signed_in(made.coordinator).post(INQUIRIES, chosen))
    return [(made.coordinator.pk, inquiry.pk, "change", "")]


def contact_logged(made):
    inquiry = made.inquiries[0]
    contact = {"kind": "call", "outcome": "reached", "text": ""}
    done(signed_in(made.coordinator).post(f"{INQUIRIES}{inquiry.pk}/log-contact/", contact))
    return [(made.coordinator.pk, inquiry.pk, "change", "logged a contact")]


def dashboard_shown(made):
    done(signed_in(made.coordinator).get(f"{INQUIRIES}speed-to-lead/"), 200)
    return [(made.coordinator.pk, None, "list", "speed-to-lead dashboard (figures only)")]


def verification_added(made):
    inquiry = made.inquiries[2]
    data = verification_form(inquiry, member_id="K-55501234", status="requested")
    done(signed_in(made.coordinator).post(f"{VERIFICATIONS}add/", data))
    return [(made.coordinator.pk, inquiry.pk, "change", "added verification")]


def verification_changed(made):
    verification = made.verifications[0]
    data = verification_form(verification.inquiry)
    done(signed_in(made.coordinator).post(f"{VERIFICATIONS}{verification.pk}/change/", data))
    return [(made.coordinator.pk, verification.inquiry_id, "change", "insurance verification")]


def verification_deleted(made):
    verification = made.verifications[0]
    done(signed_in(made.boss).post(f"{VERIFICATIONS}{verification.pk}/delete/", {"post": "yes"}))
    return [(made.boss.pk, verification.inquiry_id, "delete", "insurance verification")]


def verifications_deleted_by_the_action(made):
    first, second, _ = made.verifications
    chosen = {"action": "delete_selected", "_selected_action": [first.pk, second.pk], "post": "yes"}
    done(signed_in(made.boss).post(VERIFICATIONS, chosen))
    return [
        (made.boss.pk, first.inquiry_id, "delete", "insurance verification"),
        (made.boss.pk, second.inquiry_id, "delete", "insurance verification"),
    ]


def verification_delete_confirmation(made):
    verification = made.verifications[0]
    done(signed_in(made.boss).get(f"{VERIFICATIONS}{verification.pk}/delete/"), 200)
    return [(made.boss.pk, verification.inquiry_id, "view", "insurance verification; delete confirmation")]


def verifications_listed(made):
    done(signed_in(made.coordinator).get(VERIFICATIONS, {"status__exact": "requested", "o": "1"}), 200)
    return [(made.coordinator.pk, None, "list", "insurance verifications, filters: status__exact")]


def verifications_searched(made):
    """The list has no search box: text sent as a search searches nothing, and is recorded as nothing."""
    done(signed_in(made.coordinator).get(VERIFICATIONS, {"q": "aetna"}), 200)
    return [(made.coordinator.pk, None, "list", "insurance verifications, filters: none")]


def verification_shown(made):
    verification = made.verifications[0]
    done(signed_in(made.coordinator).get(f"{VERIFICATIONS}{verification.pk}/change/"), 200)
    return [(made.coordinator.pk, verification.inquiry_id, "view", "insurance verification")]


def verification_shown_revealed(made):
    verification = made.verifications[0]
    done(signed_in(made.coordinator).get(f"{VERIFICATIONS}{verification.pk}/change/", {"reveal": "member_id"}), 200)
    return [(made.coordinator.pk, verification.inquiry_id, "view", "insurance verification; revealed member ID")]


def verification_history(made):
    verification = made.verifications[0]
    done(signed_in(made.coordinator).get(f"{VERIFICATIONS}{verification.pk}/history/"), 200)
    return [(made.coordinator.pk, verification.inquiry_id, "view", "insurance verification; history")]


CASES = {
    "inquiry": [
        inquiry_added, inquiry_changed, inquiry_that_does_not_exist_saved, inquiry_deleted,
        inquiries_deleted_by_the_action, inquiry_delete_confirmation, inquiries_listed, inquiries_searched,
        inquiry_shown, inquiry_history, inquiries_assigned_to_me, inquiry_moved_by_the_action, contact_logged,
        dashboard_shown,
    ],
    "insuranceverification": [
        verification_added, verification_changed, verification_deleted, verifications_deleted_by_the_action,
        verification_delete_confirmation, verifications_listed, verifications_searched, verification_shown,
        verification_shown_revealed, verification_history,
    ],
}  # fmt: skip


@pytest.mark.parametrize("case", [case for cases in CASES.values() for case in cases], ids=lambda case: case.__name__)
def test_each_page_and_action_leaves_exactly_its_records(made, case):
    expected = case(made)
    # Rows written together (a bulk action's) are in no particular order among themselves.
    assert sorted(records(), key=repr) == sorted(expected, key=repr)


def test_every_admin_built_on_the_mixin_has_its_cases_above():
    built = {
        model._meta.model_name
        for model, model_admin in admin.site._registry.items()
        if isinstance(model_admin, AccessLoggedAdminMixin)
    }
    assert built == CASES.keys()
