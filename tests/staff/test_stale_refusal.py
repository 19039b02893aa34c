"""A save refused because a colleague saved first says so at the top of the form, with their saved
value beside yours for each field that differs, and keeps what you typed in the form."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from django.utils.formats import date_format
from pytest_django.asserts import assertContains

from faq.models import Article
from intake.models import Inquiry

from ..factories import UNREVIEWED, ArticleFactory, InquiryFactory, UserFactory
from ..intake_helpers import assessment_form, hidden_value, inquiry_form
from ..submitted_form import submitted

pytestmark = pytest.mark.django_db


def _signed_in(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def refused(db):
    """Sam opens an article; Dana saves a new title; Sam then saves his own title and introduction."""
    dana = UserFactory(username="dana", first_name="Dana", last_name="Ruiz", group="Content editors")
    sam = UserFactory(username="sam", group="Content editors")
    article = ArticleFactory(title="Insurance basics", questions=1, **UNREVIEWED)
    url = f"/admin/faq/article/{article.pk}/change/"
    dana_client, sam_client = _signed_in(dana), _signed_in(sam)
    sams_form = submitted(sam_client.get(url).content.decode(), "article_form")
    danas_form = submitted(dana_client.get(url).content.decode(), "article_form")
    assert dana_client.post(url, {**danas_form, "title_en": "What insurance covers"}).status_code == 302
    mine = {"title_en": "Paying with insurance", "introduction_en": "Sam's own introduction."}
    response = sam_client.post(url, {**sams_form, **mine})
    return article, response


def test_the_refusal_is_a_summary_at_the_top_of_the_form(refused):
    article, response = refused
    assert response.status_code == 200
    article.refresh_from_db()
    when = date_format(timezone.localtime(article.updated_at), "N j, P")
    assertContains(
        response,
        f"""<div class="stale-refusal" id="stale-refusal" role="alert" tabindex="-1">
          <p class="stale-refusal-what">Dana Ruiz saved this article at {when}, after you opened it, so nothing was
          saved.</p>
          <table class="stale-differences">
            <caption>Saved now, and different from what your form sends</caption>
            <thead><tr><th scope="col">Field</th><th scope="col">Saved by Dana Ruiz</th>
              <th scope="col">Yours, not saved</th></tr></thead>
            <tbody>
              <tr><th scope="row">Title [en]</th><td>What insurance covers</td><td>Paying with insurance</td></tr>
              <tr><th scope="row">Introduction [en]</th><td>An introduction.</td><td>Sam's own introduction.</td></tr>
            </tbody>
          </table>
          <p>What you typed is still in the form below, and saving again sends every field in it. Where a saved
          value is a colleague's change you did not mean to undo, set the field to it before you save.</p>
        </div>""",
        html=True,
    )
    html = response.content.decode()
    assert html.index('<p class="errornote">') < html.index('id="stale-refusal"') < html.index("<fieldset")
    assertContains(response, '<script src="/static/admin-staff/stale-refusal.js"></script>', html=True)


def test_what_was_typed_stays_in_the_form_and_the_page_names_the_saved_copy(refused):
    article, response = refused
    assertContains(
        response,
        '<input type="text" name="title_en" value="Paying with insurance" class="vTextField mt mt-field-title-en '
        'mt-default" maxlength="200" required id="id_title_en">',
        html=True,
    )
    assertContains(response, "<h2>What insurance covers</h2>", html=True)
    assert Article.objects.get(pk=article.pk).title == "What insurance covers"


def test_the_workspace_above_the_form_shows_the_saved_inquiry(db):
    dana = UserFactory(username="dana", first_name="Dana", last_name="Ruiz", group="Admissions")
    sam = UserFactory(username="sam", group="Admissions")
    inquiry = InquiryFactory(name="Shared Person", first_contact_at=timezone.now() - timedelta(minutes=10))
    url = f"/admin/intake/inquiry/{inquiry.pk}/change/"
    dana_client, sam_client = _signed_in(dana), _signed_in(sam)
    seen_by_sam = hidden_value(sam_client.get(url).content.decode(), "seen_updated_at")
    seen_by_dana = hidden_value(dana_client.get(url).content.decode(), "seen_updated_at")
    assessment = assessment_form(dana, timezone.now() + timedelta(days=1))
    saved = dana_client.post(
        url, inquiry_form(inquiry, seen_by_dana, status=Inquiry.Status.ASSESSMENT_SCHEDULED, **assessment)
    )
    assert saved.status_code == 302
    stale = sam_client.post(url, inquiry_form(inquiry, seen_by_sam, status=Inquiry.Status.SPAM))
    assertContains(stale, "<div><dt>Status</dt><dd>Assessment scheduled</dd></div>", html=True)
    assertContains(stale, '<tr><th scope="row">Status</th><td>Assessment scheduled</td><td>Spam</td></tr>', html=True)
    assertContains(stale, '<option value="spam" selected>Spam</option>', html=True)
