"""The findings of the attack on a production-like server (issue 16), each held by a test."""

import re
import time
from datetime import timedelta
from io import StringIO
from unittest import mock

import pytest
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.db import DatabaseError
from django.test import Client
from django.utils import timezone

from core.models import SiteSettings
from intake.models import AccessRecord, Inquiry, Note
from intake.spam import sign_start

from .factories import ArticleFactory, InquiryFactory, LevelFactory, UserFactory
from .intake_helpers import form_data, hidden_value, inquiry_form

pytestmark = pytest.mark.django_db

CHANGE = "/admin/intake/inquiry/{}/change/"


# 1. Addresses that name an inquiry other than by its plain number show and change nothing.
@pytest.mark.parametrize("odd_id", ["%2B1", "_2B1", "1%20", "%201", "01", "%D9%A1"])
def test_an_inquiry_is_shown_and_changed_only_by_its_plain_number(admissions_client, odd_id):
    inquiry = InquiryFactory(pk=1, name="Plain Number")
    page = admissions_client.get(CHANGE.format(odd_id))
    assert page.status_code == 302 and "Plain Number" not in page.content.decode()
    changed = admissions_client.post(CHANGE.format(odd_id), {"name": "Changed", "status": "new"})
    assert changed.status_code == 302
    inquiry.refresh_from_db()
    assert inquiry.name == "Plain Number" and not AccessRecord.objects.exists()
    assert admissions_client.get(CHANGE.format(1)).status_code == 200
    assert AccessRecord.objects.get().action == AccessRecord.Action.VIEW


# 2. Filters that reach into inquiries are refused to anyone who may not read them.
@pytest.mark.parametrize(
    "query", ["?inquiries__id=1", "?inquiries__isnull=False", "?inquiries__name__startswith=A", "?_to_field=inquiries"]
)
def test_an_editor_cannot_filter_levels_by_their_inquiries(editor_client, query):
    InquiryFactory(level=LevelFactory(), name="Asked About It")
    response = editor_client.get("/admin/levels/levelofcare/" + query)
    assert response.status_code == 400


def test_admissions_may_still_filter_levels_they_can_see(client, admissions_user):
    admissions_user.user_permissions.add(Permission.objects.get(codename="view_levelofcare"))
    client.force_login(admissions_user)
    InquiryFactory(level=LevelFactory(name="Asked level"))
    assert "Asked level" in client.get("/admin/levels/levelofcare/?inquiries__isnull=False").content.decode()


# 3. Lists, searches, autocomplete and purges are in the access log; a search by its kind only.
def test_the_inbox_list_and_its_searches_are_logged_without_the_search_text(admissions_client, admissions_user):
    InquiryFactory(name="Searched Person")
    admissions_client.get("/admin/intake/inquiry/?status=new")
    admissions_client.get("/admin/intake/inquiry/", {"q": "818-555-0199"})
    admissions_client.get("/admin/intake/inquiry/", {"q": "Searched"})
    records = list(AccessRecord.objects.order_by("pk").values_list("action", "detail"))
    assert records == [
        ("list", "filters: status"),
        ("list", "filters: none"),
        ("search", "a phone number or inquiry number"),
        ("list", "filters: none"),
        ("search", "a name"),
    ]
    assert not AccessRecord.objects.filter(detail__icontains="Searched").exists()
    assert set(AccessRecord.objects.values_list("user", flat=True)) == {admissions_user.pk}


@pytest.mark.parametrize("who, status", [("admissions", 403), ("superuser", 200)])
def test_an_autocomplete_from_an_inquiry_page_is_logged_even_when_refused(
    client, admissions_user, superuser, who, status
):
    client.force_login(admissions_user if who == "admissions" else superuser)
    LevelFactory(name="Residential")
    response = client.get(
        "/admin/autocomplete/", {"app_label": "intake", "model_name": "inquiry", "field_name": "level", "term": "Res"}
    )
    assert response.status_code == status  # admissions may not read levels in the admin
    assert AccessRecord.objects.get().detail == "autocomplete of level: a name"


def test_a_purge_is_logged_inquiry_by_inquiry():
    old = InquiryFactory(status=Inquiry.Status.SPAM, created_at=timezone.now() - timedelta(days=400))
    call_command("purge_inquiries", stdout=StringIO())
    record = AccessRecord.objects.get()
    assert (record.inquiry_ref, record.action, record.user) == (old.pk, AccessRecord.Action.PURGE, None)


