"""Two-step sign-in for staff who see inquiries: set up with an authenticator app, recovery codes,
the code asked at each sign-in, and the setting that turns it on and off."""

from base64 import b32decode
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.conf import settings
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.models import Permission
from django.test import Client
from django.utils import timezone
from django.utils.http import urlencode
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from faq.models import Article
from staff.people_admin import RESET_MESSAGE
from staff.two_factor.views import new_recovery_codes

from ..factories import ArticleFactory, PageFactory, UserFactory
from ..markup import listed, one, select, texts

pytestmark = pytest.mark.django_db
INBOX = "/admin/intake/inquiry/"
SETUP = "/admin/two-step/set-up/"
VERIFY = "/admin/two-step/code/"
NO_MATCH = "That code does not match. Check the app's clock and type the code it shows now."
NOT_RIGHT = "That code is not right, or was used already. Codes change every 30 seconds."


@pytest.fixture(autouse=True)
def _required(settings):
    settings.STAFF_REQUIRE_2FA = True


def sign_in(username):
    client = Client()
    response = client.post("/admin/login/", {"username": username, "password": "a-strong-test-pass", "next": INBOX})
    assert response.status_code == 302
    return client, response


def code_for(device):
    return code_from(device.bin_key)


def code_from(key):
    """The code an app holding this secret shows now."""
    return f"{totp(key):06d}"


def shown_key(response):
    """The secret the set-up page shows to type into an app."""
    return b32decode(one(response, "code.two-step-key").text.replace(" ", ""))


def recovery_codes(response):
    return texts(response, "ul.two-step-codes > li > code")


def refusal(response):
    """What the code form says is wrong, above the field."""
    return texts(response, "form.two-step-form p.errornote")


def inbox_opens(client):
    """The inbox answers with its list (of no inquiries here), not a redirect to a step of signing in."""
    response = client.get(INBOX)
    return response.status_code == 200 and listed(response) == []


def test_a_coordinator_sets_up_the_app_gets_recovery_codes_and_is_asked_each_time():
    UserFactory(username="dana", group="Admissions")
    client, response = sign_in("dana")
    assert client.get(INBOX).status_code == 302
    setup = client.get(INBOX, follow=True)
    assert setup.redirect_chain[-1][0].startswith("/admin/two-step/set-up/")
    scan = one(setup, ".two-step ol > li .two-step-qr").parent
    assert len(scan.select(".two-step-qr > svg")) == 1
    key_text = one(scan, "code.two-step-key").text
    qr_title = "QR code for your authenticator app"
    assert scan.text == f"Scan this code with it: {qr_title} or type this key into the app: {key_text}"
    key = shown_key(setup)
    wrong = client.post("/admin/two-step/set-up/", {"code": "000000", "next": INBOX})
    assert refusal(wrong) == [NO_MATCH]
    done = client.post("/admin/two-step/set-up/", {"code": code_from(key), "next": INBOX})
    codes = recovery_codes(done)
    assert len(codes) == 10 and sorted(codes) == sorted(StaticToken.objects.values_list("token", flat=True))
    assert inbox_opens(client)

    # The next sign-in asks for a code; a recovery code works once.
    client, _ = sign_in("dana")
    asked = client.get(INBOX, follow=True)
    assert asked.redirect_chain[-1][0].startswith("/admin/two-step/code/")
    assert refusal(client.post("/admin/two-step/code/", {"code": "123456", "next": INBOX})) == [NOT_RIGHT]
    assert client.get(INBOX).status_code == 302
    with time_machine.travel(timezone.now() + timedelta(seconds=6)):
        used = client.post("/admin/two-step/code/", {"code": codes[0], "next": INBOX})
    assert used.status_code == 302 and used["Location"] == INBOX
    assert inbox_opens(client) and sorted(StaticToken.objects.values_list("token", flat=True)) == sorted(codes[1:])
    again, _ = sign_in("dana")
    refused = again.post("/admin/two-step/code/", {"code": codes[0], "next": INBOX})
    assert refusal(refused) == [NOT_RIGHT]


def test_an_unsafe_next_address_is_not_followed():
    user = UserFactory(username="sam", group="Admissions")
    device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    client, _ = sign_in("sam")
    response = client.post("/admin/two-step/code/", {"code": code_for(device), "next": "https://evil.example/"})
    assert response["Location"] == "/admin/"


def test_editors_are_asked_only_when_the_setting_says_so(settings):
    writer = UserFactory(username="writer")  # articles only, not the site's settings
    writer.user_permissions.add(*Permission.objects.filter(codename__in=["view_article", "change_article"]))
    client, _ = sign_in("writer")
    assert listed(client.get("/admin/faq/article/")) == []
    settings.STAFF_2FA_FOR_EDITORS = True
    assert client.get("/admin/faq/article/").status_code == 302


def test_turned_off_nobody_is_asked(settings):
    settings.STAFF_REQUIRE_2FA = False
    UserFactory(username="dana", group="Admissions")
    client, _ = sign_in("dana")
    assert inbox_opens(client)


