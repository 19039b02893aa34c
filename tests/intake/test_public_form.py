import hashlib
import threading
import time
from datetime import timedelta
from unittest import mock

import pytest
from django.conf import settings as django_settings
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from intake import notifications
from intake.models import Inquiry, Notification, UsedStamp
from intake.spam import sign_start

from ..factories import LevelFactory
from ..intake_helpers import form_data, hidden_value, request_data
from ..markup import links, one, parse, select, texts

pytestmark = pytest.mark.django_db


def post(client, **overrides):
    return client.post("/contact/", form_data(**overrides))


@pytest.mark.parametrize(
    "overrides",
    [
        {},
        {"inquiry_for": "loved_one", "email": "", "preferred_contact": "text"},
        {"inquiry_for": "professional", "phone": "", "preferred_contact": "email"},
        {"payment": "self_pay", "insurance_carrier": "", "message": ""},
        {"phone": "+44 20 7946 0958", "best_time": "morning"},
    ],
)
def test_valid_submission_is_stored_and_redirects_to_thanks(client, overrides):
    response = post(client, **overrides)
    assert response.status_code == 302
    assert response["Location"] == "/contact/thanks/"
    inquiry = Inquiry.objects.get()
    assert inquiry.status == Inquiry.Status.NEW
    assert inquiry.name == "Sam Rivera"
    assert inquiry.consent_text.startswith("I agree that the admissions team may contact me")
    if overrides.get("phone") == "":
        assert inquiry.phone == ""
    elif "phone" in overrides:
        assert str(inquiry.phone) == "+442079460958"
    else:
        assert str(inquiry.phone) == "+18185550134"


def test_level_is_stored(client):
    level = LevelFactory(slug="iop")
    post(client, level="iop")
    assert Inquiry.objects.get().level == level


def test_thanks_page_shows_next_steps_and_reload_does_not_resubmit(client):
    response = client.post("/contact/", form_data(), follow=True)
    assert response.redirect_chain == [("/contact/thanks/", 302)]
    page = parse(response)
    assert texts(page, "main h2") == ["What happens next"]
    assert texts(page, "main ol li") == [
        "An admissions coordinator reaches out to hear what is going on and answer your questions.",
        "If you wish, we check your insurance benefits, free and without obligation.",
        "A clinician evaluates what level of care fits, and together you plan the next step.",
    ]
    assert links(page, "tel:") == [
        ("tel:+18184312224", "(818) 431-2224"), ("tel:+18184312224", "(818) 431-2224"), ("tel:911", "911"),
        ("tel:988", "988"), ("tel:+18006624357", "1-800-662-4357"),
    ]  # fmt: skip
    client.get("/contact/thanks/")
    client.get("/contact/thanks/")
    assert Inquiry.objects.count() == 1


