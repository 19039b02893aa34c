"""The admin answers odd addresses, filters and searches with a clear refusal, never a 500, and shows
nobody more than their permissions allow."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from intake.models import AccessRecord, Note

from ..factories import ArticleFactory, InquiryFactory, LevelFactory, UserFactory
from ..intake_helpers import inquiry_form
from ..markup import listed, one, texts

pytestmark = pytest.mark.django_db


CHANGE = "/admin/intake/inquiry/{}/change/"


# Addresses that name an inquiry other than by its plain number show and change nothing.
@pytest.mark.parametrize("odd_id", ["%2B1", "_2B1", "1%20", "%201", "01", "%D9%A1"])
def test_an_inquiry_is_shown_and_changed_only_by_its_plain_number(admissions_client, odd_id):
    inquiry = InquiryFactory(pk=1, name="Plain Number")
    page = admissions_client.get(CHANGE.format(odd_id))
    assert page.status_code == 302 and "Plain Number" not in page.content.decode()
    changed = admissions_client.post(CHANGE.format(odd_id), {"name": "Changed", "status": "new"})
    assert changed.status_code == 302
    inquiry.refresh_from_db()
    assert inquiry.name == "Plain Number" and not AccessRecord.objects.exists()
    assert one(admissions_client.get(CHANGE.format(1)), "#workspace-heading").text == "Plain Number"
    assert AccessRecord.objects.get().action == AccessRecord.Action.VIEW


# Filters that reach into inquiries are refused to anyone who may not read them.
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
    assert listed(client.get("/admin/levels/levelofcare/?inquiries__isnull=False")) == ["Asked level"]


# A logged contact is dated when it is saved: a date sent with it is ignored.
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


def test_the_admin_says_it_in_plain_words_too(admissions_client):
    inquiry = InquiryFactory()
    data = inquiry_form(inquiry, name="x", phone="", email="")
    response = admissions_client.post(CHANGE.format(inquiry.pk), data)
    assert texts(response, "ul.errorlist.nonfield li") == ["An inquiry needs a phone number or an e-mail address."]
    assert "violated" not in response.content.decode()


# The author list offers only people who write.
def test_the_author_list_offers_content_staff_only(editor_client, editor_user):
    UserFactory(username="an-admissions-coordinator", group="Admissions")
    UserFactory(username="a-superuser", is_superuser=True)
    authors = texts(editor_client.get("/admin/faq/article/add/"), "select[name=author] option")
    assert authors == ["---------", "a-superuser", editor_user.username]


@pytest.mark.parametrize("path", ["/admin/faq/article/", "/admin/intake/inquiry/", "/admin/levels/levelofcare/"])
def test_admin_search_with_a_nul_character_is_not_a_server_error(admin_client, path):
    assert admin_client.get(path, {"q": "a\x00b"}).status_code == 400
