"""The pages a treatment center must publish: edited in the admin, linked in the footer."""

import re
from datetime import date, timedelta

import pytest
from django.utils import timezone

from core.models import Accreditation, Redirect, SiteSettings
from demo.pages import PAGES, load_pages
from intake import attribution
from pages.models import Page

from ..factories import PageFactory
from ..public_pages import PUBLIC_PAGES
from ..translated_forms import english_names

pytestmark = pytest.mark.django_db


def page_form(page, **fields):
    data = {
        "title": page.title, "slug": page.slug, "summary": page.summary, "body": page.body,
        "is_published": "on" if page.is_published else "", "in_footer": "on" if page.in_footer else "",
        "footer_position": page.footer_position, "shows_center_profile": "", "review_interval_months": 12,
    }  # fmt: skip
    data.update(fields)
    return english_names({key: value for key, value in data.items() if value != ""}, Page)


def test_every_required_page_is_published_and_linked_in_the_footer_of_every_page(client):
    load_pages()
    titles = [data["title"] for data in PAGES]
    assert {data["slug"] for data in PAGES} == {
        "about", "admissions", "notice-of-privacy-practices", "privacy", "nondiscrimination", "accessibility",
        "editorial-policy",
    }  # fmt: skip
    for data in PAGES:
        html = client.get(f"/{data['slug']}/").content.decode()
        assert f"<h1>{data['title']}</h1>" in html
    for path in ("/", "/faq/", "/contact/", "/does-not-exist/", "/about/"):
        footer = client.get(path).content.decode().split('class="footer-pages')[1]
        found = re.findall(r'<li><a href="/[^"]+/">([^<]+)</a></li>', footer)
        assert found[: len(titles)] == titles, path  # in the footer order


def test_a_draft_page_is_hidden_from_visitors_and_previewed_by_editors(client, editor_user, admissions_user):
    PageFactory(slug="coming", title="Coming soon", is_published=False)
    assert client.get("/coming/").status_code == 404
    assert "Coming soon" not in client.get("/").content.decode()  # not in the footer either
    client.force_login(editor_user)
    preview = client.get("/coming/preview/")
    assert preview.status_code == 200 and "not published yet. Visitors cannot see it" in preview.content.decode()
    assert preview["Cache-Control"] == "private, no-store"
    client.force_login(admissions_user)
    assert client.get("/coming/preview/").status_code == 403


def test_editors_write_pages_in_the_admin_and_the_site_shows_them_at_once(editor_client, client):
    page = PageFactory(slug="about", title="About us", body="Old words.")
    assert "Old words." in client.get("/about/").content.decode()
    for body in ("Middle words.", "**New** words."):
        response = editor_client.post(f"/admin/pages/page/{page.pk}/change/", page_form(page, body=body))
        assert response.status_code == 302
    assert "<strong>New</strong> words." in client.get("/about/").content.decode()
    history = editor_client.get(f"/admin/pages/page/{page.pk}/history/").content.decode()
    assert "Text: “Middle words.” → “**New** words.”" in history


@pytest.mark.parametrize("slug", ["faq", "contact", "levels-of-care", "admin", "healthz"])
def test_a_page_cannot_take_an_address_the_site_already_answers(editor_client, slug):
    page = PageFactory(slug="about")
    response = editor_client.post(f"/admin/pages/page/{page.pk}/change/", page_form(page, slug=slug))
    assert response.status_code == 200
    assert f"/{slug}/ is already a part of the site" in response.content.decode()


def test_a_link_to_a_missing_page_is_refused(editor_client):
    page = PageFactory(slug="about")
    body = "Read [our policy](/privacy-polcy/)."
    response = editor_client.post(f"/admin/pages/page/{page.pk}/change/", page_form(page, body=body))
    assert response.status_code == 200 and "/privacy-polcy/" in response.content.decode()
    assert "which is not a page visitors can open" in response.content.decode()


def test_a_published_page_keeps_its_old_addresses(editor_client, client):
    page = PageFactory(slug="privacy-policy")
    for new in ("privacy", "website-privacy"):
        assert editor_client.post(f"/admin/pages/page/{page.pk}/change/", page_form(page, slug=new)).status_code == 302
        page.refresh_from_db()
    for old in ("/privacy-policy/", "/privacy/"):
        response = client.get(old)
        assert response.status_code == 301 and response["Location"] == "/website-privacy/"
    assert Redirect.objects.count() == 2


def test_about_us_shows_the_licence_and_current_accreditations(client):
    site = SiteSettings.objects.create(licence_number="190000AP")
    today = timezone.localdate()
    Accreditation.objects.create(site=site, body="CARF", program="Residential", expires_on=today + timedelta(days=90))
    Accreditation.objects.create(site=site, body="Lapsed body", expires_on=date(2020, 1, 1))
    PageFactory(slug="about", shows_center_profile=True)
    html = client.get("/about/").content.decode()
    assert '<h2 id="licensing-heading">Accreditation and licensing</h2>' in html
    assert "Licensed by the California Department of Health Care Services (DHCS), licence number 190000AP." in html
    assert "Accredited by CARF (Residential)" in html and "Lapsed body" not in html
    assert "English and Spanish" in html and "<li>Intensive outpatient</li>" in html


def test_language_taglines_keep_their_language_for_screen_readers(client):
    load_pages()
    html = client.get("/nondiscrimination/").content.decode()
    for lang in ("es", "zh-Hant", "vi", "tl", "ko", "hy", "fa", "ru", "ja", "ar", "pa", "km", "hmn", "hi", "th"):
        assert f'<p lang="{lang}"' in html, lang
    assert '<p lang="ar" dir="rtl">' in html


def test_the_privacy_policy_names_the_cookies_the_site_sets_and_how_long_they_last(client):
    load_pages()
    html = client.get("/privacy/").content.decode()
    assert attribution.COOKIE_FIRST in html and attribution.COOKIE_LAST in html
    assert f"expire after <strong>{attribution.MAX_AGE // 86400} days</strong>" in html


def test_pages_are_in_the_sitemap_and_drafts_are_not(client):
    PageFactory(slug="about")
    PageFactory(slug="draft-page", is_published=False)
    body = client.get("/sitemap-center.xml").content.decode()
    assert "http://testserver/about/" in body and "draft-page" not in body


def test_public_page_list_covers_the_center_pages():
    assert "/about/" in PUBLIC_PAGES and "/faq/reviewers/" in PUBLIC_PAGES
    assert Page.objects.count() == 0  # the walk's own content comes from add_center_pages