@pytest.mark.parametrize(
    ("overrides", "errors"),
    [
        ({"name": ""}, {"name": "Enter your first name"}),
        ({"name": "x" * 101}, {"name": "Ensure this value has at most 100 characters (it has 101)."}),
        ({"phone": "", "email": ""}, {"phone": "Enter a phone number or an e-mail address"}),
        ({"email": "nobody@"}, {"email": "Write a whole e-mail address, for example name@example.com."}),
        ({"message": "x" * 2001}, {"message": "Ensure this value has at most 2000 characters (it has 2001)."}),
        ({"consent": None}, {"consent": "Check the box to let us contact you"}),
        ({"inquiry_for": "alien"},
         {"inquiry_for": "Select a valid choice. alien is not one of the available choices."}),
        ({"level": "no-such-level"},
         {"level": "Select a valid choice. That choice is not one of the available choices."}),
        ({"phone": "", "preferred_contact": "call"},
         {"phone": "You asked us to call or text: add a phone number, or choose e-mail."}),
        ({"email": "", "preferred_contact": "email"},
         {"email": "You asked for an e-mail: add an e-mail address, or choose a call."}),
    ],
)  # fmt: skip
def test_errors_are_explained_and_input_is_kept(client, overrides, errors):
    response = post(client, **overrides)
    assert response.status_code == 200
    page = parse(response)
    summary = one(page, "#error-summary")
    assert "autofocus" in summary.attrs
    things = "1 thing" if len(errors) == 1 else f"{len(errors)} things"
    assert texts(summary, "h2") == [f"Please fix {things} below. Everything you typed is still here."]
    anchor = {"inquiry_for": "#id_inquiry_for_0"}  # a group of radio buttons: its first
    # Each message alone (it says what to do): no label before it, which for the consent box was its whole text.
    assert [(a.attrs["href"], a.text) for a in summary.select("li a")] == [
        (anchor.get(field, f"#id_{field}"), message) for field, message in errors.items()
    ]
    assert [(e.attrs["id"], e.text) for e in select(page, "form .invalid-feedback")] == [
        (f"id_{field}_error", message) for field, message in errors.items()
    ]
    marked = {e.attrs["name"] for e in select(page, "form [aria-invalid=true]") if "is-invalid" in e.attrs["class"]}
    assert marked == set(errors)
    kept = form_data(**overrides)
    for key in ("name", "insurance_carrier"):
        assert one(page, f"input[name={key}]").attrs.get("value", "") == kept.get(key, ""), key
    assert one(page, "textarea[name=message]").text == kept.get("message", "")
    assert not Inquiry.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"phone": "12"}, "phone", "Enter a valid phone number"),
        ({"phone": "not a phone"}, "phone", "Enter a valid phone number"),
    ],
)
def test_a_phone_number_that_is_not_one_is_explained_and_input_is_kept(client, overrides, field, message):
    response = post(client, **overrides)
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert 'id="error-summary"' in html and "autofocus" in html
    if field:
        assert f'href="#id_{field}' in html
        assert 'aria-invalid="true"' in html or "is-invalid" in html
    kept = form_data(**overrides)
    for key in ("name", "insurance_carrier"):
        if kept.get(key) and len(kept[key]) <= 100:
            assert f'value="{kept[key]}"' in html
    if kept.get("message") and len(kept["message"]) < 100:
        assert kept["message"] in html
    assert not Inquiry.objects.exists()


def test_control_characters_are_stripped(client):
    post(client, name="Sam\x00 \x1b[31mRivera\u202e", message="Line one\r\nLine\x07 two")
    inquiry = Inquiry.objects.get()
    assert inquiry.name == "Sam [31mRivera"
    assert inquiry.message == "Line one\nLine two"


def test_contact_page_preselects_level_and_ignores_unknown(client):
    LevelFactory(slug="iop")
    LevelFactory(slug="hidden", is_published=False)
    chosen = select(client.get("/contact/?level=iop"), "#id_level option[selected]")
    assert [option.attrs["value"] for option in chosen] == ["iop"]
    page = parse(client.get("/contact/?level=hidden"))
    assert [option.attrs["value"] for option in page.select("#id_level option")] == ["", "iop"]
    assert [(o.attrs["value"], o.text) for o in page.select("#id_level option[selected]")] == [("", "Not sure")]
    odd = client.get("/contact/?level=%ff")
    assert [option.attrs["value"] for option in select(odd, "#id_level option[selected]")] == [""]
    assert client.get("/contact/?level=%00%ff").status_code == 400  # refused for every page


LABELS = {
    "name": "First name*", "phone": "Phone", "email": "E-mail",
    "message": "Anything you would like us to know (optional)",
    "insurance_carrier": "Insurance carrier (optional)",
}  # fmt: skip
CONSENT = (
    "I agree that the admissions team may contact me by the phone number or e-mail I gave, about treatment "
    "options. This is not a commitment to treatment."
)


