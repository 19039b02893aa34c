"""The FAQ's tables as 0001-0008 left them, in one step for a new database (existing databases, which
applied 0001-0008, go on from here: see `replaces`). Of their data steps a new database needs only
the search indexes on PostgreSQL; the others filled columns of rows that a new database does not have."""

import django.contrib.postgres.search
import django.core.validators
import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

import core.links

# The stored search vectors' GIN indexes (PostgreSQL's; on SQLite search does not use them).
SEARCH_INDEXES = {"faq_article_search_idx": "search_vector", "faq_article_search_es_idx": "search_vector_es"}


def create_search_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, column in SEARCH_INDEXES.items():
        schema_editor.execute(f"CREATE INDEX {name} ON faq_article USING gin ({column})")


def drop_search_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name in SEARCH_INDEXES:
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    initial = True

    replaces = [
        ("faq", "0001_initial"),
        ("faq", "0002_search_vector"),
        ("faq", "0003_stored_html"),
        ("faq", "0004_versions_by_reversion"),
        ("faq", "0005_refuse_links_to_missing_pages"),
        ("faq", "0006_medical_review"),
        ("faq", "0007_pictures"),
        ("faq", "0008_translated_fields"),
    ]

    dependencies = [
        ("core", "0001_squashed_0007_translated_fields"),
        ("levels", "0001_squashed_0005_translated_fields"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="Topic",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("name", models.CharField(max_length=80, unique=True)),
                ("name_en", models.CharField(max_length=80, null=True, unique=True)),
                ("name_es", models.CharField(max_length=80, null=True, unique=True)),
                ("slug", models.SlugField(max_length=80, unique=True)),
                (
                    "description",
                    models.CharField(blank=True, help_text="One line shown on the topic's page.", max_length=200),
                ),
                (
                    "description_en",
                    models.CharField(
                        blank=True, help_text="One line shown on the topic's page.", max_length=200, null=True
                    ),
                ),
                (
                    "description_es",
                    models.CharField(
                        blank=True, help_text="One line shown on the topic's page.", max_length=200, null=True
                    ),
                ),
            ],
            options={
                "ordering": ["name"],
            },
        ),
        migrations.CreateModel(
            name="Article",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("title", models.CharField(max_length=200)),
                ("title_en", models.CharField(max_length=200, null=True)),
                ("title_es", models.CharField(max_length=200, null=True)),
                ("slug", models.SlugField(help_text="The article's web address.", max_length=200, unique=True)),
                (
                    "introduction",
                    models.TextField(
                        help_text="Opening paragraphs. Markdown.", validators=[core.links.validate_internal_links]
                    ),
                ),
                (
                    "introduction_en",
                    models.TextField(
                        help_text="Opening paragraphs. Markdown.",
                        null=True,
                        validators=[core.links.validate_internal_links],
                    ),
                ),
                (
                    "introduction_es",
                    models.TextField(
                        help_text="Opening paragraphs. Markdown.",
                        null=True,
                        validators=[core.links.validate_internal_links],
                    ),
                ),
                (
                    "closing",
                    models.TextField(
                        blank=True,
                        help_text="The closing call to reach out. Markdown.",
                        validators=[core.links.validate_internal_links],
                    ),
                ),
                (
                    "closing_en",
                    models.TextField(
                        blank=True,
                        help_text="The closing call to reach out. Markdown.",
                        null=True,
                        validators=[core.links.validate_internal_links],
                    ),
                ),
                (
                    "closing_es",
                    models.TextField(
                        blank=True,
                        help_text="The closing call to reach out. Markdown.",
                        null=True,
                        validators=[core.links.validate_internal_links],
                    ),
                ),
                ("introduction_html", models.TextField(default="", editable=False)),
                ("introduction_html_en", models.TextField(default="", editable=False, null=True)),
                ("introduction_html_es", models.TextField(default="", editable=False, null=True)),
                ("closing_html", models.TextField(default="", editable=False)),
                ("closing_html_en", models.TextField(default="", editable=False, null=True)),
                ("closing_html_es", models.TextField(default="", editable=False, null=True)),
                (
                    "teaser",
                    models.CharField(
                        default="",
                        editable=False,
                        help_text="The meta description, or the introduction's start.",
                        max_length=160,
                    ),
                ),
                (
                    "teaser_en",
                    models.CharField(
                        default="",
                        editable=False,
                        help_text="The meta description, or the introduction's start.",
                        max_length=160,
                        null=True,
                    ),
                ),
                (
                    "teaser_es",
                    models.CharField(
                        default="",
                        editable=False,
                        help_text="The meta description, or the introduction's start.",
                        max_length=160,
                        null=True,
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[("draft", "Draft"), ("published", "Published")], default="draft", max_length=10
                    ),
                ),
                (
                    "publish_at",
                    models.DateTimeField(
                        default=django.utils.timezone.now,
                        help_text="A published article stays hidden until this time.",
                        verbose_name="publish date",
                    ),
                ),
                (
                    "last_reviewed",
                    models.DateField(
                        blank=True, help_text="When the reviewer last checked it. Needed to publish.", null=True
                    ),
                ),
                (
                    "review_interval_months",
                    models.PositiveSmallIntegerField(
                        default=12,
                        help_text="Months between medical reviews (1 to 36).",
                        validators=[
                            django.core.validators.MinValueValidator(1),
                            django.core.validators.MaxValueValidator(36),
                        ],
                        verbose_name="review every",
                    ),
                ),
                (
                    "review_due_on",
                    models.DateField(db_index=True, editable=False, null=True, verbose_name="review due"),
                ),
                (
                    "meta_description",
                    models.CharField(blank=True, help_text="For search results; 160 characters.", max_length=160),
                ),
                (
                    "meta_description_en",
                    models.CharField(
                        blank=True, help_text="For search results; 160 characters.", max_length=160, null=True
                    ),
                ),
                (
                    "meta_description_es",
                    models.CharField(
                        blank=True, help_text="For search results; 160 characters.", max_length=160, null=True
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                ("search_vector", django.contrib.postgres.search.SearchVectorField(editable=False, null=True)),
                ("search_vector_es", django.contrib.postgres.search.SearchVectorField(editable=False, null=True)),
                (
                    "author",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "picture",
                    models.ForeignKey(
                        blank=True,
                        help_text="Shown under the title.",
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="core.picture",
                        verbose_name="picture",
                    ),
                ),
                (
                    "related_levels",
                    models.ManyToManyField(
                        blank=True,
                        related_name="articles",
                        to="levels.levelofcare",
                        verbose_name="related levels of care",
                    ),
                ),
            ],
            options={
                "ordering": ["-publish_at", "-pk"],
            },
        ),
        migrations.CreateModel(
            name="ArticleDueForReview",
            fields=[],
            options={
                "verbose_name": "article due for review",
                "verbose_name_plural": "articles due for review",
                "proxy": True,
                "indexes": [],
                "constraints": [],
            },
            bases=("faq.article",),
        ),
        migrations.CreateModel(
            name="Reviewer",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("name", models.CharField(max_length=100)),
                # Made unique below, as 0006 did: the constraint then has the name it has in databases that ran 0006.
                ("slug", models.SlugField(help_text="The address of their page.", max_length=100, db_index=False)),
                (
                    "credentials",
                    models.CharField(
                        help_text="Degrees and licences as they should appear, e.g. “MD, board certified in addiction medicine” or “LMFT”.",
                        max_length=80,
                    ),
                ),
                (
                    "specialty",
                    models.CharField(
                        blank=True,
                        help_text="What they know best, e.g. “Addiction medicine” or “Family therapy”.",
                        max_length=120,
                    ),
                ),
                (
                    "specialty_en",
                    models.CharField(
                        blank=True,
                        help_text="What they know best, e.g. “Addiction medicine” or “Family therapy”.",
                        max_length=120,
                        null=True,
                    ),
                ),
                (
                    "specialty_es",
                    models.CharField(
                        blank=True,
                        help_text="What they know best, e.g. “Addiction medicine” or “Family therapy”.",
                        max_length=120,
                        null=True,
                    ),
                ),
                ("bio", models.TextField(blank=True, help_text="Two or three sentences about their background.")),
                (
                    "bio_en",
                    models.TextField(blank=True, help_text="Two or three sentences about their background.", null=True),
                ),
                (
                    "bio_es",
                    models.TextField(blank=True, help_text="Two or three sentences about their background.", null=True),
                ),
                (
                    "picture",
                    models.ForeignKey(
                        blank=True,
                        help_text="A portrait, shown on their page and beside the articles they reviewed.",
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="core.picture",
                        verbose_name="photo",
                    ),
                ),
            ],
            options={
                "ordering": ["name"],
            },
        ),
        migrations.AddField(
            model_name="article",
            name="reviewer",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="articles",
                to="faq.reviewer",
                verbose_name="medical reviewer",
            ),
        ),
        migrations.CreateModel(
            name="Source",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "position",
                    models.PositiveSmallIntegerField(help_text="Its number in the list under the article, from 1."),
                ),
                ("title", models.CharField(max_length=300)),
                (
                    "publisher",
                    models.CharField(help_text="Who published it, e.g. “SAMHSA” or a journal.", max_length=200),
                ),
                (
                    "url",
                    models.URLField(
                        blank=True,
                        help_text="Where to read it, if it is online.",
                        max_length=500,
                        verbose_name="address",
                    ),
                ),
                (
                    "published_on",
                    models.DateField(
                        blank=True, help_text="When it was published or updated.", null=True, verbose_name="date"
                    ),
                ),
                (
                    "article",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="sources", to="faq.article"
                    ),
                ),
            ],
            options={
                "ordering": ["article", "position", "pk"],
            },
        ),
        migrations.AddField(
            model_name="article",
            name="topics",
            field=models.ManyToManyField(blank=True, related_name="articles", to="faq.topic"),
        ),
        migrations.CreateModel(
            name="Question",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("position", models.PositiveSmallIntegerField(help_text="Order within the article, starting at 1.")),
                ("question", models.CharField(max_length=300)),
                ("question_en", models.CharField(max_length=300, null=True)),
                ("question_es", models.CharField(max_length=300, null=True)),
                ("answer", models.TextField(help_text="Markdown.", validators=[core.links.validate_internal_links])),
                (
                    "answer_en",
                    models.TextField(help_text="Markdown.", null=True, validators=[core.links.validate_internal_links]),
                ),
                (
                    "answer_es",
                    models.TextField(help_text="Markdown.", null=True, validators=[core.links.validate_internal_links]),
                ),
                ("answer_html", models.TextField(default="", editable=False)),
                ("answer_html_en", models.TextField(default="", editable=False, null=True)),
                ("answer_html_es", models.TextField(default="", editable=False, null=True)),
                (
                    "article",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="questions", to="faq.article"
                    ),
                ),
            ],
            options={
                "ordering": ["article", "position"],
                "constraints": [
                    models.UniqueConstraint(fields=("article", "position"), name="faq_question_unique_position")
                ],
            },
        ),
        migrations.AddIndex(
            model_name="article",
            index=models.Index(fields=["status", "publish_at"], name="faq_article_published_idx"),
        ),
        migrations.AlterField(
            model_name="reviewer",
            name="slug",
            field=models.SlugField(help_text="The address of their page.", max_length=100, unique=True),
        ),
        migrations.RunPython(create_search_indexes, drop_search_indexes),
    ]
