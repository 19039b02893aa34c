"""Descriptions for search results, link previews, structured data and the feed end at a whole word."""

import importlib
import json
import re
from xml.etree import ElementTree

import pytest
from django.apps import apps

from faq.models import Article

from ..factories import ArticleFactory, LevelFactory, ReviewerFactory
from ..markup import one, parse

pytestmark = pytest.mark.django_db

# 176 characters: cut at 160, "question" would be split ("…answers to the quest").
INTRODUCTION = (
    "An intensive outpatient program lets you get serious treatment for addiction or mental health while you "
    "keep living at home. Here are plain answers to the questions families ask."
)
TEASER = (
    "An intensive outpatient program lets you get serious treatment for addiction or mental health while you "
    "keep living at home. Here are plain answers to the…"
)


@pytest.fixture
def article():
    return ArticleFactory(slug="what-is-iop", title="What is IOP?", introduction=INTRODUCTION)


def test_an_articles_teaser_ends_at_a_word(article):
    assert article.teaser == article.teaser_en == TEASER


def test_the_articles_meta_and_link_preview_descriptions_end_at_a_word(client, article):
    page = parse(client.get("/faq/what-is-iop/"))
    assert one(page, "meta[name=description]").attrs["content"] == TEASER
    assert one(page, "meta[property=og:description]").attrs["content"] == TEASER


def test_the_articles_structured_data_description_ends_at_a_word(client, article):
    html = client.get("/faq/what-is-iop/").content.decode()
    (block,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    webpage = json.loads(block)["@graph"][0]
    assert webpage["@type"] == "MedicalWebPage" and webpage["description"] == TEASER


def test_the_feed_items_description_ends_at_a_word(client, article):
    feed = ElementTree.fromstring(client.get("/faq/feed/").content)
    assert [item.findtext("description") for item in feed.iter("item")] == [TEASER]


def test_a_reviewers_and_a_levels_long_text_end_at_a_word(client):
    bio = "Dr. Lee treats addiction " + "and the illnesses that come with it, " * 5 + "for twenty years."
    ReviewerFactory(slug="lee", bio=bio)
    # Within the summary's 200 characters (PostgreSQL holds it to them), past the description's 160.
    summary = "Several sessions a week " + "around your work, school or family, " * 4 + "and evenings."
    LevelFactory(slug="iop", summary=summary)
    reviewer = one(parse(client.get("/faq/reviewers/lee/")), "meta[name=description]").attrs["content"]
    assert reviewer == (
        "Dr. Lee treats addiction and the illnesses that come with it, and the illnesses that come with it, and the "
        "illnesses that come with it, and the illnesses that…"
    )
    level = parse(client.get("/levels-of-care/iop/"))
    assert one(level, "meta[name=description]").attrs["content"] == (
        "Several sessions a week around your work, school or family, around your work, school or family, around "
        "your work, school or family, around your work, school or…"
    )


def test_the_migration_ends_stored_teasers_cut_mid_word_at_a_word(article):
    cut = INTRODUCTION[:160]
    assert cut.endswith("the quest")
    Article.objects.filter(pk=article.pk).update(teaser=cut, teaser_en=cut)
    kept = ArticleFactory(slug="short", introduction="A short introduction.")
    migration = importlib.import_module("faq.migrations.0009_whole_word_teasers")
    migration.whole_words(apps, None)
    article.refresh_from_db()
    assert article.teaser == article.teaser_en == TEASER
    assert Article.objects.get(pk=kept.pk).teaser_en == "A short introduction."
