"""Staff sign-in: lockouts, the idle timeout, where a login leads."""

import pytest
from django.test import Client

from ..factories import ArticleFactory, UserFactory

pytestmark = pytest.mark.django_db


# A flood of guessed usernames from one address is locked out too.
def test_many_usernames_from_one_address_are_locked_out(client, settings, superuser):
    for i in range(settings.AXES_FAILURE_LIMIT):
        client.post("/admin/login/?next=/admin/", {"username": f"guess{i}", "password": "x"})
    right = client.post(
        "/admin/login/?next=/admin/", {"username": superuser.username, "password": "a-strong-test-pass"}
    )
    assert right.status_code == 429
    other = Client(REMOTE_ADDR="10.9.9.9")
    assert (
        other.post("/admin/login/?next=/admin/", {"username": superuser.username, "password": "a-strong-test-pass"})
    ).status_code == 302


# Staff are sent to the admin's login.
def test_an_anonymous_preview_leads_to_the_admin_login(client):
    ArticleFactory(slug="x")
    response = client.get("/faq/x/preview/")
    assert response.status_code == 302 and response["Location"] == "/admin/login/?next=/faq/x/preview/"


def test_an_unsafe_next_after_login_lands_on_the_admin(client, superuser):
    response = client.post(
        "/admin/login/?next=https://evil.example/", {"username": superuser.username, "password": "a-strong-test-pass"}
    )
    assert response.status_code == 302 and response["Location"] == "/admin/"


def test_admin_login_locks_out_after_repeated_failures(settings):
    settings.AXES_FAILURE_LIMIT = 3
    UserFactory(username="target")
    client = Client()
    for _ in range(3):
        response = client.post("/admin/login/?next=/admin/", {"username": "target", "password": "wrong"})
    assert response.status_code == 429
    assert "locked" in response.content.decode().lower()
    right = client.post("/admin/login/?next=/admin/", {"username": "target", "password": "a-strong-test-pass"})
    assert right.status_code == 429  # still locked, even with the right password


def test_staff_session_expires_after_inactivity(client, settings, time_machine):
    settings.STAFF_SESSION_IDLE_SECONDS = 60
    time_machine.move_to("2026-06-01 12:00:00+00:00", tick=False)
    user = UserFactory(username="idle", group="Content editors")
    client.force_login(user)
    assert client.get("/admin/faq/article/").status_code == 200
    time_machine.move_to("2026-06-01 12:00:50+00:00", tick=False)
    assert client.get("/admin/faq/article/").status_code == 200  # activity keeps it alive
    time_machine.move_to("2026-06-01 12:02:00+00:00", tick=False)
    response = client.get("/admin/faq/article/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_the_idle_timer_starts_at_sign_in(settings, time_machine):
    settings.STAFF_SESSION_IDLE_SECONDS = 60
    time_machine.move_to("2026-06-01 12:00:00+00:00", tick=False)
    UserFactory(username="idle", group="Content editors")
    client = Client()
    signed_in = client.post("/admin/login/", {"username": "idle", "password": "a-strong-test-pass"})
    assert signed_in.status_code == 302 and client.session.get_expiry_age() == 60
    time_machine.move_to("2026-06-01 12:02:00+00:00", tick=False)  # no request since signing in
    response = client.get("/admin/faq/article/")
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")
