"""Scale data for the benchmark: 200 articles of 10 to 20 questions and 5,000 inquiries.

Run through `manage.py shell` by bench/run.py; idempotent (skips when the data is there).
"""

from datetime import timedelta

from django.db import connection
from django.utils import timezone

from common.markdown import render_markdown
from core import content_version
from faq.models import Article, Question, Topic
from faq.search import refresh_search_vectors
from intake.forms import CONSENT_TEXT
from intake.models import Inquiry

if not Article.objects.filter(slug="bench-article-0").exists():
    answer_html = render_markdown("An answer. " * 20)  # bulk_create skips save(): the stored HTML is given here
    topic = Topic.objects.first()
    now = timezone.now()
    articles = Article.objects.bulk_create(
        Article(
            slug=f"bench-article-{i}",
            title=f"Benchmark article {i} about recovery programs",
            introduction="Plain words about treatment, insurance and family support. " * 5,
            introduction_html=render_markdown("Plain words about treatment, insurance and family support. " * 5),
            status=Article.Status.PUBLISHED,
            publish_at=now - timedelta(days=30 + i),
        )
        for i in range(200)
    )
    Question.objects.bulk_create(
        Question(
            article=article,
            position=p,
            question=f"Question {p} about care?",
            answer="An answer. " * 20,
            answer_html=answer_html,
        )
        for n, article in enumerate(articles)
        for p in range(1, 11 + n % 10)
    )
    if topic:
        topic.articles.add(*articles)
    refresh_search_vectors(Article.objects.filter(slug__startswith="bench-article-"))  # bulk_create sends no signals
    content_version.bump()
    Inquiry.objects.bulk_create(
        Inquiry(
            name=f"Bench {i}",
            phone=f"+1818555{i % 10000:04d}",
            consent_text=CONSENT_TEXT,
            created_at=now - timedelta(minutes=i),
        )  # fmt: skip
        for i in range(5000)
    )
if connection.vendor == "postgresql":
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # fresh planner statistics, as autovacuum would give a live site
print("scale data ready:", Article.objects.count(), "articles,", Inquiry.objects.count(), "inquiries")
