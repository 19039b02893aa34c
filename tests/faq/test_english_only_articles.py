"""An article not written in Spanish (its title and introduction: languages.has_translation) says so
on Spanish pages: "(en inglés)" after its name in every list and in the Spanish feed, and no Spanish
alternate for search engines, in the page head or the sitemap. A translated one is listed plainly."""

import json
import re
from datetime import date
from xml.etree import ElementTree

import pytest
from django.db import transaction

from core.models import Accreditation, SiteSettings

from ..factories import ArticleFactory, LevelFactory, ReviewerFactory, TopicFactory
from ..markup import select

pytestmark = pytest.mark.django_db

MARK = ' <span class="in-english" lang="es">(en inglés)</span>'
SITEMAP = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}


@pytest.fixture(scope="module", autouse=True)
def articles(django_db_setup, django_db_blocker):
    """Three articles sharing a topic, a level and a reviewer: one in Spanish, one in English only, one
    with a Spanish title over an English introduction (not written in Spanish either)."""
    with django_db_blocker.unblock(), transaction.atomic():
        reviewer = ReviewerFactory(
            slug="dana", name="Dana Whitfield", credentials="LMFT", credentials_es="LMFT (terapeuta familiar)"
        )
        level = LevelFactory(slug="iop", name_es="Programa ambulatorio intensivo")
        topic = TopicFactory(slug="programs", name_es="Programas")
        for slug, spanish in [
            ("spanish", {"title_es": "En español", "introduction_es": "Una introducción."}),
            ("english", {}),
            ("title-only", {"title_es": "Solo el título"}),
        ]:
            article = ArticleFactory(slug=slug, title=f"Article {slug}", reviewer=reviewer, **spanish)
            article.topics.add(topic)
            article.related_levels.add(level)
        yield
        transaction.set_rollback(True)


def links(html, slug, prefix="/es"):
    """The links to an article on a page, as HTML."""
    return [link for link in re.findall(r"<a [^>]*>.*?</a>", html, re.S) if f'href="{prefix}/faq/{slug}/"' in link]


LISTS = {
    "the list of questions and answers": "/es/faq/",
    "a topic's page": "/es/faq/topic/programs/",
    "the home page's newest articles": "/es/",
    "a level's articles": "/es/levels-of-care/iop/",
    "a reviewer's page": "/es/faq/reviewers/dana/",
    "an article's related articles": "/es/faq/spanish/",
}


@pytest.mark.parametrize("path", LISTS.values(), ids=LISTS.keys())
def test_spanish_lists_mark_articles_not_written_in_spanish(client, path):
    html = client.get(path).content.decode()
    assert links(html, "english") == [f'<a href="/es/faq/english/" lang="en">Article english{MARK}</a>']
    assert links(html, "title-only") == [f'<a href="/es/faq/title-only/">Solo el título{MARK}</a>']
    if path != "/es/faq/spanish/":  # an article is not related to itself
        assert links(html, "spanish") == ['<a href="/es/faq/spanish/">En español</a>']


@pytest.mark.parametrize("path", [path.removeprefix("/es") for path in LISTS.values()], ids=LISTS.keys())
def test_english_lists_mark_nothing(client, path):
    html = client.get(path).content.decode()
    assert links(html, "english", prefix="") == ['<a href="/faq/english/">Article english</a>']
    assert select(html, "span.in-english") == []


def feed_titles(client, path):
    items = ElementTree.fromstring(client.get(path).content).findall("channel/item")
    return {item.findtext("link").rsplit("/", 2)[-2]: item.findtext("title") for item in items}


def test_the_spanish_feed_marks_articles_not_written_in_spanish(client):
    assert feed_titles(client, "/es/faq/feed/") == {
        "spanish": "En español",
        "english": "Article english (en inglés)",
        "title-only": "Solo el título (en inglés)",
    }
    assert set(feed_titles(client, "/faq/feed/").values()) == {
        "Article spanish",
        "Article english",
        "Article title-only",
    }


def head_alternates(html):
    return dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html))


@pytest.mark.parametrize("prefix", ["", "/es"])
def test_the_page_head_names_a_spanish_alternate_only_for_a_spanish_article(client, prefix):
    english_only = head_alternates(client.get(f"{prefix}/faq/english/").content.decode())
    assert english_only == {"en": "http://testserver/faq/english/", "x-default": "http://testserver/faq/english/"}
    assert head_alternates(client.get(f"{prefix}/faq/title-only/").content.decode()).keys() == {"en", "x-default"}
    translated = head_alternates(client.get(f"{prefix}/faq/spanish/").content.decode())
    assert translated == {
        "en": "http://testserver/faq/spanish/",
        "es": "http://testserver/es/faq/spanish/",
        "x-default": "http://testserver/faq/spanish/",
    }


