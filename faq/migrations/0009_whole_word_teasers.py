from django.db import migrations

LIMIT = 160
# The teaser in each column: the original (kept equal to the English), then one per language.
COLUMNS = [("teaser", "meta_description"), ("teaser_en", "meta_description_en"), ("teaser_es", "meta_description_es")]


def whole_words(apps, schema_editor):
    """Teasers cut from the introduction at 160 characters, often mid-word, end at a word with "…"
    (as faq.models.Article.save now writes them)."""
    Article = apps.get_model("faq", "Article")
    for article in Article.objects.only("pk", *(name for pair in COLUMNS for name in pair)).iterator():
        changed = {}
        for teaser, meta_description in COLUMNS:
            text = getattr(article, teaser) or ""
            if len(text) == LIMIT and text != getattr(article, meta_description):
                kept = text[: LIMIT - 1]
                changed[teaser] = (kept.rsplit(" ", 1)[0] if " " in kept else kept).rstrip(" ,;:.-–—") + "…"
        if changed:
            Article.objects.filter(pk=article.pk).update(**changed)


class Migration(migrations.Migration):
    dependencies = [
        ("faq", "0001_squashed_0008_translated_fields"),
    ]

    operations = [migrations.RunPython(whole_words, migrations.RunPython.noop)]
