"""Article search in the page's language: PostgreSQL full-text search where available, a plain match
elsewhere. Both ignore accents and capitals ("diagnostico" finds "diagnóstico"), and both add the
editors' synonyms to the query ("aseguranza" also finds "seguro")."""

import re
from functools import reduce
from operator import and_, or_

from django.conf import settings
from django.contrib.postgres.aggregates import StringAgg
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import F, OuterRef, Q, Subquery, TextField, Value
from django.db.models.functions import Coalesce, NullIf
from django.db.models.signals import post_delete, post_save
from django.utils import translation

from common.text import fold
from core import content_version
from core.versioned import versioned_cache

from .models import Article, Question, Synonym

MAX_QUERY_LENGTH = 200
MAX_WORDS = 10  # words of a query the plain search looks for
# A word of a query, without the punctuation around it ("¿cuánto" is "cuánto"; "medi-cal" stays one).
WORD = re.compile(r"\w+(?:['-]\w+)*")
# Each language's stored vector and PostgreSQL text-search configuration: the language's stemming and
# stop words, after unaccent (made by migration 0012).
VECTORS = {"en": ("search_vector", "en_unaccent"), "es": ("search_vector_es", "es_unaccent")}
# Each language's stored folded text, for the plain search.
TEXTS = {"en": "search_text", "es": "search_text_es"}
# What the stored text and vectors are made of, most telling first.
SEARCHED_FIELDS = ("title", "introduction")
SEARCHED_QUESTION_FIELDS = ("question", "answer")


def clean_query(raw):
    """The query as searched: whitespace folded, control characters dropped, length capped."""
    text = "".join(ch for ch in (raw or "") if ch.isprintable())
    return " ".join(text.split())[:MAX_QUERY_LENGTH].strip()


def search_articles(queryset, query, version=None):
    """`queryset` narrowed to articles that answer `query`, best first. `version`: the content version
    the page already read (else it is read here), under which the synonyms are kept."""
    language = translation.get_language() if translation.get_language() in VECTORS else settings.LANGUAGE_CODE
    groups = query_groups(query, synonyms(language, version))
    if connection.vendor == "postgresql":
        return _search_postgres(queryset, query, groups, language)
    if not groups:  # punctuation alone: nothing to look for
        return queryset.none()
    return _search_plain(queryset, groups, language)


def synonyms(language, version=None):
    """{folded phrase: [words it means]} of the editors' list for `language`, read once per content
    version (an edit to the list moves it on)."""
    version = content_version.current() if version is None else version

    def load():
        rows = Synonym.objects.filter(language=language).values_list("phrase", "meaning")
        return {phrase: fold(meaning).split() for phrase, meaning in rows}

    return versioned_cache().get_or_set(f"search-synonyms:{version}:{language}", load, settings.FRAGMENT_CACHE_SECONDS)


def query_groups(query, synonyms):
    """The query's words (folded) as groups of alternatives, each group to be found: a phrase of the
    synonym list goes with what it means (["cuanto cuesta", "costo", "precio", "pagar"]), longest
    phrase first; any other word stands alone (["diagnostico"]). Punctuation is left out."""
    words = WORD.findall(fold(query))[:MAX_WORDS]
    longest = max((len(phrase.split()) for phrase in synonyms), default=0)
    groups, start = [], 0
    while start < len(words):
        for size in range(min(longest, len(words) - start), 0, -1):
            phrase = " ".join(words[start : start + size])
            if phrase in synonyms:
                groups.append([phrase, *synonyms[phrase]])
                start += size
                break
        else:
            groups.append([words[start]])
            start += 1
    return groups


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
    question, answer = (_text(name, language) for name in SEARCHED_QUESTION_FIELDS)
    return (
        SearchVector(_text("title", language), weight="A", config=config)
        + SearchVector(_question_text(Question, question), weight="B", config=config)
        + SearchVector(_text("introduction", language), weight="B", config=config)
        + SearchVector(_question_text(Question, answer), weight="C", config=config)
    )


def refresh_search_vectors(articles):
    """Store what searches look in for these articles (a queryset): the vectors on PostgreSQL, the
    folded text elsewhere. What searches find changes, so the content version moves on (a bulk load
    sends no other signal)."""
    if connection.vendor == "postgresql":
        articles.update(**{field: search_vector(language) for language, (field, _) in VECTORS.items()})
    else:
        _refresh_search_texts(articles)
    content_version.bump()


def _refresh_search_texts(articles, batch_size=500):
    """Each article's text in each language, folded: its title, introduction, questions and answers
    (the Spanish column holds only the Spanish there is; searches in Spanish look in both)."""
    names = [f"{name}_{code}" for code in TEXTS for name in SEARCHED_FIELDS]
    question_names = [f"{name}_{code}" for code in TEXTS for name in SEARCHED_QUESTION_FIELDS]
    pks = list(articles.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(pks), batch_size):
        batch = list(Article.objects.filter(pk__in=pks[start : start + batch_size]).only(*names))
        parts = {article.pk: {code: [] for code in TEXTS} for article in batch}
        for article in batch:
            for code in TEXTS:
                parts[article.pk][code] += [getattr(article, f"{name}_{code}") or "" for name in SEARCHED_FIELDS]
        rows = Question.objects.filter(article__in=batch).order_by("article", "position")
        for article_pk, *texts in rows.values_list("article", *question_names):
            for code, text in zip([code for code in TEXTS for _ in SEARCHED_QUESTION_FIELDS], texts, strict=True):
                parts[article_pk][code].append(text or "")
        for article in batch:
            for code, field in TEXTS.items():
                setattr(article, field, fold(" ".join(" ".join(parts[article.pk][code]).split())))
        Article.objects.bulk_update(batch, list(TEXTS.values()))


def _search_postgres(queryset, query, groups, language):
    # Each stored vector has a GIN index (migrations 0002, 0008), so a search does not read every article.
    field, config = VECTORS[language]
    if all(len(group) == 1 for group in groups):  # no synonyms: the query as typed ("quotes", or, -not)
        search_query = SearchQuery(query, search_type="websearch", config=config)
    else:
        search_query = reduce(
            and_,
            (
                reduce(or_, (SearchQuery(words, search_type="plain", config=config) for words in group))
                for group in groups
            ),
        )
    return (
        queryset.filter(**{field: search_query})
        .annotate(rank=SearchRank(F(field), search_query))
        .order_by(F("rank").desc(), "-publish_at")
    )


def _search_plain(queryset, groups, language):
    """Each group must appear somewhere in the article (title, introduction, questions or answers), one
    of its words or phrases at least, in the page's language or in the English shown where a
    translation is missing."""
    fields = {TEXTS[language], TEXTS[settings.LANGUAGE_CODE]}
    for group in groups:
        queryset = queryset.filter(
            reduce(or_, (Q(**{f"{field}__contains": words}) for words in group for field in fields))
        )
    return queryset.order_by("-publish_at", "-pk")


def _refresh_article(sender, instance, **kwargs):
    refresh_search_vectors(Article.objects.filter(pk=instance.pk))


def _refresh_question_article(sender, instance, **kwargs):
    refresh_search_vectors(Article.objects.filter(pk=instance.article_id))


def connect_search_vectors():
    post_save.connect(_refresh_article, sender=Article, dispatch_uid="faq-search-article")
    post_save.connect(_refresh_question_article, sender=Question, dispatch_uid="faq-search-question-save")
    post_delete.connect(_refresh_question_article, sender=Question, dispatch_uid="faq-search-question-delete")
