"""One reading of the client's address (common/client.py), for the inquiry rate limit and the login
lockout alike: behind a trusted proxy, the address the proxy saw; never one the client wrote."""

import pytest
from django.test import RequestFactory

from common.client import client_address

from ..intake_helpers import form_data

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.5"


@pytest.mark.parametrize(
    "trusted, forwarded, expected",
    [
        (0, "1.1.1.1", PROXY),  # no proxy trusted: what the client wrote is ignored
        (1, "6.6.6.6, 1.1.1.1", "1.1.1.1"),  # the entry our proxy added, not the one the client forged
        (2, "6.6.6.6, 1.1.1.1, 10.0.0.9", "1.1.1.1"),
        (1, "", PROXY),
        (1, "not-an-address", PROXY),
        (1, "2001:db8::1", "2001:db8::1"),
    ],
)
def test_client_address(settings, trusted, forwarded, expected):
    settings.TRUSTED_PROXY_COUNT = trusted
    request = RequestFactory().get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded)
    assert client_address(request) == expected


def login(client, address, username="boss", password="wrong"):
    return client.post(
        "/admin/login/?next=/admin/",
        {"username": username, "password": password},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=address,
    )


def test_an_attacker_behind_the_proxy_does_not_lock_staff_out(client, settings, superuser):
    settings.TRUSTED_PROXY_COUNT = 1
    for _ in range(settings.AXES_FAILURE_LIMIT):
        login(client, "6.6.6.6, 1.1.1.1", username=superuser.username)
    assert login(client, "1.1.1.1", username=superuser.username, password="a-strong-test-pass").status_code == 429
    # The same username from another visitor behind the same proxy still signs in.
    assert login(client, "2.2.2.2", username=superuser.username, password="a-strong-test-pass").status_code == 302


def test_the_rate_limit_groups_ipv6_addresses_by_their_64_bit_network(client, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.INTAKE_RATE_LIMIT = "1/10m"
    assert client.post("/contact/", form_data(), HTTP_X_FORWARDED_FOR="2001:db8:1:2::1").status_code == 302
    assert client.post("/contact/", form_data(), HTTP_X_FORWARDED_FOR="2001:db8:1:2::ffff").status_code == 429
    assert client.post("/contact/", form_data(), HTTP_X_FORWARDED_FOR="2001:db8:1:3::1").status_code == 302
