import gzip
import json
import re
from datetime import datetime, timedelta
from xml.etree import ElementTree

import pytest
from django.utils import timezone
from reversion.models import Version

from faq.models import Article, Question
from faq.search import refresh_search_vectors
from pages.sitemaps import SITEMAPS

from ..factories import UNREVIEWED, ArticleFactory, LevelFactory, QuestionFactory, ReviewerFactory, TopicFactory
from ..faq_helpers import article_form

pytestmark = pytest.mark.django_db


def json_ld(html):
    blocks = re.findall(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', html, re.S)
    assert len(blocks) == 1
    return json.loads(blocks[0])


def test_published_queryset_rules():
    live = ArticleFactory()
    ArticleFactory(status=Article.Status.DRAFT)
    ArticleFactory(publish_at=timezone.now() + timedelta(hours=1))
    assert list(Article.objects.published()) == [live]


def test_draft_and_future_articles_are_404_for_visitors(client):
    ArticleFactory(slug="draft", status=Article.Status.DRAFT)
    ArticleFactory(slug="future", publish_at=timezone.now() + timedelta(days=1))
    ArticleFactory(slug="live")
    assert client.get("/faq/draft/").status_code == 404
    assert client.get("/faq/future/").status_code == 404
    assert client.get("/faq/live/").status_code == 200
    listing = client.get("/faq/").content.decode()
    assert "/faq/live/" in listing and "/faq/draft/" not in listing and "/faq/future/" not in listing


def test_scheduled_article_appears_when_its_time_comes(client, time_machine):
    now = timezone.now()
    time_machine.move_to(now, tick=False)
    ArticleFactory(slug="soon", publish_at=now + timedelta(minutes=5))
    assert client.get("/faq/soon/").status_code == 404
    time_machine.move_to(now + timedelta(minutes=6), tick=False)
    assert client.get("/faq/soon/").status_code == 200


def test_preview_is_for_staff_only(client, editor_user, admissions_user):
    ArticleFactory(slug="draft", status=Article.Status.DRAFT, title="Secret draft")
    assert client.get("/faq/draft/preview/").status_code == 302  # to the login page
    client.force_login(editor_user)
    response = client.get("/faq/draft/preview/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Secret draft" in html and "Preview: this article is a draft" in html
    assert '<meta name="robots" content="noindex">' in html
    assert response["X-Robots-Tag"] == "noindex"
    client.force_login(admissions_user)  # staff, but without article permissions
    assert client.get("/faq/draft/preview/").status_code == 403


def test_previews_say_when_an_article_goes_live_in_local_time(client, editor_user):
    from zoneinfo import ZoneInfo

    ArticleFactory(slug="draft", status=Article.Status.DRAFT)
    at = datetime(2030, 3, 4, 8, 40, tzinfo=ZoneInfo("America/Los_Angeles"))
    ArticleFactory(slug="soon", publish_at=at)
    client.force_login(editor_user)
    draft = client.get("/faq/draft/preview/").content.decode()
    assert "Not published yet: a draft." in draft and "Published <time" not in draft
    soon = client.get("/faq/soon/preview/").content.decode()
    assert "scheduled to go live on March 4, 2030 at 8:40 AM (the center's time)." in soon
    assert (
        "To be published <time" in soon
        and "Published <time" not in soon
        and ".." not in soon.split("Preview:")[1][:200]
    )
    live = ArticleFactory(slug="live")
    assert "Published <time" in client.get(live.get_absolute_url()).content.decode()
    assert "Published <time" in client.get("/faq/live/preview/").content.decode()


def test_article_page_content(client):
    level = LevelFactory(name="Intensive outpatient program", slug="iop")
    topic = TopicFactory(name="Programs")
    article = ArticleFactory(
        slug="what-is-iop",
        title="What Is IOP?",
        reviewer=ReviewerFactory(name="Ana Ruiz", slug="ana-ruiz", credentials="LMFT"),
    )
    article.topics.add(topic)
    article.related_levels.add(level)
    other = ArticleFactory(title="Another programs article")
    other.topics.add(topic)
    for position in range(1, 11):
        QuestionFactory(article=article, position=position, question=f"Question {position}?")
    html = client.get("/faq/what-is-iop/").content.decode()
    assert 'Clinically reviewed by <a href="/faq/reviewers/ana-ruiz/"><strong>Ana Ruiz, LMFT</strong></a>' in html
    assert '<a href="#q7">Question 7?</a>' in html
    assert 'id="q7"' in html
    assert "Intensive outpatient program" in html
    assert "Another programs article" in html
    assert 'href="/contact/"' in html
    assert '<meta property="og:type" content="article">' in html
    assert '<link rel="canonical" href="http://testserver/faq/what-is-iop/">' in html


def test_markdown_in_articles_is_sanitized(client):
    article = ArticleFactory(slug="x", introduction="Hi <script>alert(1)</script><iframe src=x></iframe>")
    QuestionFactory(article=article, position=1, answer='[a](javascript:alert(1)) <b onmouseover="x()">b</b>')
    html = client.get("/faq/x/").content.decode()
    assert "<script>alert" not in html and "<iframe" not in html
    assert "javascript:" not in html and "onmouseover" not in html


def test_json_ld_is_valid_with_hostile_text(client):
    hostile = 'He said "stop" </script><script>alert(1)</script> & naïve — 日本語 \\ \u2028'
    article = ArticleFactory(slug="x", title=hostile, reviewer=ReviewerFactory(name="Dr. O'Brien", credentials="MD"))
    QuestionFactory(article=article, position=1, question=hostile, answer=f"**{hostile}**")
    html = client.get("/faq/x/").content.decode()
    assert html.count("</script>") == 1 + html.count("<script src=")  # the JSON-LD block closes once
    data = json_ld(html)
    webpage, faq = data["@graph"]
    assert webpage["@type"] == "MedicalWebPage"
    assert webpage["reviewedBy"]["name"] == "Dr. O'Brien"
    assert webpage["lastReviewed"] == article.last_reviewed.isoformat()
    assert faq["@type"] == "FAQPage"
    assert faq["mainEntity"][0]["name"] == hostile
    answer = faq["mainEntity"][0]["acceptedAnswer"]["text"]
    assert 'He said "stop"' in answer and "日本語" in answer and "<script" not in answer


def test_json_ld_lists_every_question_in_order(client):
    article = ArticleFactory(slug="x", questions=10)
    data = json_ld(client.get("/faq/x/").content.decode())
    names = [q["name"] for q in data["@graph"][1]["mainEntity"]]
    assert names == list(article.questions.order_by("position").values_list("question", flat=True))


def test_search_finds_title_question_and_answer(client):
    ArticleFactory(title="Paying for care", slug="pay")
    in_question = ArticleFactory(slug="q")
    QuestionFactory(article=in_question, position=1, question="Is detox painful?")
    in_answer = ArticleFactory(slug="a")
    QuestionFactory(article=in_answer, position=1, answer="Most plans include counseling.")
    ArticleFactory(slug="draft", title="Paying draft", status=Article.Status.DRAFT)
    assert "/faq/pay/" in client.get("/faq/?q=paying").content.decode()
    assert "/faq/q/" in client.get("/faq/?q=detox").content.decode()
    assert "/faq/a/" in client.get("/faq/?q=counseling").content.decode()
    html = client.get("/faq/?q=paying").content.decode()
    assert "/faq/draft/" not in html
    assert "1 result for" in html


@pytest.mark.parametrize(
    "query, status",
    [
        ("", 200),
        ("   ", 200),
        ("x" * 5000, 200),
        ("'; DROP TABLE faq_article; --", 200),
        ("\x01\x7f", 200),
        ("&|!():*<>", 200),
        ("日本", 200),
        ("\x00\x01", 400),  # refused for every page (core.unreadable_input)
    ],
)
def test_search_never_errors(client, query, status):
    ArticleFactory()
    response = client.get("/faq/", {"q": query})
    assert response.status_code == status


@pytest.mark.postgres
def test_postgres_search_is_ranked_and_stemmed(client):
    answer_hit = ArticleFactory(slug="answer-hit", title="Something else")
    QuestionFactory(article=answer_hit, position=1, answer="Families often ask about programs.")
    ArticleFactory(slug="title-hit", title="Programs for families")
    question_hit = ArticleFactory(slug="question-hit", title="Unrelated")
    QuestionFactory(article=question_hit, position=1, question="Which programs exist?")
    html = client.get("/faq/?q=program").content.decode()  # stemmed: "program" matches "programs"
    order = [html.index(f"/faq/{slug}/") for slug in ("title-hit", "question-hit", "answer-hit")]
    assert order == sorted(order)
    assert "/faq/title-hit/" in client.get("/faq/?q=family").content.decode()
    assert client.get("/faq/", {"q": '"programs for" -nothing OR'}).status_code == 200


@pytest.mark.postgres
def test_postgres_search_vector_follows_edits(client):
    article = ArticleFactory(slug="x", title="Plain title", questions=1)
    question = article.questions.get()
    assert "/faq/x/" not in client.get("/faq/?q=buprenorphine").content.decode()
    question.answer = "Buprenorphine is one of the medications used."
    question.save()
    assert "/faq/x/" in client.get("/faq/?q=buprenorphine").content.decode()
    question.delete()
    assert "/faq/x/" not in client.get("/faq/?q=buprenorphine").content.decode()
    article.title = "Naltrexone explained"
    article.save()
    assert "/faq/x/" in client.get("/faq/?q=naltrexone").content.decode()


@pytest.mark.postgres
def test_bulk_created_articles_are_found_after_a_refresh(client):
    Article.objects.bulk_create([Article(slug="bulk", title="Detox questions", introduction="i", status="published")])
    assert "/faq/bulk/" not in client.get("/faq/?q=detox").content.decode()
    refresh_search_vectors(Article.objects.all())
    assert "/faq/bulk/" in client.get("/faq/?q=detox").content.decode()


def test_topic_page(client):
    topic = TopicFactory(slug="insurance", name="Insurance")
    inside = ArticleFactory(slug="in")
    inside.topics.add(topic)
    ArticleFactory(slug="out")
    html = client.get("/faq/topic/insurance/").content.decode()
    assert "/faq/in/" in html and "/faq/out/" not in html
    assert client.get("/faq/topic/none/").status_code == 404


def test_list_is_paginated_newest_first(client):
    now = timezone.now()
    for day in range(12):
        ArticleFactory(slug=f"a{day}", publish_at=now - timedelta(days=day + 1))
    html = client.get("/faq/").content.decode()
    assert html.index("/faq/a0/") < html.index("/faq/a1/")
    assert "/faq/a11/" not in html
    assert "/faq/a11/" in client.get("/faq/?page=2").content.decode()
    assert client.get("/faq/?page=99").status_code == 404


def test_sitemap_lists_pages_articles_topics_and_levels(client):
    article = ArticleFactory(slug="live")
    topic = TopicFactory(slug="t")
    article.topics.add(topic)
    ArticleFactory(slug="hidden", status=Article.Status.DRAFT)
    LevelFactory(slug="iop")
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    index = client.get("/sitemap.xml")
    assert index.status_code == 200
    sections = [loc.text for loc in ElementTree.fromstring(index.content).findall("s:sitemap/s:loc", ns)]
    assert sections == [f"http://testserver/sitemap-{name}.xml" for name in SITEMAPS]
    urls = {}
    for section in sections:
        response = client.get(section.removeprefix("http://testserver"))
        assert response.status_code == 200
        urls |= {u.find("s:loc", ns).text: u for u in ElementTree.fromstring(response.content).findall("s:url", ns)}
    assert "http://testserver/" in urls
    assert "http://testserver/faq/live/" in urls
    assert urls["http://testserver/faq/live/"].find("s:lastmod", ns) is not None
    assert "http://testserver/faq/hidden/" not in urls
    assert "http://testserver/faq/topic/t/" in urls
    assert "http://testserver/levels-of-care/iop/" in urls
    assert "http://testserver/levels-of-care/" in urls


def test_sitemap_splits_many_articles_into_pages_and_is_compressed(client, monkeypatch):
    from faq.sitemaps import ArticleSitemap

    monkeypatch.setattr(ArticleSitemap, "limit", 2)
    for i in range(5):
        ArticleFactory(slug=f"a{i}", title_es=f"Artículo {i}", introduction_es="Una introducción.")
    index = client.get("/sitemap.xml", headers={"accept-encoding": "gzip"})
    assert index["Content-Encoding"] == "gzip"
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    body = gzip.decompress(index.content)
    pages = [loc.text for loc in ElementTree.fromstring(body).findall("s:sitemap/s:loc", ns)]
    # Each article in English and in Spanish: ten addresses, two a page.
    assert [page for page in pages if "articles" in page] == [
        "http://testserver/sitemap-articles.xml",
        *[f"http://testserver/sitemap-articles.xml?p={number}" for number in range(2, 6)],
    ]
    last = ElementTree.fromstring(client.get("/sitemap-articles.xml?p=5").content)
    assert [u.find("s:loc", ns).text for u in last.findall("s:url", ns)] == [
        "http://testserver/faq/a4/",
        "http://testserver/es/faq/a4/",
    ]


@pytest.mark.parametrize("count", [3, 30])
def test_sitemap_index_dates_each_section_without_loading_every_article(client, django_assert_num_queries, count):
    for i in range(count):
        ArticleFactory(slug=f"a{i}")
    ArticleFactory(slug="draft", status=Article.Status.DRAFT)  # its later change is not what the index shows
    latest = Article.objects.published().latest("updated_at").updated_at
    # The version; for articles, levels and pages a count and the newest change; topics; reviewers.
    with django_assert_num_queries(10):
        index = client.get("/sitemap.xml")
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    sections = {
        entry.find("s:loc", ns).text: entry.find("s:lastmod", ns)
        for entry in ElementTree.fromstring(index.content).findall("s:sitemap", ns)
    }
    assert datetime.fromisoformat(sections["http://testserver/sitemap-articles.xml"].text) == latest


def test_feed_lists_published_articles(client):
    ArticleFactory(title="Live one")
    ArticleFactory(title="Draft one", status=Article.Status.DRAFT)
    response = client.get("/faq/feed/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "<rss" in body and "Live one" in body and "Draft one" not in body


def test_admin_edits_questions_inline_and_records_history(editor_client, editor_user):
    article = ArticleFactory(slug="x", title="Old title", **UNREVIEWED)
    q1 = QuestionFactory(article=article, position=1, question="First?")
    q2 = QuestionFactory(article=article, position=2, question="Second?")
    page = editor_client.get(f"/admin/faq/article/{article.pk}/change/")
    assert page.status_code == 200 and "First?" in page.content.decode()
    data = article_form(
        article, title="New title", introduction="Intro", closing="", **{
        "questions-TOTAL_FORMS": "3", "questions-INITIAL_FORMS": "2",
        "questions-0-id": q1.pk, "questions-0-article": article.pk, "questions-0-position": "2",
        "questions-0-question": "First?", "questions-0-answer": "a",
        "questions-1-id": q2.pk, "questions-1-article": article.pk, "questions-1-position": "1",
        "questions-1-question": "Second?", "questions-1-answer": "b",
        "questions-2-article": article.pk, "questions-2-position": "3", "questions-2-question": "Third?",
        "questions-2-answer": "c",
    })  # fmt: skip
    response = editor_client.post(f"/admin/faq/article/{article.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert list(article.questions.order_by("position").values_list("question", flat=True)) == [
        "Second?", "First?", "Third?",
    ]  # fmt: skip
    article.refresh_from_db()
    assert article.title == "New title"
    version = Version.objects.get_for_object(article).get()
    assert version.revision.user == editor_user and version.field_dict["title"] == "New title"
    history = editor_client.get(f"/admin/faq/article/{article.pk}/history/").content.decode()
    assert "First saved version." in history and editor_user.username in history


def test_admin_rejects_duplicate_positions_with_a_message(editor_client):
    article = ArticleFactory(slug="x")
    data = article_form(article, status="draft", reviewer="", last_reviewed="", **{
        "questions-TOTAL_FORMS": "2",
        "questions-0-position": "1", "questions-0-question": "A?", "questions-0-answer": "a",
        "questions-1-position": "1", "questions-1-question": "B?", "questions-1-answer": "b",
    })  # fmt: skip
    response = editor_client.post(f"/admin/faq/article/{article.pk}/change/", data)
    assert response.status_code == 200
    assert "Please correct the duplicate data for position" in response.content.decode()
    assert not Question.objects.exists()


def test_admin_list_and_preview_link(editor_client):
    ArticleFactory(title="Listed", status=Article.Status.DRAFT)
    html = editor_client.get("/admin/faq/article/").content.decode()
    assert "Listed" in html and "No (draft)" in html
    for query in ("?status__exact=draft", "?q=Listed"):
        assert editor_client.get(f"/admin/faq/article/{query}").status_code == 200
    article = Article.objects.get()
    change = editor_client.get(f"/admin/faq/article/{article.pk}/change/").content.decode()
    assert f'href="/faq/{article.slug}/preview/"' in change
    assert editor_client.get("/admin/faq/topic/").status_code == 200
    assert editor_client.get("/admin/faq/reviewer/").status_code == 200
