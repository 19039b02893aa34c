"""Risk escalates at once: a high-risk screen, or a recent yes to question 6, shows the crisis card at
the top of the page, records when it was first shown and to whom, and e-mails the clinician on call
once, with a link and no health details. Withdrawal red flags flag a medical detox evaluation."""

from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.test import Client
from django.utils.formats import date_format

from intake.models import AccessRecord
from screening import services
from screening.models import RiskRule, Substance

from ..factories import UserFactory
from ..markup import one, select, texts

pytestmark = pytest.mark.django_db

CENTER = ZoneInfo("America/Los_Angeles")


def page_url(inquiry):
    return f"/admin/screening/screen/{inquiry.pk}/"


def answer_risk(client, inquiry, questions, yes=(), recent=None):
    page = client.get(page_url(inquiry))
    data = {"seen_updated_at": one(page, "#risk input[name=seen_updated_at]").attrs["value"], "answered_by": "person"}
    for position, question in questions.items():
        data[f"q{question.pk}"] = "yes" if position in yes else "no"
    if recent is not None:
        data[f"q{questions[6].pk}_recent"] = "yes" if recent else "no"
    response = client.post(f"/admin/screening/screen/{inquiry.pk}/save/risk/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    return response


def test_high_risk_shows_the_card_records_it_and_tells_the_on_call_once(
    admissions_client, admissions_user, inquiry, risk_questions, settings, django_capture_on_commit_callbacks
):
    settings.SCREENING_ON_CALL_EMAILS = ["oncall@center.example"]
    with django_capture_on_commit_callbacks(execute=True):
        answer_risk(admissions_client, inquiry, risk_questions, yes={1, 2, 4})
        page = admissions_client.get(page_url(inquiry) + "?saved=risk")
    card = one(page, "#screen-alerts .crisis-card")
    assert card.attrs["role"] == "alert"
    assert one(card, "h2").text == "Risk of suicide: act now"
    assert texts(card, "li") == [
        "Stay on the line with them. Do not end the call.",
        "Warm hand-off: call or text 988 (Suicide & Crisis Lifeline) together with them; call 911 if they are "
        "in immediate danger.",
        "Notify the clinician on call: an e-mail with a link to this screen is being sent. Until this card says it "
        "was sent, call them.",
    ]
    screen = services.screen_of(inquiry.pk)
    assert screen.risksection.risk_level == "high"
    assert screen.escalated_to == admissions_user
    assert screen.escalated_at is not None and screen.on_call_notified_at is not None
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["oncall@center.example"]
    assert message.subject == f"Clinician on call needed now: inquiry #{inquiry.pk}"
    assert message.body == (
        "A pre-admission screen has asked for the clinician on call. The coordinator is staying on the line.\n\n"
        f"Open the screen (log in required):\nhttp://127.0.0.1:8000/admin/screening/screen/{inquiry.pk}/\n\n"
        "For privacy, this e-mail carries no details about the person.\n"
    )
    for secret in ["Casey", "Caller", "kill", "high", "risk screen", "8185550199"]:
        assert secret not in message.subject + message.body
    # Shown again, and to a colleague: recorded and told once only.
    colleague = Client()
    colleague.force_login(UserFactory(group="Clinicians"))
    with django_capture_on_commit_callbacks(execute=True):
        admissions_client.get(page_url(inquiry))
        assert colleague.get(page_url(inquiry)).status_code == 200
    assert len(mail.outbox) == 1
    sent = services.screen_of(inquiry.pk).on_call_notified_at.astimezone(CENTER)
    assert texts(admissions_client.get(page_url(inquiry)), ".crisis-card li")[2] == (
        f"Notify the clinician on call: they were e-mailed a link to this screen at {date_format(sent, 'g:i A')}."
    )
    again = services.screen_of(inquiry.pk)
    assert (again.escalated_at, again.escalated_to) == (screen.escalated_at, admissions_user)


def test_a_recent_attempt_escalates_whatever_the_rules_say(admissions_client, inquiry, risk_questions):
    RiskRule.objects.filter(question=risk_questions[6]).update(level="low")
    answer_risk(admissions_client, inquiry, risk_questions, yes={6}, recent=True)
    page = admissions_client.get(page_url(inquiry))
    assert services.screen_of(inquiry.pk).risksection.risk_level == "low"
    assert len(select(page, ".crisis-card")) == 1


@pytest.mark.parametrize("yes, recent", [({1, 2}, None), ({3}, None), ({6}, False), (set(), None)])
def test_no_card_below_high_risk(admissions_client, inquiry, risk_questions, yes, recent):
    answer_risk(admissions_client, inquiry, risk_questions, yes=yes, recent=recent)
    page = admissions_client.get(page_url(inquiry))
    assert select(page, ".crisis-card") == []
    assert services.screen_of(inquiry.pk).escalated_at is None
    assert mail.outbox == []


def test_a_yes_to_question_six_asks_when(admissions_client, inquiry, risk_questions):
    page = admissions_client.get(page_url(inquiry))
    data = {"seen_updated_at": one(page, "#risk input[name=seen_updated_at]").attrs["value"], "answered_by": "person"}
    data[f"q{risk_questions[6].pk}"] = "yes"
    response = admissions_client.post(f"/admin/screening/screen/{inquiry.pk}/save/risk/", data)
    assert texts(response, "#risk .screen-error-summary li") == [
        "If yes: was this within the past 3 months?: Question 6: ask whether it was within the past 3 months."
    ]


@pytest.mark.parametrize(
    "withdrawal, substance, frequency, heavy, flagged",
    [
        ({"seizures": "yes"}, None, "", False, True),
        ({"delirium_tremens": "yes"}, None, "", False, True),
        ({"hospitalised": "yes"}, None, "", False, False),
        ({}, "Alcohol", "daily", True, True),
        ({}, "Benzodiazepines", "daily", True, True),
        ({}, "Alcohol", "daily", False, False),
        ({}, "Alcohol", "weekly", True, False),
        ({}, "Cannabis", "daily", True, False),
    ],
)
def test_withdrawal_red_flags(admissions_client, inquiry, withdrawal, substance, frequency, heavy, flagged):
    page = admissions_client.get(page_url(inquiry))
    stamp = one(page, "#withdrawal input[name=seen_updated_at]").attrs["value"]
    admissions_client.post(
        f"/admin/screening/screen/{inquiry.pk}/save/withdrawal/", {**withdrawal, "seen_updated_at": stamp}
    )
    if substance:
        pk = Substance.objects.get(name=substance).pk
        stamp = one(page, "#substances input[name=seen_updated_at]").attrs["value"]
        data = {"seen_updated_at": stamp, f"s{pk}_used": "on", f"s{pk}_frequency": frequency}
        if heavy:
            data[f"s{pk}_heavy"] = "on"
        assert admissions_client.post(f"/admin/screening/screen/{inquiry.pk}/save/substances/", data).status_code == 302
    flags = texts(admissions_client.get(page_url(inquiry)), ".detox-flag strong")
    assert flags == (["Medical detox evaluation needed"] if flagged else [])


def test_when_the_on_call_email_fails_the_card_says_to_call(
    admissions_client, inquiry, risk_questions, monkeypatch, django_capture_on_commit_callbacks
):
    def refuse(*args, **kwargs):
        raise ConnectionRefusedError("no mail server")

    monkeypatch.setattr("screening.services.send_mail", refuse)
    with django_capture_on_commit_callbacks(execute=True):
        answer_risk(admissions_client, inquiry, risk_questions, yes={2, 5})
        admissions_client.get(page_url(inquiry))
    page = admissions_client.get(page_url(inquiry))
    assert (
        texts(page, ".crisis-card li")[2]
        == "Notify the clinician on call: an e-mail with a link to this screen is being sent. Until this card says "
        "it was sent, call them."
    )
    screen = services.screen_of(inquiry.pk)
    assert screen.escalated_at is not None and screen.on_call_notified_at is None


def test_the_risk_section_says_the_card_is_shown_and_the_alerts_are_asked_again(
    admissions_client, inquiry, risk_questions, django_capture_on_commit_callbacks
):
    answer_risk(admissions_client, inquiry, risk_questions, yes={1, 2, 4})  # the on-call task not run yet
    page = admissions_client.get(page_url(inquiry) + "?saved=risk")
    notice = one(page, "#risk .screen-save .screen-crisis-notice")
    assert notice.text == "Crisis card shown at the top of the page: go to it."
    assert one(notice, "a").attrs["href"] == "#crisis-card"
    card = one(page, "#screen-alerts #crisis-card")
    assert card.attrs["tabindex"] == "-1"
    assert one(page, "[data-screen]").attrs["data-alerts-url"] == f"/admin/screening/screen/{inquiry.pk}/alerts/"
    assert "data-pending" in one(card, "#crisis-on-call").attrs

    # The alerts alone, as the page asks for them while the e-mail is being sent.
    services.notify_on_call.call(services.screen_of(inquiry.pk).pk)
    alerts = admissions_client.get(f"/admin/screening/screen/{inquiry.pk}/alerts/")
    sent = services.screen_of(inquiry.pk).on_call_notified_at.astimezone(CENTER)
    item = one(alerts, "#crisis-on-call")
    assert (
        item.text
        == f"Notify the clinician on call: they were e-mailed a link to this screen at {date_format(sent, 'g:i A')}."
    )
    assert "data-pending" not in item.attrs
    assert select(alerts, "#risk") == []
    assert AccessRecord.objects.filter(inquiry_ref=inquiry.pk).order_by("pk").values_list(
        "detail", flat=True
    ).last() == ("pre-admission screen: alerts refreshed")


def test_no_crisis_notice_without_the_card(admissions_client, inquiry, risk_questions):
    answer_risk(admissions_client, inquiry, risk_questions, yes={1})
    assert select(admissions_client.get(page_url(inquiry)), ".screen-crisis-notice") == []


def test_who_answered_is_asked_and_recorded(admissions_client, inquiry, risk_questions):
    page = admissions_client.get(page_url(inquiry))
    buttons = select(page, "#risk input[name=answered_by]")
    assert [(button.attrs["value"], button.parent.text) for button in buttons] == [
        ("person", "The person themselves"),
        ("caller", "The caller, on their behalf"),
    ]
    data = {"seen_updated_at": one(page, "#risk input[name=seen_updated_at]").attrs["value"]}
    data.update({f"q{question.pk}": "no" for question in risk_questions.values()})
    response = admissions_client.post(f"/admin/screening/screen/{inquiry.pk}/save/risk/", data)
    assert texts(response, "#risk .screen-error-summary li") == [
        "Who answered: Say who answered: the person themselves, or the caller for them."
    ]
    admissions_client.post(f"/admin/screening/screen/{inquiry.pk}/save/risk/", {**data, "answered_by": "caller"})
    assert services.screen_of(inquiry.pk).risksection.answered_by == "caller"
    summary = admissions_client.get(f"/admin/screening/screen/{inquiry.pk}/print/")
    assert one(summary, "p.risk-answered-by").text == "Answered by the caller, on their behalf."


@pytest.mark.parametrize("relationship, offered", [("self", "person"), ("parent", "caller"), ("", None)])
def test_who_answered_is_offered_from_who_called(admissions_client, inquiry, relationship, offered):
    inquiry.caller_relationship = relationship
    inquiry.save()
    page = admissions_client.get(page_url(inquiry))
    checked = [button.attrs["value"] for button in select(page, "#risk input[name=answered_by][checked]")]
    assert checked == ([offered] if offered else [])
