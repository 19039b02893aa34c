"""Two-step sign-in for staff who see inquiries: set up with an authenticator app, recovery codes,
the code asked at each sign-in, and the setting that turns it on and off."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from .factories import UserFactory

pytestmark = pytest.mark.django_db
INBOX = "/admin/intake/inquiry/"


@pytest.fixture(autouse=True)
def _required(settings):
    settings.STAFF_REQUIRE_2FA = True


def sign_in(username):
    client = Client()
    response = client.post("/admin/login/", {"username": username, "password": "a-strong-test-pass", "next": INBOX})
    assert response.status_code == 302
    return client, response


def code_for(device):
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def test_a_coordinator_sets_up_the_app_gets_recovery_codes_and_is_asked_each_time():
    UserFactory(username="dana", group="Admissions")
    client, response = sign_in("dana")
    assert client.get(INBOX).status_code == 302
    setup = client.get(INBOX, follow=True)
    html = setup.content.decode()
    assert setup.redirect_chain[-1][0].startswith("/admin/two-step/set-up/")
    assert "<svg" in html and "Scan this code" in html
    device = TOTPDevice.objects.get(user__username="dana", confirmed=False)
    wrong = client.post("/admin/two-step/set-up/", {"code": "000000", "next": INBOX})
    assert "That code does not match" in wrong.content.decode()
    with time_machine.travel(timezone.now() + timedelta(seconds=3)):  # past the throttle after a wrong code
        done = client.post("/admin/two-step/set-up/", {"code": code_for(device), "next": INBOX})
    codes = re.findall(r"<li><code>(\w+)</code></li>", done.content.decode())
    assert len(codes) == 10 and StaticToken.objects.count() == 10
    assert client.get(INBOX).status_code == 200

    # The next sign-in asks for a code; a recovery code works once.
    client, _ = sign_in("dana")
    asked = client.get(INBOX, follow=True)
    assert asked.redirect_chain[-1][0].startswith("/admin/two-step/code/")
    assert client.post("/admin/two-step/code/", {"code": "123456", "next": INBOX}).status_code == 200
    assert client.get(INBOX).status_code == 302
    with time_machine.travel(timezone.now() + timedelta(seconds=6)):
        used = client.post("/admin/two-step/code/", {"code": codes[0], "next": INBOX})
    assert used.status_code == 302 and used["Location"] == INBOX
    assert client.get(INBOX).status_code == 200 and StaticToken.objects.count() == 9
    again, _ = sign_in("dana")
    refused = again.post("/admin/two-step/code/", {"code": codes[0], "next": INBOX})
    assert "is not right, or was used already" in refused.content.decode()


def test_an_unsafe_next_address_is_not_followed():
    user = UserFactory(username="sam", group="Admissions")
    device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    client, _ = sign_in("sam")
    response = client.post("/admin/two-step/code/", {"code": code_for(device), "next": "https://evil.example/"})
    assert response["Location"] == "/admin/"


def test_editors_are_asked_only_when_the_setting_says_so(settings):
    UserFactory(username="writer", group="Content editors")
    client, _ = sign_in("writer")
    assert client.get("/admin/faq/article/").status_code == 200
    settings.STAFF_2FA_FOR_EDITORS = True
    assert client.get("/admin/faq/article/").status_code == 302


def test_turned_off_nobody_is_asked(settings):
    settings.STAFF_REQUIRE_2FA = False
    UserFactory(username="dana", group="Admissions")
    client, _ = sign_in("dana")
    assert client.get(INBOX).status_code == 200


def test_the_public_site_and_logging_out_need_no_code():
    UserFactory(username="dana", group="Admissions")
    client, _ = sign_in("dana")
    assert client.get("/faq/").status_code == 200
    assert client.post("/admin/logout/").status_code == 200