def test_the_page_head_of_a_reviewer_topic_or_level_without_spanish_has_no_spanish_alternate(client):
    ReviewerFactory(slug="new", bio="Only English.")
    TopicFactory(slug="new")
    assert head_alternates(client.get("/es/faq/reviewers/new/").content.decode()).keys() == {"en", "x-default"}
    assert head_alternates(client.get("/es/faq/topic/new/").content.decode()).keys() == {"en", "x-default"}
    assert head_alternates(client.get("/es/faq/topic/programs/").content.decode()).keys() == {"en", "es", "x-default"}
    assert head_alternates(client.get("/es/levels-of-care/iop/").content.decode()).keys() == {"en", "es", "x-default"}


def test_the_sitemap_lists_an_article_in_spanish_only_when_it_is_written_in_spanish(client):
    root = ElementTree.fromstring(client.get("/sitemap-articles.xml").content)
    entries = {
        url.findtext("s:loc", namespaces=SITEMAP): {
            link.get("hreflang"): link.get("href") for link in url.findall("xhtml:link", SITEMAP)
        }
        for url in root.findall("s:url", SITEMAP)
    }
    base = "http://testserver"
    assert entries == {
        f"{base}/faq/spanish/": {
            "en": f"{base}/faq/spanish/",
            "es": f"{base}/es/faq/spanish/",
            "x-default": f"{base}/faq/spanish/",
        },
        f"{base}/es/faq/spanish/": {
            "en": f"{base}/faq/spanish/",
            "es": f"{base}/es/faq/spanish/",
            "x-default": f"{base}/faq/spanish/",
        },
        f"{base}/faq/english/": {"en": f"{base}/faq/english/", "x-default": f"{base}/faq/english/"},
        f"{base}/faq/title-only/": {"en": f"{base}/faq/title-only/", "x-default": f"{base}/faq/title-only/"},
    }


def json_ld(html):
    return [
        json.loads(block) for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    ]


def reviewed_by(html):
    (article,) = json_ld(html)
    return next(part["reviewedBy"] for part in article["@graph"] if "reviewedBy" in part)


def test_reviewer_credentials_in_each_language(client):
    assert select(client.get("/faq/reviewers/dana/").content.decode(), "h1")[0].text == "Dana Whitfield, LMFT"
    spanish = client.get("/es/faq/reviewers/dana/").content.decode()
    assert select(spanish, "h1")[0].text == "Dana Whitfield, LMFT (terapeuta familiar)"
    assert reviewed_by(client.get("/faq/spanish/").content.decode())["honorificSuffix"] == "LMFT"
    assert (
        reviewed_by(client.get("/es/faq/spanish/").content.decode())["honorificSuffix"] == "LMFT (terapeuta familiar)"
    )


def test_licence_and_accreditation_names_in_each_language(client):
    site = SiteSettings.objects.create(licence_number="190000AP")
    site.licence_agency_es = "Departamento de Servicios de Atención Médica de California (DHCS)"
    site.save()
    Accreditation.objects.create(
        site=site,
        body_en="The Joint Commission",
        body_es="la Comisión Conjunta",
        program_en="Behavioral Health Care",
        program_es="Salud conductual",
        expires_on=date(2099, 1, 1),
    )
    (english,) = json_ld(client.get("/").content.decode())
    (spanish,) = json_ld(client.get("/es/").content.decode())
    assert english["availableLanguage"] == spanish["availableLanguage"] == ["en", "es"]
    licence, accreditation = english["hasCredential"]
    assert licence["name"] == "Licensed by the California Department of Health Care Services (DHCS)"
    assert licence["recognizedBy"]["name"] == "California Department of Health Care Services (DHCS)"
    assert (accreditation["name"], accreditation["recognizedBy"]["name"]) == (
        "The Joint Commission Behavioral Health Care",
        "The Joint Commission",
    )
    licence, accreditation = spanish["hasCredential"]
    assert licence["name"] == "Con licencia del Departamento de Servicios de Atención Médica de California (DHCS)"
    assert licence["recognizedBy"]["name"] == "Departamento de Servicios de Atención Médica de California (DHCS)"
    assert (accreditation["name"], accreditation["recognizedBy"]["name"]) == (
        "la Comisión Conjunta Salud conductual",
        "la Comisión Conjunta",
    )
    trust = [item.text for item in select(client.get("/es/").content.decode(), "section.home-trust li")]
    assert trust[1] == "Acreditado por la Comisión Conjunta."
