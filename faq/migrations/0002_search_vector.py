import django.contrib.postgres.search
from django.db import migrations

INDEX = "faq_article_search_idx"


def create_index_and_fill(apps, schema_editor):
    # A GIN index is PostgreSQL's; on SQLite search does not use the stored vector.
    if schema_editor.connection.vendor != "postgresql":
        return
    from faq.search import search_vector

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
