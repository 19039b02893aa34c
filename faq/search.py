"""Article search: PostgreSQL full-text search where available, a plain match elsewhere."""

from django.contrib.postgres.aggregates import StringAgg
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import Exists, F, OuterRef, Q, Subquery, TextField, Value
from django.db.models.functions import Coalesce
from django.db.models.signals import post_delete, post_save

from core import content_version

from .models import Article, Question

MAX_QUERY_LENGTH = 200
CONFIG = "english"


def clean_query(raw):
    """The query as searched: whitespace folded, control characters dropped, length capped."""
    text = "".join(ch for ch in (raw or "") if ch.isprintable())
    return " ".join(text.split())[:MAX_QUERY_LENGTH].strip()


def search_articles(queryset, query):
    if connection.vendor == "postgresql":
        return _search_postgres(queryset, query)
    return _search_plain(queryset, query)


def _question_text(question_model, field):
    return Coalesce(
        Subquery(
            question_model.objects.filter(article=OuterRef("pk"))
            .values("article")
            .annotate(text=StringAgg(field, delimiter=" ", output_field=TextField()))
            .values("text"),
            output_field=TextField(),
        ),
        Value(""),
        output_field=TextField(),
    )


def search_vector(question_model=Question):
    """Title first, then questions and introduction, then answers. Also used by the migration."""
    return (
        SearchVector("title", weight="A", config=CONFIG)
        + SearchVector(_question_text(question_model, "question"), weight="B", config=CONFIG)
        + SearchVector("introduction", weight="B", config=CONFIG)
        + SearchVector(_question_text(question_model, "answer"), weight="C", config=CONFIG)
    )


def refresh_search_vectors(articles):
    """Store the search vector of these articles (a queryset); PostgreSQL only. What searches find
    changes, so the content version moves on (a bulk load sends no other signal)."""
    if connection.vendor == "postgresql":
        articles.update(search_vector=search_vector())
        content_version.bump()


def _search_postgres(queryset, query):
    # The stored vector has a GIN index (migration 0002), so a search does not read every article.
    search_query = SearchQuery(query, search_type="websearch", config=CONFIG)
    return (
        queryset.filter(search_vector=search_query)
        .annotate(rank=SearchRank(F("search_vector"), search_query))
        .order_by(F("rank").desc(), "-publish_at")
    )


def _search_plain(queryset, query):
    """Every word must appear somewhere in the article (title, introduction, questions or answers)."""
    for word in query.split()[:10]:
        in_questions = Question.objects.filter(
            Q(question__icontains=word) | Q(answer__icontains=word), article=OuterRef("pk")
        )
        queryset = queryset.filter(Q(title__icontains=word) | Q(introduction__icontains=word) | Exists(in_questions))
    return queryset.order_by("-publish_at", "-pk")


def _refresh_article(sender, instance, **kwargs):
    refresh_search_vectors(Article.objects.filter(pk=instance.pk))


def _refresh_question_article(sender, instance, **kwargs):
    refresh_search_vectors(Article.objects.filter(pk=instance.article_id))


def connect_search_vectors():
    post_save.connect(_refresh_article, sender=Article, dispatch_uid="faq-search-article")
    post_save.connect(_refresh_question_article, sender=Question, dispatch_uid="faq-search-question-save")
    post_delete.connect(_refresh_question_article, sender=Question, dispatch_uid="faq-search-question-delete")
