import django.contrib.postgres.search
from django.contrib.postgres.aggregates import StringAgg
from django.contrib.postgres.search import SearchVector
from django.db import migrations
from django.db.models import OuterRef, Subquery, TextField, Value
from django.db.models.functions import Coalesce

INDEX = "faq_article_search_idx"
CONFIG = "english"


def question_text(question_model, field):
    joined = (
        question_model.objects.filter(article=OuterRef("pk"))
        .values("article")
        .annotate(text=StringAgg(field, delimiter=" ", output_field=TextField()))
        .values("text")
    )
    return Coalesce(Subquery(joined, output_field=TextField()), Value(""), output_field=TextField())


def search_vector(question_model):
    """The weighting as faq/search.py had it when this migration was written (a copy of its own)."""
    return (
        SearchVector("title", weight="A", config=CONFIG)
        + SearchVector(question_text(question_model, "question"), weight="B", config=CONFIG)
        + SearchVector("introduction", weight="B", config=CONFIG)
        + SearchVector(question_text(question_model, "answer"), weight="C", config=CONFIG)
    )


def create_index_and_fill(apps, schema_editor):
    # A GIN index is PostgreSQL's; on SQLite search does not use the stored vector.
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"CREATE INDEX {INDEX} ON faq_article USING gin (search_vector)")
    apps.get_model("faq", "Article").objects.update(search_vector=search_vector(apps.get_model("faq", "Question")))


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("faq", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="article",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.RunPython(create_index_and_fill, drop_index),
    ]