def test_the_public_site_and_logging_out_need_no_code():
    UserFactory(username="dana", group="Admissions")
    client, _ = sign_in("dana")
    assert client.get("/faq/").status_code == 200
    assert client.post("/admin/logout/").status_code == 200


def test_each_visit_to_set_up_shows_a_new_secret_that_only_its_own_session_can_confirm():
    person = UserFactory(username="dana", group="Admissions")
    TOTPDevice.objects.create(user=person, name="left from an older set-up", confirmed=False)
    intruder, _ = sign_in("dana")  # someone who has the password only
    noted = shown_key(intruder.get(SETUP))
    assert not TOTPDevice.objects.exists()  # nothing kept where another session could read it
    client, _ = sign_in("dana")
    page = client.get(SETUP)
    shown = shown_key(page)
    assert shown != noted and shown != shown_key(client.get(SETUP)) != noted  # a new one each visit
    shown = shown_key(client.get(SETUP))
    refused = client.post(SETUP, {"code": code_from(noted), "next": INBOX})
    assert refused.context["form"].errors["code"] == [NO_MATCH]
    before = client.session.session_key
    done = client.post(SETUP, {"code": code_from(shown), "next": INBOX})
    assert len(recovery_codes(done)) == 10
    assert client.session.session_key != before  # a new session key with the second step
    assert TOTPDevice.objects.get(user=person).bin_key == shown
    assert inbox_opens(client)

    # The intruder's secret confirms nothing and passes no code step.
    late = intruder.post(SETUP, {"code": code_from(noted), "next": INBOX})
    assert late.status_code == 302 and late["Location"].startswith(VERIFY)
    at_code_step = intruder.post(VERIFY, {"code": code_from(noted), "next": INBOX})
    assert at_code_step.context["form"].errors["code"] == [NOT_RIGHT]
    assert intruder.get(INBOX).status_code == 302
    assert TOTPDevice.objects.get(user=person).bin_key == shown


def test_passing_the_code_step_gives_the_session_a_new_key():
    user = UserFactory(username="sam", group="Admissions")
    device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    client, _ = sign_in("sam")
    before = client.session.session_key
    assert client.post(VERIFY, {"code": code_for(device), "next": INBOX})["Location"] == INBOX
    assert client.session.session_key != before
    assert inbox_opens(client)
    old = Client()
    old.cookies[settings.SESSION_COOKIE_NAME] = before
    assert old.get(INBOX)["Location"].startswith("/admin/login/")  # the key seen before is worth nothing


def test_a_right_code_typed_too_soon_after_wrong_ones_says_how_long_to_wait(time_machine):
    time_machine.move_to(datetime(2026, 6, 1, 12, 0, 0, tzinfo=UTC), tick=False)
    user = UserFactory(username="sam", group="Admissions")
    device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    client, _ = sign_in("sam")
    right = code_for(device)
    wrong = f"{(int(right) + 1) % 1_000_000:06d}"
    assert client.post(VERIFY, {"code": wrong}).context["form"].errors["code"] == [NOT_RIGHT]
    time_machine.shift(1)  # the first wait (1 second) is over: a second wrong code doubles it
    assert client.post(VERIFY, {"code": wrong}).context["form"].errors["code"] == [NOT_RIGHT]
    refused = client.post(VERIFY, {"code": right, "next": INBOX})
    assert refused.context["form"].errors["code"] == [
        "Too many wrong codes in a row: wait 2 seconds, then type the code your app shows."
    ]
    time_machine.shift(2)
    assert client.post(VERIFY, {"code": right, "next": INBOX})["Location"] == INBOX


def test_a_recovery_code_that_signs_in_leaves_the_app_free_of_earlier_waits(time_machine):
    time_machine.move_to(datetime(2026, 6, 1, 12, 0, 0, tzinfo=UTC), tick=False)
    user = UserFactory(username="sam", group="Admissions")
    device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    recovery = new_recovery_codes(user)
    client, _ = sign_in("sam")
    wrong = f"{(int(code_for(device)) + 1) % 1_000_000:06d}"
    client.post(VERIFY, {"code": wrong})
    time_machine.shift(1)
    client.post(VERIFY, {"code": wrong})
    time_machine.shift(2)
    # The app is tried first and counts the recovery code as its third failure, before it is taken.
    assert client.post(VERIFY, {"code": recovery[0], "next": INBOX})["Location"] == INBOX
    again, _ = sign_in("sam")
    assert again.post(VERIFY, {"code": code_for(device), "next": INBOX})["Location"] == INBOX


def test_the_code_page_logs_out_with_a_button():
    user = UserFactory(username="sam", group="Admissions")
    TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    client, _ = sign_in("sam")
    form = one(client.get(VERIFY), "form.two-step-logout")
    assert (form.attrs["method"], form.attrs["action"]) == ("post", "/admin/logout/")
    assert [(button.attrs["type"], button.text) for button in form.select("button")] == [("submit", "Log out")]
    assert client.post(form.attrs["action"]).status_code == 200
    assert "_auth_user_id" not in client.session