def test_form_is_labelled_and_explains_consent(client):
    page = parse(client.get("/contact/"))
    for field in ("name", "phone", "email", "insurance_carrier", "message"):
        assert texts(page, f"label[for=id_{field}]") == [LABELS[field]], field
    assert texts(page, "label[for=id_consent]") == [CONSENT + "*"]
    assert one(page, "#id_message_helptext").text == (
        "Up to 2,000 characters. Please do not include medical details you would rather not share in writing; "
        "we can talk by phone."
    )
    assert one(page, "#id_phone").attrs["autocomplete"] == "tel"


def test_honeypot_is_stored_as_spam_with_the_same_thanks(client):
    response = post(client, website="http://spam.example")
    assert response.status_code == 302 and response["Location"] == "/contact/thanks/"
    inquiry = Inquiry.objects.get()
    assert inquiry.status == Inquiry.Status.SPAM
    assert inquiry.spam_reason == Inquiry.SpamReason.HONEYPOT
    assert mail.outbox == []


@pytest.mark.parametrize("started", [lambda: sign_start(time.time() - 1), lambda: "forged", lambda: ""])
def test_too_fast_or_forged_timestamp_is_stored_as_spam(client, started):
    response = post(client, started=started())
    assert response.status_code == 302
    inquiry = Inquiry.objects.get()
    assert inquiry.status == Inquiry.Status.SPAM
    assert inquiry.spam_reason == Inquiry.SpamReason.TOO_FAST


def test_min_fill_time_is_a_setting(client, settings):
    settings.INTAKE_MIN_FILL_SECONDS = 0
    post(client, started=sign_start(time.time()))
    assert Inquiry.objects.get().status == Inquiry.Status.NEW


def test_a_form_stamp_is_accepted_once_and_a_replay_is_kept_as_spam(client, settings):
    settings.INTAKE_RATE_LIMIT = "0"
    stamp = sign_start(time.time() - 30)
    for name in ("First Sender", "Second Sender", "Third Sender"):
        assert post(client, name=name, started=stamp).status_code == 302
    assert list(Inquiry.objects.order_by("pk").values_list("name", "status", "spam_reason")) == [
        ("First Sender", "new", ""),
        ("Second Sender", "spam", "replayed"),
        ("Third Sender", "spam", "replayed"),
    ]


