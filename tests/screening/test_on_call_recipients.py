"""The crisis card's e-mail to the clinician on call: with nobody to send it to, it failed (the card
keeps saying to call them), and `check --deploy` refuses such a list."""

import pytest
from django.core import mail

from screening import services
from screening.checks import on_call_emails_reach_someone

from ..factories import InquiryFactory, UserFactory
from ..markup import texts

pytestmark = pytest.mark.django_db


@pytest.fixture
def escalated_screen():
    screen = services.open_screen(InquiryFactory(), UserFactory())
    services.crisis_card_shown(screen, UserFactory())
    return screen


@pytest.mark.parametrize("addresses", [[], [""], ["  "]])
def test_no_recipients_is_a_failure(settings, escalated_screen, addresses):
    settings.SCREENING_ON_CALL_EMAILS = addresses
    assert services.notify_on_call.call(escalated_screen.pk) == "failed"
    assert mail.outbox == []
    assert services.screen_of(escalated_screen.inquiry_id).on_call_notified_at is None


def test_a_backend_that_sends_nothing_is_a_failure(settings, escalated_screen, monkeypatch):
    settings.SCREENING_ON_CALL_EMAILS = ["rhea@magnolia-recovery.org"]
    monkeypatch.setattr("screening.services.send_mail", lambda *args, **kwargs: 0)
    assert services.notify_on_call.call(escalated_screen.pk) == "failed"
    assert services.screen_of(escalated_screen.inquiry_id).on_call_notified_at is None


def test_the_card_keeps_saying_call_them(
    settings, admissions_client, inquiry, risk_questions, django_capture_on_commit_callbacks
):
    settings.SCREENING_ON_CALL_EMAILS = []
    screen = services.open_screen(inquiry, UserFactory())
    services.sections_of(screen)["risk"].__class__.objects.filter(screen=screen).update(risk_level="high")
    with django_capture_on_commit_callbacks(execute=True):
        admissions_client.get(f"/admin/screening/screen/{inquiry.pk}/")
    page = admissions_client.get(f"/admin/screening/screen/{inquiry.pk}/")
    assert texts(page, ".crisis-card li")[2] == (
        "Notify the clinician on call: an e-mail with a link to this screen is being sent. Until this card says "
        "it was sent, call them."
    )
    assert services.screen_of(inquiry.pk).on_call_notified_at is None


@pytest.mark.parametrize(
    ("addresses", "ids"),
    [
        ([], ["screening.E001"]),
        (["oncall@magnolia-recovery.example"], ["screening.E002"]),
        (["rhea@center.test", "oncall@example.com"], ["screening.E002"]),
        (["rhea@magnolia-recovery.org"], []),
    ],
)
def test_the_deploy_check_refuses_lists_that_reach_nobody(settings, addresses, ids):
    settings.SCREENING_ON_CALL_EMAILS = addresses
    assert [error.id for error in on_call_emails_reach_someone()] == ids