# 4. A logged contact is dated when it is saved: a date sent with it is ignored.
@pytest.mark.parametrize("when", [timedelta(days=-2000), timedelta(days=2)])
def test_a_logged_contact_cannot_be_backdated_or_dated_ahead(admissions_client, when):
    inquiry = InquiryFactory()
    stamp = timezone.localtime(timezone.now() + when)
    data = {"kind": "call", "outcome": "reached", "text": "Called.", "created_at": stamp.isoformat(),
            "created_at_0": stamp.strftime("%Y-%m-%d"), "created_at_1": stamp.strftime("%H:%M:%S")}  # fmt: skip
    before = timezone.now()
    response = admissions_client.post(f"/admin/intake/inquiry/{inquiry.pk}/log-contact/", data)
    assert response.status_code == 302
    note = Note.objects.get()
    assert before <= note.created_at <= timezone.now()
    inquiry.refresh_from_db()
    assert inquiry.first_contact_at == note.created_at


# 5. The error page shows the helpline the center set, without the database.
def test_the_error_page_shows_the_saved_helpline_when_the_database_is_down(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        SiteSettings.objects.create(helpline="+13235550142")
    visitor = Client(raise_request_exception=False)
    with mock.patch("django.db.backends.utils.CursorWrapper.execute", side_effect=DatabaseError("down")):
        response = visitor.get("/levels-of-care/")
    assert response.status_code == 500
    html = response.content.decode()
    assert 'href="tel:+13235550142"' in html and "(323) 555-0142" in html and "tel:+18184312224" not in html


# 7. Odd requests get a clear 4xx, never a 500.
def test_form_posts_in_an_unusual_character_set_are_not_server_errors():
    body = "name=Sam&phone=8185550134".encode("utf-16")
    for path in ("/contact/", "/admin/login/"):
        visitor = Client(raise_request_exception=False, enforce_csrf_checks=True)
        visitor.get(path)
        response = visitor.generic("POST", path, body, content_type="application/x-www-form-urlencoded; charset=utf-16")
        assert response.status_code == 400, path
        html = response.content.decode()
        message = re.search(r"<h1>[^<]*</h1>\s*<p>([^<]*)<a", html).group(1)
        assert message.startswith("The address or the form had characters our site cannot read.")
        assert 'href="tel:+18184312224"' in html


@pytest.mark.parametrize(
    "path, status",
    [
        ("/admin/faq/article/abc/history/", 404),
        ("/admin/levels/levelofcare/?_to_field=inquiries", 400),
        ("/admin/levels/levelofcare/?_to_field=nope", 400),
    ],
)
def test_odd_admin_addresses_are_not_server_errors(admin_client, path, status):
    ArticleFactory()
    assert admin_client.get(path).status_code == status


def test_view_on_site_for_an_id_that_names_nothing_is_not_found(admin_client):
    for content_type in (
        ContentType.objects.get(app_label="django_tasks_database", model="dbtaskresult"),  # keyed by UUID
        ContentType.objects.get_for_model(AccessRecord),  # no pages
        ContentType.objects.create(app_label="core", model="pagecacheentry"),  # left by a removed model
    ):
        assert admin_client.get(f"/admin/r/{content_type.pk}/1/").status_code == 404


@pytest.mark.parametrize("term", ["\x00", "a\x00b"])
def test_autocomplete_with_a_nul_character_is_not_a_server_error(admin_client, term):
    LevelFactory(name="Residential")
    response = admin_client.get(
        "/admin/autocomplete/", {"app_label": "intake", "model_name": "inquiry", "field_name": "level", "term": term}
    )
    assert response.status_code == 400  # refused for every page (core.unreadable_input)


@pytest.mark.parametrize("path", ["/faq/?level=%00", "/contact/?level=%00", "/faq/?level=a%00b"])
def test_a_level_named_with_a_nul_character_is_refused(client, path):
    LevelFactory(slug="iop")
    assert client.get(path).status_code == 400  # refused for every page (core.unreadable_input)


@pytest.mark.parametrize("days", ["999999999", "0", "-5"])
def test_purge_refuses_impossible_retention_with_a_clear_message(days):
    with pytest.raises(CommandError, match="from 1 to 36500"):
        call_command("purge_inquiries", "--older-than", days, stdout=StringIO())


# 8. A flood of guessed usernames from one address is locked out too.
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


# 9. A time stamp older than a day counts as spam.
def test_a_form_stamp_older_than_a_day_is_spam(client, settings):
    settings.INTAKE_RATE_LIMIT = "0"
    old = sign_start(time.time() - settings.INTAKE_MAX_FORM_AGE_SECONDS - 60)
    for _ in range(2):
        assert client.post("/contact/", form_data(started=old)).status_code == 302
    assert list(Inquiry.objects.values_list("status", "spam_reason")) == [("spam", "stale")] * 2
    assert client.post("/contact/", form_data()).status_code == 302
    assert Inquiry.objects.filter(status=Inquiry.Status.NEW).count() == 1


# 10. Visitors' query strings do not grow the cache.
def test_tracking_parameters_add_nothing_to_the_cache(client, settings):
    LevelFactory(slug="iop")
    client.get("/levels-of-care/iop/")
    before = len(list(cache._list_cache_files()))
    for i in range(200):
        client.get("/levels-of-care/iop/", {f"utm_x{i}": i})
    assert len(list(cache._list_cache_files())) == before


# 11. A kept page never carries the scheme of whoever filled it.
def test_a_forwarded_scheme_is_believed_only_when_the_setting_says_so(client, settings):
    LevelFactory(slug="iop")
    forged = client.get("/levels-of-care/iop/", HTTP_X_FORWARDED_PROTO="https").content.decode()
    assert 'href="http://testserver/levels-of-care/iop/"' in forged
    plain = client.get("/levels-of-care/iop/")
    assert plain["X-Page-Cache"] == "hit" and "https://" not in plain.content.decode()
    for path in ("/robots.txt", "/sitemap-levels.xml", "/faq/feed/"):
        assert "https://testserver" not in client.get(path, HTTP_X_FORWARDED_PROTO="https").content.decode()
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    # A proxy sends the host it was asked for (the test client would add its port 80 otherwise).
    secure = client.get("/levels-of-care/iop/", HTTP_X_FORWARDED_PROTO="https", HTTP_HOST="testserver").content.decode()
    assert 'href="https://testserver/levels-of-care/iop/"' in secure
    assert "https://" not in client.get("/levels-of-care/iop/").content.decode()


# 12. Plain words next to the fields.
def test_neither_phone_nor_email_is_said_in_plain_words_next_to_both(client):
    html = client.post("/contact/", form_data(phone="", email="")).content.decode()
    assert "Constraint" not in html and "violated" not in html
    assert html.count("so that we can reply.") == 4  # in the summary and next to each field
    assert 'id="error_1_id_phone"' in html and 'id="error_1_id_email"' in html


def test_the_admin_says_it_in_plain_words_too(admissions_client):
    inquiry = InquiryFactory()
    data = inquiry_form(inquiry, name="x", phone="", email="")
    html = admissions_client.post(CHANGE.format(inquiry.pk), data).content.decode()
    assert "An inquiry needs a phone number or an e-mail address." in html and "violated" not in html


# 13. A refused form comes back in the site's frame, with what was typed.
def test_a_csrf_refusal_keeps_the_helpline_and_what_was_typed(settings):
    visitor = Client(enforce_csrf_checks=True)
    visitor.get("/contact/")
    response = visitor.post("/contact/", form_data(name="Kept Name", message="Kept words."))
    assert response.status_code == 403
    html = response.content.decode()
    assert 'href="tel:+18184312224"' in html and 'href="tel:988"' in html
    assert 'value="Kept Name"' in html and "Kept words." in html
    again = form_data(name="Kept Name", started=hidden_value(html, "started"))
    again["csrfmiddlewaretoken"] = hidden_value(html, "csrfmiddlewaretoken")
    assert visitor.post("/contact/", again).status_code == 302
    assert Inquiry.objects.get().name == "Kept Name"


# 14. Staff are sent to the admin's login.
def test_an_anonymous_preview_leads_to_the_admin_login(client):
    ArticleFactory(slug="x")
    response = client.get("/faq/x/preview/")
    assert response.status_code == 302 and response["Location"] == "/admin/login/?next=/faq/x/preview/"


def test_an_unsafe_next_after_login_lands_on_the_admin(client, superuser):
    response = client.post(
        "/admin/login/?next=https://evil.example/", {"username": superuser.username, "password": "a-strong-test-pass"}
    )
    assert response.status_code == 302 and response["Location"] == "/admin/"


# 15. Even the answer to an unknown host carries the security headers.
def test_an_unknown_host_gets_a_400_with_the_security_headers(client):
    response = Client(raise_request_exception=False).get("/", HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY" and "camera=()" in response["Permissions-Policy"]


# 16. The author list offers only people who write.
def test_the_author_list_offers_content_staff_only(editor_client, editor_user):
    UserFactory(username="an-admissions-coordinator", group="Admissions")
    UserFactory(username="a-superuser", is_superuser=True)
    html = editor_client.get("/admin/faq/article/add/").content.decode()
    author_select = html.split('name="author"')[1].split("</select>")[0]
    assert editor_user.username in author_select and "a-superuser" in author_select
    assert "an-admissions-coordinator" not in author_select


def test_a_page_someone_may_not_open_is_the_sites_403_with_a_way_back(admissions_client):
    response = admissions_client.get("/admin/intake/accessrecord/")
    assert response.status_code == 403
    html = response.content.decode()
    assert re.search(r"<h1>([^<]*)</h1>", html).group(1) == "You do not have access to this page"
    assert re.findall(r'<li><a href="([^"]*)">([^<]*)</a></li>', html)[-2:] == [
        ("/", "Home"),
        ("/admin/", "Staff pages"),
    ]
