"""Addresses never break: a published page's old address redirects (301) to its new one."""

from datetime import timedelta

import pytest
from django.utils import timezone

from core.models import Redirect
from faq.models import Article
from levels.models import LevelOfCare

from ..factories import ArticleFactory, LevelFactory
from ..translated_forms import english_names

pytestmark = pytest.mark.django_db


def move(obj, slug):
    obj.slug = slug
    obj.save()


def test_a_published_article_keeps_its_old_addresses_after_two_changes(client):
    article = ArticleFactory(slug="first")
    move(article, "second")
    move(article, "third")
    for old in ("/faq/first/", "/faq/second/"):
        response = client.get(old, {"utm_source": "mail"})
        assert response.status_code == 301 and response["Location"] == "/faq/third/?utm_source=mail"
    assert client.get("/faq/third/").status_code == 200


def test_moving_back_to_an_old_address_makes_no_loop(client):
    article = ArticleFactory(slug="first")
    move(article, "second")
    move(article, "first")
    assert client.get("/faq/first/").status_code == 200
    assert client.get("/faq/second/")["Location"] == "/faq/first/"
    assert set(Redirect.objects.values_list("old_path", "new_path")) == {("/faq/second/", "/faq/first/")}


def test_a_draft_or_scheduled_article_leaves_no_redirect(client):
    draft = ArticleFactory(slug="draft-one", status=Article.Status.DRAFT)
    move(draft, "draft-two")
    scheduled = ArticleFactory(slug="soon-one", publish_at=timezone.now() + timedelta(days=1))
    move(scheduled, "soon-two")
    assert not Redirect.objects.exists()
    assert client.get("/faq/draft-one/").status_code == 404


def test_a_level_of_care_keeps_its_old_address(client):
    level = LevelFactory(slug="iop-old")
    move(level, "iop-new")
    response = client.get("/levels-of-care/iop-old/")
    assert response.status_code == 301 and response["Location"] == "/levels-of-care/iop-new/"


def test_the_editor_is_told_the_old_address_now_redirects(editor_client):
    level = LevelFactory(slug="old-address")
    data = {
        "name": level.name, "slug": "new-address", "short_name": level.short_name, "asam_level": "2.1",
        "summary": "s", "is_published": "on", "intensity_rank": level.intensity_rank,
        "hours_min": 9, "hours_max": 19, "days_min": 3, "days_max": 5, "weeks_min": "", "weeks_max": "",
        "review_interval_months": 12,
        "supervision": "scheduled", "description": "d", "who_it_fits": "w", "typical_week": "t",
        "meta_description": "",
    }  # fmt: skip
    data = english_names(data, LevelOfCare)
    response = editor_client.post(f"/admin/levels/levelofcare/{level.pk}/change/", data, follow=True)
    assert "/levels-of-care/old-address/ now sends visitors" in response.content.decode()
    assert editor_client.get("/admin/core/redirect/").status_code == 200
