"""Article search: PostgreSQL full-text search where available, a plain match elsewhere."""

from django.contrib.postgres.aggregates import StringAgg
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import Exists, F, OuterRef, Q, Subquery, TextField, Value
from django.db.models.functions import Coalesce

from .models import Question

MAX_QUERY_LENGTH = 200


def clean_query(raw):
    """The query as searched: whitespace folded, control characters dropped, length capped."""
    text = "".join(ch for ch in (raw or "") if ch.isprintable())
    return " ".join(text.split())[:MAX_QUERY_LENGTH].strip()


def search_articles(queryset, query):
    if connection.vendor == "postgresql":
        return _search_postgres(queryset, query)
    return _search_plain(queryset, query)


def _question_text(field):
    return Coalesce(
        Subquery(
            Question.objects.filter(article=OuterRef("pk"))
            .values("article")
            .annotate(text=StringAgg(field, delimiter=" ", output_field=TextField()))
            .values("text"),
            output_field=TextField(),
        ),
        Value(""),
        output_field=TextField(),
    )


def _search_postgres(queryset, query):
    config = "english"
    vector = (
        SearchVector("title", weight="A", config=config)
        + SearchVector(_question_text("question"), weight="B", config=config)
        + SearchVector("introduction", weight="B", config=config)
        + SearchVector(_question_text("answer"), weight="C", config=config)
    )
    search_query = SearchQuery(query, search_type="websearch", config=config)
    return (
        queryset.annotate(rank=SearchRank(vector, search_query))
        .filter(rank__gt=0)
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
