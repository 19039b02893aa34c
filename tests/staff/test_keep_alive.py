"""The keep-alive a staff page with unsaved text pings while the person types (staff/keep_alive.py),
and the script tag every admin page carries (staff/templatetags/kept_text.py)."""

from datetime import UTC, datetime, timedelta

import time_machine
from django.conf import settings
from django.test import Client, TestCase, override_settings

from intake.models import Inquiry

from ..factories import UserFactory

URL = "/admin/keep-alive/"
NOON = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)


@override_settings(STAFF_SESSION_IDLE_SECONDS=60)
class KeepAliveTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.coordinator = UserFactory(username="coordinator", group="Admissions")
        cls.visitor_account = UserFactory(username="not-staff", is_staff=False)

    def test_a_ping_resets_the_idle_timer_of_a_staff_session(self):
        with time_machine.travel(NOON, tick=False) as clock:
            self.client.force_login(self.coordinator)
            clock.move_to(NOON + timedelta(seconds=50))
            response = self.client.post(URL)
            self.assertEqual(response.status_code, 204)
            self.assertEqual(response.content, b"")
            self.assertEqual(response["Cache-Control"], "max-age=0, no-cache, no-store, must-revalidate, private")
            # 100 seconds after signing in, 50 after the ping: still signed in.
            clock.move_to(NOON + timedelta(seconds=100))
            self.assertEqual(self.client.post(URL).status_code, 204)
            # The ping does not keep it alive for longer than any other request would.
            clock.move_to(NOON + timedelta(seconds=161))
            self.assertEqual(self.client.post(URL).status_code, 403)
            response = self.client.get("/admin/intake/inquiry/")
            self.assertEqual(response.status_code, 302)
            self.assertEqual(response["Location"], "/admin/login/?next=/admin/intake/inquiry/")

    def test_a_get_is_refused(self):
        self.client.force_login(self.coordinator)
        self.assertEqual(self.client.get(URL).status_code, 405)

    def test_anyone_signed_out_is_told_so_in_json_not_sent_the_sign_in_page(self):
        response = self.client.post(URL)
        self.assertEqual(response.status_code, 403)
        self.assertEqual(response["Content-Type"], "application/json")
        self.assertJSONEqual(response.content, {"signed_in": False})
        self.assertNotIn(settings.SESSION_COOKIE_NAME, response.cookies)  # no session opened for them

    def test_a_signed_in_account_that_is_not_staff_is_refused_and_gets_no_idle_timer(self):
        self.client.force_login(self.visitor_account)
        response = self.client.post(URL)
        self.assertEqual(response.status_code, 403)
        self.assertJSONEqual(response.content, {"signed_in": False})
        self.assertEqual(self.client.session.get_expiry_age(), settings.SESSION_COOKIE_AGE)

    def test_a_ping_without_the_csrf_token_is_refused(self):
        client = Client(enforce_csrf_checks=True)
        client.force_login(self.coordinator)
        self.assertEqual(client.post(URL).status_code, 403)
        page = client.get("/admin/")
        token = page.context["csrf_token"]
        self.assertEqual(client.post(URL, headers={"X-CSRFToken": str(token)}).status_code, 204)


class ScriptTagTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.coordinator = UserFactory(username="coordinator", group="Admissions")
        cls.inquiry = Inquiry.objects.create(name="Kept Person", phone="+18185550166", consent_text="ok")

    def test_a_change_page_loads_the_script_with_what_it_needs(self):
        self.client.force_login(self.coordinator)
        response = self.client.get(f"/admin/intake/inquiry/{self.inquiry.pk}/change/")
        self.assertContains(
            response,
            '<script src="/static/staff/kept-text.js" defer data-keep-alive="/admin/keep-alive/"'
            f' data-idle-seconds="1800" data-user="{self.coordinator.pk}" data-signed-out=""'
            ' data-keep-hidden="seen_updated_at"></script>',
            html=True,
        )

    def test_the_sign_in_page_names_nobody(self):
        response = self.client.get("/admin/login/?next=/admin/")
        self.assertContains(
            response,
            '<script src="/static/staff/kept-text.js" defer data-keep-alive="/admin/keep-alive/"'
            ' data-idle-seconds="1800" data-user="" data-signed-out="" data-keep-hidden="seen_updated_at"></script>',
            html=True,
        )

    def test_the_signed_out_page_tells_the_script_to_erase_what_it_kept(self):
        self.client.force_login(self.coordinator)
        response = self.client.post("/admin/logout/")
        self.assertContains(
            response,
            '<script src="/static/staff/kept-text.js" defer data-keep-alive="/admin/keep-alive/"'
            ' data-idle-seconds="1800" data-user="" data-signed-out="yes" data-keep-hidden="seen_updated_at"></script>',
            html=True,
        )
