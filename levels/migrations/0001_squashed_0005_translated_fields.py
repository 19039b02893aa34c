"""The levels of care's table as 0001-0005 left it, in one step for a new database (existing databases, which
applied 0001-0005, go on from here: see `replaces`). Their data steps filled columns of rows that a
new database does not have."""

import django.core.validators
import django.db.models.deletion
from django.db import migrations, models

import core.links


class Migration(migrations.Migration):
    initial = True

    replaces = [
        ("levels", "0001_initial"),
        ("levels", "0002_stored_html"),
        ("levels", "0003_refuse_links_to_missing_pages"),
        ("levels", "0004_pictures"),
        ("levels", "0005_translated_fields"),
    ]

    dependencies = [
        ("core", "0001_squashed_0007_translated_fields"),
    ]

    operations = [
        migrations.CreateModel(
            name="LevelOfCare",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("name", models.CharField(help_text="Full name, e.g. “Intensive outpatient program”.", max_length=100)),
                (
                    "name_en",
                    models.CharField(
                        help_text="Full name, e.g. “Intensive outpatient program”.", max_length=100, null=True
                    ),
                ),
                (
                    "name_es",
                    models.CharField(
                        help_text="Full name, e.g. “Intensive outpatient program”.", max_length=100, null=True
                    ),
                ),
                (
                    "slug",
                    models.SlugField(help_text="The web address of the level's page.", max_length=100, unique=True),
                ),
                ("short_name", models.CharField(help_text="What people call it, e.g. “IOP”.", max_length=30)),
                (
                    "short_name_en",
                    models.CharField(help_text="What people call it, e.g. “IOP”.", max_length=30, null=True),
                ),
                (
                    "short_name_es",
                    models.CharField(help_text="What people call it, e.g. “IOP”.", max_length=30, null=True),
                ),
                (
                    "asam_level",
                    models.CharField(
                        blank=True,
                        help_text="The ASAM Criteria label, e.g. “2.1”.",
                        max_length=20,
                        verbose_name="ASAM level",
                    ),
                ),
                ("summary", models.CharField(help_text="One plain sentence shown in lists.", max_length=200)),
                (
                    "summary_en",
                    models.CharField(help_text="One plain sentence shown in lists.", max_length=200, null=True),
                ),
                (
                    "summary_es",
                    models.CharField(help_text="One plain sentence shown in lists.", max_length=200, null=True),
                ),
                (
                    "description",
                    models.TextField(
                        help_text="What this level is. Markdown.", validators=[core.links.validate_internal_links]
                    ),
                ),
                (
                    "description_en",
                    models.TextField(
                        help_text="What this level is. Markdown.",
                        null=True,
                        validators=[core.links.validate_internal_links],
                    ),
                ),
                (
                    "description_es",
                    models.TextField(
                        help_text="What this level is. Markdown.",
                        null=True,
                        validators=[core.links.validate_internal_links],
                    ),
                ),
                (
                    "who_it_fits",
                    models.TextField(
                        help_text="Who this level suits. Markdown.", validators=[core.links.validate_internal_links]
                    ),
                ),
                (
                    "who_it_fits_en",
                    models.TextField(
                        help_text="Who this level suits. Markdown.",
                        null=True,
                        validators=[core.links.validate_internal_links],
                    ),
                ),
                (
                    "who_it_fits_es",
                    models.TextField(
                        help_text="Who this level suits. Markdown.",
                        null=True,
                        validators=[core.links.validate_internal_links],
                    ),
                ),
                (
                    "typical_week",
                    models.TextField(
                        help_text="A typical week. Markdown.",
                        validators=[core.links.validate_internal_links],
                        verbose_name="what a week looks like",
                    ),
                ),
                (
                    "typical_week_en",
                    models.TextField(
                        help_text="A typical week. Markdown.",
                        null=True,
                        validators=[core.links.validate_internal_links],
                        verbose_name="what a week looks like",
                    ),
                ),
                (
                    "typical_week_es",
                    models.TextField(
                        help_text="A typical week. Markdown.",
                        null=True,
                        validators=[core.links.validate_internal_links],
                        verbose_name="what a week looks like",
                    ),
                ),
                ("description_html", models.TextField(default="", editable=False)),
                ("description_html_en", models.TextField(default="", editable=False, null=True)),
                ("description_html_es", models.TextField(default="", editable=False, null=True)),
                ("who_it_fits_html", models.TextField(default="", editable=False)),
                ("who_it_fits_html_en", models.TextField(default="", editable=False, null=True)),
                ("who_it_fits_html_es", models.TextField(default="", editable=False, null=True)),
                ("typical_week_html", models.TextField(default="", editable=False)),
                ("typical_week_html_en", models.TextField(default="", editable=False, null=True)),
                ("typical_week_html_es", models.TextField(default="", editable=False, null=True)),
                (
                    "hours_min",
                    models.PositiveSmallIntegerField(
                        blank=True,
                        help_text="Leave empty for round-the-clock care.",
                        null=True,
                        verbose_name="weekly hours (min)",
                    ),
                ),
                (
                    "hours_max",
                    models.PositiveSmallIntegerField(blank=True, null=True, verbose_name="weekly hours (max)"),
                ),
                (
                    "days_min",
                    models.PositiveSmallIntegerField(
                        default=1,
                        validators=[django.core.validators.MinValueValidator(1)],
                        verbose_name="days a week (min)",
                    ),
                ),
                ("days_max", models.PositiveSmallIntegerField(blank=True, null=True, verbose_name="days a week (max)")),
                (
                    "weeks_min",
                    models.PositiveSmallIntegerField(
                        blank=True, null=True, verbose_name="typical length in weeks (min)"
                    ),
                ),
                (
                    "weeks_max",
                    models.PositiveSmallIntegerField(
                        blank=True, null=True, verbose_name="typical length in weeks (max)"
                    ),
                ),
                ("lives_on_site", models.BooleanField(default=False, help_text="The patient stays at the facility.")),
                (
                    "supervision",
                    models.CharField(
                        choices=[
                            ("24h", "24-hour medical supervision"),
                            ("daily", "Daily medical oversight"),
                            ("scheduled", "Scheduled medical visits"),
                        ],
                        default="scheduled",
                        max_length=20,
                        verbose_name="medical supervision",
                    ),
                ),
                (
                    "work_or_school_fits",
                    models.BooleanField(
                        default=False,
                        help_text="A full-time job or school fits around it.",
                        verbose_name="full-time work or school fits",
                    ),
                ),
                (
                    "intensity_rank",
                    models.PositiveSmallIntegerField(
                        help_text="1 is the most intensive; lists are ordered by this.", unique=True
                    ),
                ),
                ("is_published", models.BooleanField(default=False, verbose_name="published")),
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
                ("updated_at", models.DateTimeField(auto_now=True)),
                (
                    "picture",
                    models.ForeignKey(
                        blank=True,
                        help_text="Shown at the top of the level's page.",
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="core.picture",
                        verbose_name="picture",
                    ),
                ),
                (
                    "steps_down_to",
                    models.ForeignKey(
                        blank=True,
                        help_text="The usual next, less intensive level.",
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="steps_up_from",
                        to="levels.levelofcare",
                    ),
                ),
                (
                    "steps_up_to",
                    models.ForeignKey(
                        blank=True,
                        help_text="Where someone goes if they need more support.",
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="steps_down_from",
                        to="levels.levelofcare",
                    ),
                ),
            ],
            options={
                "verbose_name": "level of care",
                "verbose_name_plural": "levels of care",
                "ordering": ["intensity_rank"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            ("hours_max__isnull", True), ("hours_min__lte", models.F("hours_max")), _connector="OR"
                        ),
                        name="level_hours_min_le_max",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("days_max__isnull", True), ("days_min__lte", models.F("days_max")), _connector="OR"
                        ),
                        name="level_days_min_le_max",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("weeks_max__isnull", True), ("weeks_min__lte", models.F("weeks_max")), _connector="OR"
                        ),
                        name="level_weeks_min_le_max",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("hours_min__gte", 0), ("hours_min__isnull", True), _connector="OR"),
                        name="level_hours_not_negative",
                    ),
                    models.CheckConstraint(condition=models.Q(("days_max__lte", 7)), name="level_days_at_most_seven"),
                    models.CheckConstraint(
                        condition=models.Q(("steps_down_to", models.F("pk")), _negated=True),
                        name="level_not_own_step_down",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("steps_up_to", models.F("pk")), _negated=True), name="level_not_own_step_up"
                    ),
                ],
            },
        ),
    ]
