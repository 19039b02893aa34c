"""A save based on an old copy is refused with who saved since and what differs; nothing typed is lost."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from pytest_django.asserts import assertContains

from core.models import SiteSettings
from faq.models import Article
from intake.models import Inquiry, Note

from ..factories import ArticleFactory, InquiryFactory, LevelFactory, UserFactory
from ..faq_helpers import article_form
from ..intake_helpers import assessment_form, hidden_value, inquiry_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinators(db):
    dana = UserFactory(username="dana", first_name="Dana", last_name="Ruiz", group="Admissions")
    sam = UserFactory(username="sam", group="Admissions")
    clients = []
    for user in (dana, sam):
        client = Client()
        client.force_login(user)
        clients.append(client)
    return dana, sam, clients


def test_a_second_coordinators_stale_save_is_refused_and_keeps_their_note(coordinators):
    dana, sam, (dana_client, sam_client) = coordinators
    inquiry = InquiryFactory(name="Shared Person", first_contact_at=timezone.now() - timedelta(minutes=10))
    url = f"/admin/intake/inquiry/{inquiry.pk}/change/"
    seen_by_sam = hidden_value(sam_client.get(url).content.decode(), "seen_updated_at")
    seen_by_dana = hidden_value(dana_client.get(url).content.decode(), "seen_updated_at")
    assessment = assessment_form(dana, timezone.now() + timedelta(days=1))
    saved = dana_client.post(
        url, inquiry_form(inquiry, seen_by_dana, status="assessment_scheduled", assigned_to=dana.pk, **assessment)
    )
    assert saved.status_code == 302
    # Logging a contact adds to the record and changes nothing Dana typed: never refused.
    logged = sam_client.post(
        f"/admin/intake/inquiry/{inquiry.pk}/log-contact/", {"kind": "note", "text": "Left a message with the mother."}
    )
    assert logged.status_code == 302
    # His save of the page he opened earlier is refused, and keeps what he typed.
    stale = sam_client.post(url, inquiry_form(inquiry, seen_by_sam, message="Asked about evening groups."))
    assert stale.status_code == 200
    html = stale.content.decode()
    assert "saved this inquiry at" in html and "nothing was saved" in html
    # Their saved value beside his, for each field that differs.
    assertContains(stale, '<tr><th scope="row">Status</th><td>Assessment scheduled</td><td>New</td></tr>', html=True)
    assertContains(stale, '<tr><th scope="row">Assigned to</th><td>dana</td><td>empty</td></tr>', html=True)
    assert "Asked about evening groups." in html
    inquiry.refresh_from_db()
    assert (inquiry.status, inquiry.assigned_to) == (Inquiry.Status.ASSESSMENT_SCHEDULED, dana)
    assert Note.objects.get().text == "Left a message with the mother."
    # Saving again is a choice made with the differences in view; the form now knows the new copy.
    again = inquiry_form(
        inquiry, hidden_value(html, "seen_updated_at"), status="assessment_scheduled", assigned_to=dana.pk,
        message="Asked about evening groups.", **assessment,
    )  # fmt: skip
    assert sam_client.post(url, again).status_code == 302
    inquiry.refresh_from_db()
    assert inquiry.message == "Asked about evening groups." and inquiry.status == "assessment_scheduled"


def test_an_article_changed_in_its_questions_refuses_a_stale_save(editor_client):
    article = ArticleFactory(title="Old title", questions=2)
    url = f"/admin/faq/article/{article.pk}/change/"
    seen = hidden_value(editor_client.get(url).content.decode(), "seen_updated_at")
    question = article.questions.get(position=1)
    question.answer = "A colleague's better answer."
    question.save()
    data = article_form(article, title="My title", introduction="i", closing="", seen_updated_at=seen)
    response = editor_client.post(url, data)
    assert response.status_code == 200
    html = response.content.decode()
    # Saved outside the admin (no log entry names who), and the title on the page was never saved.
    assert "Someone saved this article at" in html
    assertContains(response, '<tr><th scope="row">Title [en]</th><td>Old title</td><td>My title</td></tr>', html=True)
    article.refresh_from_db()
    assert article.title == "Old title"


@pytest.mark.parametrize("kind", ["level", "site settings"])
def test_levels_and_site_settings_refuse_stale_saves(admin_client, kind):
    if kind == "level":
        obj = LevelFactory(summary="Saved by a colleague")
        url = f"/admin/levels/levelofcare/{obj.pk}/change/"
    else:
        obj = SiteSettings.objects.create(tagline="Saved by a colleague")
        url = "/admin/core/sitesettings/1/change/"
    page = admin_client.get(url).content.decode()
    seen = hidden_value(page, "seen_updated_at")
    obj.save()  # a colleague's save, after this page was opened
    response = admin_client.post(url, {"seen_updated_at": seen, "name": "x"})
    assert response.status_code == 200 and "after you opened it, so nothing was saved" in response.content.decode()


def test_a_quick_edit_in_the_list_refuses_a_row_changed_since_the_list_was_shown(editor_client):
    article = ArticleFactory(title="Busy article")
    page = editor_client.get("/admin/faq/article/").content.decode()
    drawn = hidden_value(page, "form-list_opened_at")
    # A colleague unpublishes it after the list was shown.
    Article.objects.filter(pk=article.pk).update(status=Article.Status.DRAFT, updated_at=timezone.now())
    data = {
        "form-TOTAL_FORMS": "1", "form-INITIAL_FORMS": "1", "form-MIN_NUM_FORMS": "0", "form-MAX_NUM_FORMS": "1000",
        "form-list_opened_at": drawn, "form-0-id": article.pk, "form-0-status": "published",
        "form-0-publish_at_0": "2026-01-01", "form-0-publish_at_1": "10:00:00", "_save": "Save",
    }  # fmt: skip
    response = editor_client.post("/admin/faq/article/", data)
    html = response.content.decode()
    assert response.status_code == 200 and "after this list was shown, so this row was not saved" in html
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT
    # Saving again, with the refusal in view, keeps theirs.
    data["form-list_opened_at"] = hidden_value(html, "form-list_opened_at")
    assert editor_client.post("/admin/faq/article/", data).status_code == 302
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED
