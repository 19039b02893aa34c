"""The site app's tables as 0001-0007 left them, in one step for a new database (existing databases,
which applied 0001-0007, go on from here: see `replaces`). Of their data steps a new database needs
only the content version's one row; the others filled columns of rows that a new database does not have."""

import time

import django.core.validators
import django.db.models.deletion
import phonenumber_field.modelfields
from django.db import migrations, models
from django.utils import timezone

import core.images
import core.models


def first_version(apps, schema_editor):
    # From the clock, so that a number never repeats one that cached fragments were named by.
    apps.get_model("core", "ContentVersion").objects.get_or_create(
        pk=1, defaults={"number": time.time_ns() // 1000, "changed_at": timezone.now()}
    )


class Migration(migrations.Migration):
    initial = True

    replaces = [
        ("core", "0001_initial"),
        ("core", "0002_contentversion"),
        ("core", "0003_site_settings_updated_at"),
        ("core", "0004_redirects"),
        ("core", "0005_center_profile"),
        ("core", "0006_pictures"),
        ("core", "0007_translated_fields"),
    ]

    dependencies = []

    operations = [
        migrations.CreateModel(
            name="Redirect",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("old_path", models.CharField(max_length=300, unique=True)),
                ("new_path", models.CharField(max_length=300)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
            ],
            options={
                "ordering": ["old_path"],
            },
        ),
        migrations.CreateModel(
            name="ContentVersion",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("number", models.BigIntegerField()),
                ("changed_at", models.DateTimeField()),
                ("next_change_at", models.DateTimeField(blank=True, null=True)),
            ],
            options={
                "constraints": [
                    models.CheckConstraint(condition=models.Q(("pk", 1)), name="content_version_single_row")
                ],
            },
        ),
        migrations.CreateModel(
            name="Picture",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("name", models.CharField(help_text="For finding it here; visitors do not see it.", max_length=120)),
                (
                    "original",
                    models.ImageField(
                        help_text="A JPEG, PNG or WebP file of at most 10 MB. It is re-encoded: camera details and location are removed.",
                        upload_to=core.models._picture_path,
                        validators=[core.images.validate_picture],
                        verbose_name="picture",
                    ),
                ),
                ("width", models.PositiveIntegerField(default=0, editable=False)),
                ("height", models.PositiveIntegerField(default=0, editable=False)),
                (
                    "alt_text",
                    models.CharField(
                        blank=True,
                        help_text="What the picture shows, for people who cannot see it, in a sentence.",
                        max_length=250,
                        verbose_name="alt text",
                    ),
                ),
                (
                    "alt_text_en",
                    models.CharField(
                        blank=True,
                        help_text="What the picture shows, for people who cannot see it, in a sentence.",
                        max_length=250,
                        null=True,
                        verbose_name="alt text",
                    ),
                ),
                (
                    "alt_text_es",
                    models.CharField(
                        blank=True,
                        help_text="What the picture shows, for people who cannot see it, in a sentence.",
                        max_length=250,
                        null=True,
                        verbose_name="alt text",
                    ),
                ),
                (
                    "is_decorative",
                    models.BooleanField(
                        default=False,
                        help_text="Tick only if the picture adds nothing to the text: screen readers then skip it.",
                        verbose_name="decorative only",
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
            ],
            options={
                "ordering": ["name"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("alt_text", ""), _negated=True), ("is_decorative", True), _connector="OR"
                        ),
                        name="picture_alt_text_or_decorative",
                        violation_error_message="Describe the picture in the alt text, or mark it as decorative only.",
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="SiteSettings",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("name", models.CharField(default="Magnolia Recovery", max_length=100)),
                (
                    "tagline",
                    models.CharField(
                        default="Addiction and mental health treatment in Los Angeles",
                        help_text="One line under the name on the home page.",
                        max_length=200,
                    ),
                ),
                (
                    "tagline_en",
                    models.CharField(
                        default="Addiction and mental health treatment in Los Angeles",
                        help_text="One line under the name on the home page.",
                        max_length=200,
                        null=True,
                    ),
                ),
                (
                    "tagline_es",
                    models.CharField(
                        default="Addiction and mental health treatment in Los Angeles",
                        help_text="One line under the name on the home page.",
                        max_length=200,
                        null=True,
                    ),
                ),
                (
                    "helpline",
                    phonenumber_field.modelfields.PhoneNumberField(
                        default="+18184312224",
                        help_text="Digits only, e.g. (818) 431-2224. Pages show it formatted and dial exactly this number.",
                        max_length=128,
                        region=None,
                        verbose_name="24-hour helpline",
                    ),
                ),
                (
                    "text_line",
                    phonenumber_field.modelfields.PhoneNumberField(
                        blank=True,
                        default="",
                        help_text="A number people can text, if there is one. Leave empty for none.",
                        max_length=128,
                        region=None,
                        verbose_name="text line",
                    ),
                ),
                ("email", models.EmailField(blank=True, default="", max_length=254)),
                ("street_address", models.CharField(blank=True, default="", max_length=200)),
                ("city", models.CharField(default="Los Angeles", max_length=100)),
                (
                    "region",
                    models.CharField(
                        default="CA", help_text="Two letters, e.g. CA.", max_length=2, verbose_name="state"
                    ),
                ),
                ("postal_code", models.CharField(blank=True, default="", max_length=10, verbose_name="ZIP code")),
                (
                    "hours",
                    models.CharField(default="Admissions answers 24 hours a day, 7 days a week.", max_length=200),
                ),
                (
                    "hours_en",
                    models.CharField(
                        default="Admissions answers 24 hours a day, 7 days a week.", max_length=200, null=True
                    ),
                ),
                (
                    "hours_es",
                    models.CharField(
                        default="Admissions answers 24 hours a day, 7 days a week.", max_length=200, null=True
                    ),
                ),
                (
                    "opening_hours",
                    models.CharField(
                        default="Mo-Su 00:00-23:59",
                        help_text="The same hours in the form search engines read: “Mo-Su 00:00-23:59” is all day, every day.",
                        max_length=100,
                        validators=[
                            django.core.validators.RegexValidator(
                                "^(Mo|Tu|We|Th|Fr|Sa|Su)(-(Mo|Tu|We|Th|Fr|Sa|Su))? \\d\\d:\\d\\d-\\d\\d:\\d\\d(, (Mo|Tu|We|Th|Fr|Sa|Su)(-(Mo|Tu|We|Th|Fr|Sa|Su))? \\d\\d:\\d\\d-\\d\\d:\\d\\d)*$",
                                "Write days and hours as “Mo-Fr 08:00-18:00”, several separated by “, ”.",
                            )
                        ],
                        verbose_name="hours for search engines",
                    ),
                ),
                (
                    "languages",
                    models.CharField(
                        default="English, Spanish",
                        help_text="Separated by commas.",
                        max_length=200,
                        verbose_name="languages spoken",
                    ),
                ),
                (
                    "languages_en",
                    models.CharField(
                        default="English, Spanish",
                        help_text="Separated by commas.",
                        max_length=200,
                        null=True,
                        verbose_name="languages spoken",
                    ),
                ),
                (
                    "languages_es",
                    models.CharField(
                        default="English, Spanish",
                        help_text="Separated by commas.",
                        max_length=200,
                        null=True,
                        verbose_name="languages spoken",
                    ),
                ),
                (
                    "payment",
                    models.CharField(
                        default="Private insurance, TRICARE, self-pay",
                        help_text="Separated by commas.",
                        max_length=300,
                        verbose_name="payment accepted",
                    ),
                ),
                (
                    "payment_en",
                    models.CharField(
                        default="Private insurance, TRICARE, self-pay",
                        help_text="Separated by commas.",
                        max_length=300,
                        null=True,
                        verbose_name="payment accepted",
                    ),
                ),
                (
                    "payment_es",
                    models.CharField(
                        default="Private insurance, TRICARE, self-pay",
                        help_text="Separated by commas.",
                        max_length=300,
                        null=True,
                        verbose_name="payment accepted",
                    ),
                ),
                (
                    "services",
                    models.TextField(
                        default="Medical detox\nResidential treatment\nPartial hospitalization\nIntensive outpatient\nOutpatient\nDual diagnosis treatment\nMedication for addiction treatment\nFamily program",
                        help_text="One service per line.",
                    ),
                ),
                (
                    "services_en",
                    models.TextField(
                        default="Medical detox\nResidential treatment\nPartial hospitalization\nIntensive outpatient\nOutpatient\nDual diagnosis treatment\nMedication for addiction treatment\nFamily program",
                        help_text="One service per line.",
                        null=True,
                    ),
                ),
                (
                    "services_es",
                    models.TextField(
                        default="Medical detox\nResidential treatment\nPartial hospitalization\nIntensive outpatient\nOutpatient\nDual diagnosis treatment\nMedication for addiction treatment\nFamily program",
                        help_text="One service per line.",
                        null=True,
                    ),
                ),
                (
                    "licence_agency",
                    models.CharField(
                        default="California Department of Health Care Services (DHCS)",
                        max_length=200,
                        verbose_name="licensed by",
                    ),
                ),
                ("licence_state", models.CharField(default="CA", max_length=2, verbose_name="licence state")),
                (
                    "licence_number",
                    models.CharField(blank=True, default="", max_length=50, verbose_name="licence number"),
                ),
                (
                    "disclaimer",
                    models.TextField(
                        default="This site is for education only and is not medical advice. Decisions about your health belong with a doctor who knows you; people in our care receive advice specific to them.",
                        help_text="The medical disclaimer shown in every page's footer.",
                    ),
                ),
                (
                    "disclaimer_en",
                    models.TextField(
                        default="This site is for education only and is not medical advice. Decisions about your health belong with a doctor who knows you; people in our care receive advice specific to them.",
                        help_text="The medical disclaimer shown in every page's footer.",
                        null=True,
                    ),
                ),
                (
                    "disclaimer_es",
                    models.TextField(
                        default="This site is for education only and is not medical advice. Decisions about your health belong with a doctor who knows you; people in our care receive advice specific to them.",
                        help_text="The medical disclaimer shown in every page's footer.",
                        null=True,
                    ),
                ),
                (
                    "crisis_text",
                    models.TextField(
                        default="In crisis? Call or text 988 for the Suicide & Crisis Lifeline. If you are in immediate danger, call 911.",
                        help_text="The crisis notice shown at the top of every page.",
                    ),
                ),
                (
                    "crisis_text_en",
                    models.TextField(
                        default="In crisis? Call or text 988 for the Suicide & Crisis Lifeline. If you are in immediate danger, call 911.",
                        help_text="The crisis notice shown at the top of every page.",
                        null=True,
                    ),
                ),
                (
                    "crisis_text_es",
                    models.TextField(
                        default="In crisis? Call or text 988 for the Suicide & Crisis Lifeline. If you are in immediate danger, call 911.",
                        help_text="The crisis notice shown at the top of every page.",
                        null=True,
                    ),
                ),
                (
                    "home_intro",
                    models.TextField(
                        default="We treat substance use and mental health disorders, including both at once, at every level of care from medical detox to outpatient.",
                        help_text="The opening paragraph of the home page.",
                    ),
                ),
                (
                    "home_intro_en",
                    models.TextField(
                        default="We treat substance use and mental health disorders, including both at once, at every level of care from medical detox to outpatient.",
                        help_text="The opening paragraph of the home page.",
                        null=True,
                    ),
                ),
                (
                    "home_intro_es",
                    models.TextField(
                        default="We treat substance use and mental health disorders, including both at once, at every level of care from medical detox to outpatient.",
                        help_text="The opening paragraph of the home page.",
                        null=True,
                    ),
                ),
                ("updated_at", models.DateTimeField(auto_now=True)),
            ],
            options={
                "verbose_name": "site settings",
                "verbose_name_plural": "site settings",
                "constraints": [models.CheckConstraint(condition=models.Q(("pk", 1)), name="site_settings_single_row")],
            },
        ),
        migrations.CreateModel(
            name="Accreditation",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "body",
                    models.CharField(
                        help_text="E.g. “The Joint Commission”.", max_length=200, verbose_name="accrediting body"
                    ),
                ),
                (
                    "program",
                    models.CharField(
                        blank=True,
                        help_text="What is accredited, e.g. “Behavioral Health Care and Human Services”.",
                        max_length=200,
                    ),
                ),
                ("number", models.CharField(blank=True, max_length=50)),
                ("expires_on", models.DateField(verbose_name="expires")),
                (
                    "site",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="accreditations",
                        to="core.sitesettings",
                    ),
                ),
            ],
            options={
                "ordering": ["expires_on", "pk"],
            },
        ),
        migrations.RunPython(first_version, migrations.RunPython.noop),
    ]
