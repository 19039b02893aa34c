"""Article search in the page's language: PostgreSQL full-text search where available, a plain match
elsewhere."""

from functools import reduce
from operator import or_

from django.contrib.postgres.aggregates import StringAgg
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import Exists, F, OuterRef, Q, Subquery, TextField, Value
from django.db.models.functions import Coalesce, NullIf
from django.db.models.signals import post_delete, post_save
from django.utils import translation

from core import content_version

from .models import Article, Question

MAX_QUERY_LENGTH = 200
# Each language's stored vector and PostgreSQL text-search configuration (its stemming and stop words).
VECTORS = {"en": ("search_vector", "english"), "es": ("search_vector_es", "spanish")}


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
            .order_by()  # no ordering column in the grouping: one row per article
            .values("article")
            .annotate(text=StringAgg(field, delimiter=" ", output_field=TextField()))
            .values("text"),
            output_field=TextField(),
        ),
        Value(""),
        output_field=TextField(),
    )


def _text(name, language):
    """A translated field's text in `language`, English where it has none (as pages show it)."""
    if language == "en":
        return F(f"{name}_en")
    return Coalesce(NullIf(F(f"{name}_{language}"), Value("")), F(f"{name}_en"), output_field=TextField())


def search_vector(language="en"):
    """Title first, then questions and introduction, then answers."""
    config = VECTORS[language][1]
    question, answer = (_text(name, language) for name in ("question", "answer"))
    return (
        SearchVector(_text("title", language), weight="A", config=config)
        + SearchVector(_question_text(Question, question), weight="B", config=config)
        + SearchVector(_text("introduction", language), weight="B", config=config)
        + SearchVector(_question_text(Question, answer), weight="C", config=config)
    )


def refresh_search_vectors(articles):
    """Store the search vectors of these articles (a queryset); PostgreSQL only. What searches find
    changes, so the content version moves on (a bulk load sends no other signal)."""
    if connection.vendor == "postgresql":
        articles.update(**{field: search_vector(language) for language, (field, _) in VECTORS.items()})
        content_version.bump()


def _search_postgres(queryset, query):
    # Each stored vector has a GIN index (migrations 0002, 0008), so a search does not read every article.
    field, config = VECTORS.get(translation.get_language(), VECTORS["en"])
    search_query = SearchQuery(query, search_type="websearch", config=config)
    return (
        queryset.filter(**{field: search_query})
        .annotate(rank=SearchRank(F(field), search_query))
        .order_by(F("rank").desc(), "-publish_at")
    )


def _search_plain(queryset, query):
    """Every word must appear somewhere in the article (title, introduction, questions or answers), in
    the page's language or in the English shown where a translation is missing."""
    languages = {translation.get_language(), "en"} & set(VECTORS)

    def anywhere(word, *names):
        return reduce(or_, (Q(**{f"{name}_{code}__icontains": word}) for name in names for code in languages))

    for word in query.split()[:10]:
        in_questions = Question.objects.filter(anywhere(word, "question", "answer"), article=OuterRef("pk"))
        queryset = queryset.filter(anywhere(word, "title", "introduction") | Exists(in_questions))
    return queryset.order_by("-publish_at", "-pk")


def _refresh_article(sender, instance, **kwargs):
    refresh_search_vectors(Article.objects.filter(pk=instance.pk))


def _refresh_question_article(sender, instance, **kwargs):
    refresh_search_vectors(Article.objects.filter(pk=instance.article_id))


def connect_search_vectors():
    post_save.connect(_refresh_article, sender=Article, dispatch_uid="faq-search-article")
    post_save.connect(_refresh_question_article, sender=Question, dispatch_uid="faq-search-question-save")
    post_delete.connect(_refresh_question_article, sender=Question, dispatch_uid="faq-search-question-delete")