def test_the_insurance_form_accepts_a_stamp_once_too(client, settings):
    settings.INTAKE_RATE_LIMIT = "0"
    stamp = sign_start(time.time() - 30)
    for _ in range(2):
        assert client.post("/insurance/verify/", request_data(started=stamp)).status_code == 302
    assert list(Inquiry.objects.order_by("pk").values_list("status", "spam_reason")) == [
        ("new", ""),
        ("spam", "replayed"),
    ]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_one_stamp_sent_at_once_from_eight_places_is_accepted_once(settings):
    settings.INTAKE_RATE_LIMIT = "0"
    stamp = sign_start(time.time() - 30)
    barrier, statuses = threading.Barrier(8), []

    def send(index):
        try:
            barrier.wait(timeout=30)
            statuses.append(Client().post("/contact/", form_data(name=f"Sender {index}", started=stamp)).status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=send, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert statuses == [302] * 8
    assert sorted(Inquiry.objects.values_list("spam_reason", flat=True)) == [""] + ["replayed"] * 7


def test_two_forms_served_in_the_same_second_have_stamps_of_their_own():
    now = time.time()
    assert sign_start(now) != sign_start(now)


def test_a_form_shown_again_after_an_error_or_a_csrf_refusal_still_goes_through(settings):
    settings.INTAKE_MIN_FILL_SECONDS = 0
    visitor = Client(enforce_csrf_checks=True)
    page = visitor.get("/contact/").content.decode()
    stamp, token = hidden_value(page, "started"), hidden_value(page, "csrfmiddlewaretoken")
    wrong = visitor.post("/contact/", form_data(name="", started=stamp, csrfmiddlewaretoken=token))
    assert wrong.status_code == 200 and hidden_value(wrong.content.decode(), "started") == stamp
    refused = visitor.post("/contact/", form_data(started=stamp))  # no CSRF token
    assert refused.status_code == 403 and hidden_value(refused.content.decode(), "started") == stamp
    assert visitor.post("/contact/", form_data(started=stamp, csrfmiddlewaretoken=token)).status_code == 302
    assert list(Inquiry.objects.values_list("status", "spam_reason")) == [("new", "")]


def test_used_stamps_are_forgotten_once_too_old_to_be_accepted(client, settings):
    expired = timezone.now() - timedelta(seconds=settings.INTAKE_MAX_FORM_AGE_SECONDS + 60)
    UsedStamp.objects.create(digest="0" * 64, started_at=expired)
    stamp = sign_start(time.time() - 30)
    post(client, started=stamp)
    assert list(UsedStamp.objects.values_list("digest", flat=True)) == [hashlib.sha256(stamp.encode()).hexdigest()]


def test_rate_limit_answers_429_with_the_helpline(client, settings):
    settings.INTAKE_RATE_LIMIT = "5/10m"
    for _ in range(5):
        assert post(client).status_code == 302
    response = post(client, message="The sixth message")
    assert response.status_code == 429
    page = parse(response)
    assert one(page, "main [role=alert] strong").text == "Please call us instead: (818) 431-2224"
    assert links(page, "tel:+18184312224") == [("tel:+18184312224", "(818) 431-2224")]
    assert one(page, "textarea[name=message]").text == "The sixth message"  # what they typed is still there
    assert Inquiry.objects.count() == 5
    other = client.post("/contact/", form_data(), REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 302


def test_rate_limit_can_be_turned_off(client, settings):
    settings.INTAKE_RATE_LIMIT = "0"
    for _ in range(8):
        assert post(client).status_code == 302


def test_invalid_submissions_do_not_use_up_the_limit(client, settings):
    settings.INTAKE_RATE_LIMIT = "2/10m"
    for _ in range(5):
        assert post(client, name="").status_code == 200
    assert post(client).status_code == 302


def test_forwarded_for_is_trusted_only_when_configured(client, settings):
    settings.INTAKE_RATE_LIMIT = "1/10m"
    assert client.post("/contact/", form_data(), HTTP_X_FORWARDED_FOR="1.1.1.1").status_code == 302
    # Without trusted proxies every forwarded address is the same client (REMOTE_ADDR).
    assert client.post("/contact/", form_data(), HTTP_X_FORWARDED_FOR="2.2.2.2").status_code == 429
    settings.TRUSTED_PROXY_COUNT = 1
    assert client.post("/contact/", form_data(), HTTP_X_FORWARDED_FOR="9.9.9.9, 3.3.3.3").status_code == 302
    assert client.post("/contact/", form_data(), HTTP_X_FORWARDED_FOR="8.8.8.8, 3.3.3.3").status_code == 429


def test_notification_has_no_personal_data(client, settings, django_capture_on_commit_callbacks):
    settings.INTAKE_NOTIFY_EMAILS = ["team@example.org"]
    with django_capture_on_commit_callbacks(execute=True):
        post(client, name="Very Unique Name", message="Private health detail", insurance_carrier="Carrier X")
    inquiry = Inquiry.objects.get()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["team@example.org"]
    # Only that an inquiry arrived and where: no name, message, carrier, number or address.
    assert message.subject == f"New inquiry #{inquiry.pk} on the website"
    assert message.body == (
        "A new inquiry has arrived through the website.\n\n"
        "Open it in the admissions inbox (log in required):\n"
        f"{django_settings.SITE_URL}/admin/intake/inquiry/{inquiry.pk}/change/\n\n"
        "For privacy, this e-mail carries no details about the person.\n"
    )
    notification = Notification.objects.get()
    assert notification.status == Notification.Status.SENT and notification.attempts == 1


def test_mail_server_down_still_thanks_the_person_and_retries(client, caplog, django_capture_on_commit_callbacks):
    failing = mock.patch("intake.notifications.send_mail", side_effect=ConnectionRefusedError("smtp down"))
    with failing, django_capture_on_commit_callbacks(execute=True):
        response = post(client)
    assert response.status_code == 302 and response["Location"] == "/contact/thanks/"
    inquiry = Inquiry.objects.get()
    notification = Notification.objects.get()
    assert notification.status == Notification.Status.FAILED
    assert notification.attempts == 1
    assert notification.last_error == "ConnectionRefusedError: smtp down"
    assert "Sam Rivera" not in caplog.text and "sam@example.com" not in caplog.text
    call_command("retry_notifications", stdout=open("/dev/null", "w"))  # noqa: SIM115
    notification.refresh_from_db()
    assert notification.status == Notification.Status.SENT and notification.attempts == 2
    assert [sent.subject for sent in mail.outbox] == [f"New inquiry #{inquiry.pk} on the website"]


DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


# The worker manages its own database connections, so these tests commit for real.
@pytest.mark.django_db(transaction=True)
def test_notification_goes_through_the_database_queue_and_worker(client, settings):
    settings.TASKS = DB_TASKS
    post(client)
    assert DBTaskResult.objects.count() == 1 and mail.outbox == []
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    assert len(mail.outbox) == 1
    assert Notification.objects.get().status == Notification.Status.SENT


@pytest.mark.django_db(transaction=True)
def test_failed_delivery_is_requeued_with_backoff(client, settings):
    settings.TASKS = DB_TASKS
    post(client)
    with mock.patch("intake.notifications.send_mail", side_effect=OSError("down")):
        call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    notification = Notification.objects.get()
    assert notification.status == Notification.Status.FAILED and notification.attempts == 1
    retry = DBTaskResult.objects.filter(status="READY").get()
    assert retry.run_after is not None and retry.run_after > timezone.now()
    assert notifications.retry_delay(1).total_seconds() == 60
    assert notifications.retry_delay(10).total_seconds() == 3600


def test_notification_is_sent_after_commit_only(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        post(client)
    assert Inquiry.objects.exists() and mail.outbox == [] and len(callbacks) == 1


def test_attribution_first_and_last_touch(client):
    client.get("/faq/?utm_source=google&utm_campaign=iop", HTTP_REFERER="https://www.google.com/")
    client.get("/levels-of-care/")
    client.get("/?utm_source=newsletter", HTTP_REFERER="https://mail.example.com/")
    post(client)
    attribution = Inquiry.objects.get().attribution
    assert attribution["first_touch"]["utm_source"] == "google"
    assert attribution["first_touch"]["landing_page"].startswith("/faq/")
    assert attribution["first_touch"]["referrer"] == "https://www.google.com/"
    assert attribution["last_touch"]["utm_source"] == "newsletter"


def test_tampered_attribution_cookie_is_ignored(client):
    client.cookies["mg_first_touch"] = "forged"
    assert post(client).status_code == 302
    assert Inquiry.objects.get().attribution["first_touch"]["landing_page"] == "/contact/"


def test_each_visitor_keeps_their_own_first_arrival_and_an_expired_cookie_is_refused(time_machine):
    time_machine.move_to(timezone.now(), tick=False)
    visitors = [Client(), Client(), Client()]
    visitors[0].get("/faq/?utm_source=google")
    visitors[1].get("/faq/?utm_source=newsletter")
    visitors[2].get("/faq/?utm_source=google")
    for visitor in visitors:
        post(visitor)
    first_arrivals = [inquiry.attribution["first_touch"] for inquiry in Inquiry.objects.order_by("pk")]
    assert [arrival["utm_source"] for arrival in first_arrivals] == ["google", "newsletter", "google"]
    time_machine.shift(timedelta(days=91))  # past the cookie's max age: the old signature is too old
    late = Client()
    late.cookies["mg_first_touch"] = visitors[0].cookies["mg_first_touch"].value
    post(late)
    assert Inquiry.objects.latest("pk").attribution["first_touch"]["landing_page"] == "/contact/"