def test_whoever_may_change_the_site_settings_is_asked_for_the_second_step(settings):
    UserFactory(username="writer", group="Content editors")  # the group may change the helpline
    client, _ = sign_in("writer")
    response = client.get("/admin/core/sitesettings/")
    assert response.status_code == 302 and response["Location"].startswith(SETUP)


@pytest.mark.parametrize("path", ["/coming/preview/", "/faq/draft/preview/"])
def test_draft_previews_ask_a_password_only_superuser_for_the_second_step(path):
    PageFactory(slug="coming", title="Coming soon", is_published=False)
    ArticleFactory(slug="draft", status=Article.Status.DRAFT)
    user = UserFactory(username="boss", is_superuser=True)
    device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    client, _ = sign_in("boss")
    asked = client.get(path)
    assert asked.status_code == 302 and asked["Location"] == f"{VERIFY}?{urlencode({'next': path})}"
    client.post(VERIFY, {"code": code_for(device), "next": path})
    assert client.get(path).status_code == 200


def test_the_markdown_preview_asks_for_the_second_step_too():
    UserFactory(username="boss", is_superuser=True)
    client, _ = sign_in("boss")
    response = client.post("/admin/markdown-preview/", {"text": "Hello"})
    assert response.status_code == 302 and response["Location"].startswith(SETUP)


def signed_in_with_code(username, user=None):
    """A session past both steps, for someone whose app is already set up."""
    user = user or UserFactory(username=username, is_superuser=username == "boss")
    device = TOTPDevice.objects.get_or_create(user=user, defaults={"name": "app", "confirmed": True})[0]
    client, _ = sign_in(username)
    assert client.post(VERIFY, {"code": code_for(device), "next": INBOX}).status_code == 302
    return client


def test_a_superuser_resets_a_persons_two_step_sign_in_after_asking_and_it_is_logged():
    person = UserFactory(username="dana", group="Admissions")
    TOTPDevice.objects.create(user=person, name="app", confirmed=True)
    new_recovery_codes(person)
    left_open = signed_in_with_code("dana", person)  # a session of theirs, perhaps taken by someone else
    boss = signed_in_with_code("boss")
    chosen = {"action": "reset_two_step", "_selected_action": [person.pk]}
    asked = boss.post("/admin/auth/user/", chosen)
    assert asked.status_code == 200 and asked.templates[0].name == "admin/auth/user/confirm_reset_two_step.html"
    assert texts(asked, "#content ul li") == ["dana"]
    assert [box.attrs["value"] for box in select(asked, "#content form input[name=_selected_action]")] == [
        str(person.pk)
    ]
    assert TOTPDevice.objects.filter(user=person).count() == StaticDevice.objects.filter(user=person).count() == 1

    done = boss.post("/admin/auth/user/", {**chosen, "confirmed": "yes"})
    assert done.status_code == 302
    assert not TOTPDevice.objects.filter(user=person).exists() and not StaticDevice.objects.filter(user=person).exists()
    entry = LogEntry.objects.get(object_id=str(person.pk))
    assert (entry.user.username, entry.action_flag, entry.change_message) == ("boss", CHANGE, RESET_MESSAGE)
    # Their sessions are ended: none can set up an app in their place.
    ended = left_open.get(SETUP)
    assert ended.status_code == 302 and ended["Location"].startswith("/admin/login/")
    assert inbox_opens(boss)  # the others' stay

    # The person signs in with the password and is sent to set up an app again.
    client, _ = sign_in("dana")
    again = client.get(INBOX, follow=True)
    assert again.redirect_chain[-1][0].startswith(SETUP) and again.templates[0].name == "admin/two_factor/setup.html"


def test_only_superusers_may_reset_two_step_sign_in():
    person = UserFactory(username="dana", group="Admissions")
    TOTPDevice.objects.create(user=person, name="app", confirmed=True)
    manager = UserFactory(username="manager")  # may change people, is no superuser
    manager.user_permissions.add(*Permission.objects.filter(codename__in=["view_user", "change_user"]))
    client = signed_in_with_code("manager", manager)  # changing people asks for the second step
    people = client.get("/admin/auth/user/")
    assert sorted(listed(people, "username")) == ["dana", "manager"]
    assert people.context["action_form"] is None and select(people, "select[name=action]") == []  # no action offered
    client.post("/admin/auth/user/", {"action": "reset_two_step", "_selected_action": [person.pk], "confirmed": "yes"})
    assert TOTPDevice.objects.filter(user=person).exists() and not LogEntry.objects.exists()


@pytest.mark.parametrize(
    "codename",
    ["view_insuranceverification", "change_inquiry", "add_inquiry", "delete_inquiry", "change_insuranceverification",
     "export_inquiry", "view_accessrecord", "change_referralsource", "add_user", "change_user", "change_group"],
)  # fmt: skip
def test_who_may_see_insurance_details_or_change_who_may_do_what_needs_the_second_step(codename):
    person = UserFactory(username="manager")
    person.user_permissions.add(Permission.objects.get(codename=codename))
    client, _ = sign_in("manager")
    response = client.get("/admin/")
    assert response.status_code == 302 and response["Location"].startswith(SETUP)
