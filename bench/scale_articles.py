"""Scale data for the benchmark's scale pass: 10,000 articles of 15 questions (150,000 in all).

Run through `manage.py shell` by bench/run.py; idempotent (skips when the data is there).
"""

from datetime import timedelta

from django.db import connection
from django.utils import timezone

from common.markdown import render_markdown
from core import content_version
from faq.models import Article, Question, Topic
from faq.search import refresh_search_vectors
from levels.models import LevelOfCare

COUNT, QUESTIONS = 10_000, 15
INTRODUCTION = "Plain words about **treatment**, insurance and family support. " * 5
ANSWER = "An answer about recovery, with a [link](https://example.org). " * 8

if not Article.objects.filter(slug=f"scale-article-{COUNT - 1}").exists():
    now = timezone.now()
    introduction_html, answer_html = render_markdown(INTRODUCTION), render_markdown(ANSWER)
    for start in range(0, COUNT, 1000):
        # bulk_create skips save(), so the stored HTML is given here.
        articles = Article.objects.bulk_create(
            Article(
                slug=f"scale-article-{i}",
                title=f"Scale article {i} about recovery programs",
                introduction=INTRODUCTION,
                introduction_html=introduction_html,
                status=Article.Status.PUBLISHED if i % 20 else Article.Status.DRAFT,
                publish_at=now - timedelta(hours=i) if i % 50 else now + timedelta(days=i % 7 + 1),
            )
            for i in range(start, start + 1000)
        )
        Question.objects.bulk_create(
            Question(
                article=article,
                position=p,
                question=f"Question {p} about care?",
                answer=ANSWER,
                answer_html=answer_html,
            )
            for article in articles
            for p in range(1, QUESTIONS + 1)
        )
        Article.topics.through.objects.bulk_create(
            Article.topics.through(article=article, topic=topic)
            for article in articles
            for topic in Topic.objects.all()
        )
        Article.related_levels.through.objects.bulk_create(
            Article.related_levels.through(article=article, levelofcare=level)
            for article in articles
            for level in LevelOfCare.objects.all()
        )
    refresh_search_vectors(Article.objects.filter(slug__startswith="scale-article-"))
    content_version.bump()  # bulk_create sends no signals
if connection.vendor == "postgresql":
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
print("scale data ready:", Article.objects.count(), "articles,", Question.objects.count(), "questions")
