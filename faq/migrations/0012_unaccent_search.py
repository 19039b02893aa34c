"""Search without accents: PostgreSQL's unaccent in text-search configurations of our own (the stored
vectors made again with them), and elsewhere the folded text the plain search looks in."""

import unicodedata

from django.contrib.postgres.aggregates import StringAgg
from django.contrib.postgres.operations import UnaccentExtension
from django.contrib.postgres.search import SearchVector
from django.db import migrations
from django.db.models import F, OuterRef, Subquery, TextField, Value
from django.db.models.functions import Coalesce, NullIf

# Each configuration: a copy of PostgreSQL's, with unaccent before its stemming for words with letters
# outside ASCII (plain ASCII words have no accents to drop).
CONFIGURATIONS = {"en_unaccent": ("english", "english_stem"), "es_unaccent": ("spanish", "spanish_stem")}


def create_configurations(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, (original, stemmer) in CONFIGURATIONS.items():
        schema_editor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {name}")
        schema_editor.execute(f"CREATE TEXT SEARCH CONFIGURATION {name} (COPY = {original})")
        schema_editor.execute(
            f"ALTER TEXT SEARCH CONFIGURATION {name} ALTER MAPPING FOR hword, hword_part, word WITH unaccent, {stemmer}"
        )


def drop_configurations(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name in CONFIGURATIONS:
            schema_editor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {name}")


def question_text(question_model, field):
    joined = (
        question_model.objects.filter(article=OuterRef("pk"))
        .order_by()
        .values("article")
        .annotate(text=StringAgg(field, delimiter=" ", output_field=TextField()))
        .values("text")
    )
    return Coalesce(Subquery(joined, output_field=TextField()), Value(""), output_field=TextField())


def text(name, language):
    if language == "en":
        return F(f"{name}_en")
    return Coalesce(NullIf(F(f"{name}_{language}"), Value("")), F(f"{name}_en"), output_field=TextField())


def vector(question_model, language, config):
    return (
        SearchVector(text("title", language), weight="A", config=config)
        + SearchVector(question_text(question_model, text("question", language)), weight="B", config=config)
        + SearchVector(text("introduction", language), weight="B", config=config)
        + SearchVector(question_text(question_model, text("answer", language)), weight="C", config=config)
    )


def fold(value):
    decomposed = unicodedata.normalize("NFKD", value.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def fill(apps, schema_editor):
    article_model, question_model = apps.get_model("faq", "Article"), apps.get_model("faq", "Question")
    if schema_editor.connection.vendor == "postgresql":
        article_model.objects.update(
            search_vector=vector(question_model, "en", "en_unaccent"),
            search_vector_es=vector(question_model, "es", "es_unaccent"),
        )
        return
    for article in article_model.objects.only("title_en", "title_es", "introduction_en", "introduction_es"):
        questions = question_model.objects.filter(article=article).order_by("position")
        for code, field in (("en", "search_text"), ("es", "search_text_es")):
            parts = [getattr(article, f"title_{code}"), getattr(article, f"introduction_{code}")]
            for question, answer in questions.values_list(f"question_{code}", f"answer_{code}"):
                parts += [question, answer]
            setattr(article, field, fold(" ".join(" ".join(part or "" for part in parts).split())))
        article.save(update_fields=["search_text", "search_text_es"])


class Migration(migrations.Migration):
    dependencies = [
        ("faq", "0011_search_accents_and_synonyms"),
    ]

    operations = [
        UnaccentExtension(),
        migrations.RunPython(create_configurations, drop_configurations),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
