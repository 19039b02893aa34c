"""The center's pages' table as 0001-0003 left it, in one step for a new database (existing databases, which
applied 0001-0003, go on from here: see `replaces`). Their data steps filled columns of rows that a
new database does not have."""

import django.db.models.deletion
from django.db import migrations, models

import core.links


class Migration(migrations.Migration):
    initial = True

    replaces = [
        ("pages", "0001_center_pages"),
        ("pages", "0002_pictures"),
        ("pages", "0003_translated_fields"),
    ]

    dependencies = [
        ("core", "0001_squashed_0007_translated_fields"),
    ]

    operations = [
        migrations.CreateModel(
            name="Page",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("title", models.CharField(max_length=200)),
                ("title_en", models.CharField(max_length=200, null=True)),
                ("title_es", models.CharField(max_length=200, null=True)),
                ("slug", models.SlugField(help_text="The page's web address: /slug/.", max_length=100, unique=True)),
                (
                    "summary",
                    models.CharField(
                        blank=True,
                        help_text="For search results and link previews; 160 characters.",
                        max_length=160,
                        verbose_name="description",
                    ),
                ),
                (
                    "summary_en",
                    models.CharField(
                        blank=True,
                        help_text="For search results and link previews; 160 characters.",
                        max_length=160,
                        null=True,
                        verbose_name="description",
                    ),
                ),
                (
                    "summary_es",
                    models.CharField(
                        blank=True,
                        help_text="For search results and link previews; 160 characters.",
                        max_length=160,
                        null=True,
                        verbose_name="description",
                    ),
                ),
                ("body", models.TextField(help_text="Markdown.", validators=[core.links.validate_internal_links])),
                (
                    "body_en",
                    models.TextField(help_text="Markdown.", null=True, validators=[core.links.validate_internal_links]),
                ),
                (
                    "body_es",
                    models.TextField(help_text="Markdown.", null=True, validators=[core.links.validate_internal_links]),
                ),
                ("body_html", models.TextField(default="", editable=False)),
                ("body_html_en", models.TextField(default="", editable=False, null=True)),
                ("body_html_es", models.TextField(default="", editable=False, null=True)),
                ("is_published", models.BooleanField(default=False, verbose_name="published")),
                ("in_footer", models.BooleanField(default=False, verbose_name="linked in the footer")),
                (
                    "footer_position",
                    models.PositiveSmallIntegerField(
                        default=0, help_text="Smaller numbers come first.", verbose_name="footer order"
                    ),
                ),
                (
                    "shows_center_profile",
                    models.BooleanField(
                        default=False,
                        help_text="Adds an “Accreditation and licensing” part under the text, from the site settings.",
                        verbose_name="show the center's licence and accreditations",
                    ),
                ),
                ("updated_at", models.DateTimeField(auto_now=True)),
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
            ],
            options={
                "ordering": ["footer_position", "title"],
            },
        ),
    ]
