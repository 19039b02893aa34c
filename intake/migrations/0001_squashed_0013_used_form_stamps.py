"""Admissions' tables as 0001-0013 left them, in one step for a new database (existing databases,
which applied 0001-0013, go on from here: see `replaces`). Of their data steps a new database needs
only the trigram indexes on PostgreSQL (the staff groups come from intake/apps.py after every
migrate); the others filled columns of rows that a new database does not have."""

import django.db.models.deletion
import django.utils.timezone
import phonenumber_field.modelfields
from django.conf import settings
from django.db import migrations, models

import intake.card_files
import intake.encryption

# The admin's search asks for UPPER(column::text) LIKE UPPER('%…%'); on PostgreSQL these indexes answer it.
TRIGRAM_INDEXES = {
    "intake_inquiry_name_trgm": "name",
    "intake_inquiry_email_trgm": "email",
}


def add_trigram_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, column in TRIGRAM_INDEXES.items():
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON intake_inquiry USING gin (UPPER({column}::text) gin_trgm_ops)"
        )


def drop_trigram_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in TRIGRAM_INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    initial = True

    replaces = [
        ("intake", "0001_initial"),
        ("intake", "0002_staff_groups"),
        ("intake", "0003_access_log_lists_and_searches"),
        ("intake", "0004_plain_words_and_stale_stamps"),
        ("intake", "0005_protect_named_levels"),
        ("intake", "0006_channels_referrals_follow_ups"),
        ("intake", "0007_fill_search_digits_and_duplicate_flags"),
        ("intake", "0008_assessment_scheduled_at"),
        ("intake", "0009_insurance_verification"),
        ("intake", "0010_inquiry_language"),
        ("intake", "0011_verification_card_problems"),
        ("intake", "0012_inquiry_duplicate_window_indexes"),
        ("intake", "0013_used_form_stamps"),
    ]

    dependencies = [
        ("core", "0001_squashed_0007_translated_fields"),
        ("faq", "0001_squashed_0008_translated_fields"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("levels", "0001_squashed_0005_translated_fields"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="ReferralContact",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("name", models.CharField(max_length=100)),
                ("role", models.CharField(blank=True, max_length=100)),
                ("phone", phonenumber_field.modelfields.PhoneNumberField(blank=True, max_length=128, region=None)),
                ("email", models.EmailField(blank=True, max_length=254)),
            ],
            options={
                "ordering": ["name"],
            },
        ),
        migrations.CreateModel(
            name="AccessRecord",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "inquiry_ref",
                    models.PositiveBigIntegerField(blank=True, db_index=True, null=True, verbose_name="inquiry"),
                ),
                (
                    "action",
                    models.CharField(
                        choices=[
                            ("view", "Viewed"),
                            ("change", "Changed"),
                            ("export", "Exported"),
                            ("delete", "Deleted"),
                            ("list", "Listed"),
                            ("search", "Searched"),
                            ("purge", "Purged"),
                        ],
                        max_length=10,
                    ),
                ),
                (
                    "detail",
                    models.CharField(blank=True, help_text="What was listed or searched for, in kind.", max_length=100),
                ),
                ("at", models.DateTimeField(db_index=True, default=django.utils.timezone.now)),
                (
                    "user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "ordering": ["-at", "-pk"],
            },
        ),
        migrations.CreateModel(
            name="Inquiry",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "channel",
                    models.CharField(
                        choices=[
                            ("website", "Website form"),
                            ("phone", "Phone call"),
                            ("walk_in", "Walk-in"),
                            ("email", "E-mail"),
                            ("referral", "Referral"),
                        ],
                        db_index=True,
                        default="website",
                        max_length=10,
                    ),
                ),
                (
                    "language",
                    models.CharField(
                        choices=[("en", "English"), ("es", "Spanish")],
                        db_index=True,
                        default="en",
                        help_text="The language they used: call back in it.",
                        max_length=5,
                    ),
                ),
                ("name", models.CharField(max_length=100)),
                ("phone", phonenumber_field.modelfields.PhoneNumberField(blank=True, max_length=128, region=None)),
                ("phone_national", models.CharField(blank=True, editable=False, max_length=15)),
                ("phone_last7", models.CharField(blank=True, editable=False, max_length=7)),
                ("email", models.EmailField(blank=True, help_text="Kept in lower case.", max_length=254)),
                (
                    "has_duplicate",
                    models.BooleanField(
                        default=False,
                        editable=False,
                        help_text="Another inquiry with the same phone or e-mail within 30 days; kept at every save.",
                        verbose_name="possible duplicate",
                    ),
                ),
                (
                    "preferred_contact",
                    models.CharField(
                        choices=[("call", "Phone call"), ("text", "Text message"), ("email", "E-mail")],
                        default="call",
                        max_length=10,
                    ),
                ),
                (
                    "best_time",
                    models.CharField(
                        choices=[
                            ("any", "Any time"),
                            ("morning", "Morning"),
                            ("afternoon", "Afternoon"),
                            ("evening", "Evening"),
                        ],
                        default="any",
                        max_length=10,
                    ),
                ),
                (
                    "inquiry_for",
                    models.CharField(
                        choices=[
                            ("myself", "Myself"),
                            ("loved_one", "A loved one"),
                            ("professional", "I am a professional referring someone"),
                        ],
                        default="myself",
                        max_length=20,
                        verbose_name="inquiry for",
                    ),
                ),
                (
                    "payment",
                    models.CharField(
                        choices=[("insurance", "Insurance"), ("self_pay", "Self-pay"), ("not_sure", "Not sure yet")],
                        default="not_sure",
                        max_length=10,
                    ),
                ),
                ("insurance_carrier", models.CharField(blank=True, max_length=100)),
                ("message", models.TextField(blank=True, max_length=2000)),
                ("consent_text", models.TextField(help_text="The consent wording the person agreed to.")),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("new", "New"),
                            ("contact_attempted", "Contact attempted"),
                            ("contacted", "Contacted"),
                            ("assessment_scheduled", "Assessment scheduled"),
                            ("admitted", "Admitted"),
                            ("referred_out", "Referred out"),
                            ("closed", "Closed"),
                            ("spam", "Spam"),
                        ],
                        db_index=True,
                        default="new",
                        max_length=24,
                    ),
                ),
                (
                    "close_reason",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("no_response", "Could not reach them"),
                            ("not_ready", "Not ready for treatment"),
                            ("chose_elsewhere", "Chose another provider"),
                            ("not_a_fit", "Not a clinical fit"),
                            ("insurance", "Insurance or cost"),
                            ("other", "Other"),
                        ],
                        max_length=20,
                    ),
                ),
                (
                    "spam_reason",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("honeypot", "Filled the hidden field"),
                            ("too_fast", "Sent faster than a person types"),
                            ("stale", "Sent from a form over a day old (a replayed stamp)"),
                            ("replayed", "Sent with a form's stamp already used (a replayed stamp)"),
                            ("marked", "Marked by staff"),
                        ],
                        max_length=10,
                    ),
                ),
                ("follow_up_at", models.DateTimeField(blank=True, null=True, verbose_name="follow-up due")),
                ("follow_up_step", models.CharField(blank=True, max_length=200, verbose_name="next step")),
                ("follow_up_notified_at", models.DateTimeField(blank=True, editable=False, null=True)),
                (
                    "attribution",
                    models.JSONField(blank=True, default=dict, help_text="First and last touch of the visit."),
                ),
                ("created_at", models.DateTimeField(db_index=True, default=django.utils.timezone.now)),
                ("first_contact_at", models.DateTimeField(blank=True, null=True, verbose_name="first contact")),
                ("first_reached_at", models.DateTimeField(blank=True, null=True, verbose_name="first reached")),
                (
                    "assessment_scheduled_at",
                    models.DateTimeField(
                        blank=True,
                        help_text="Kept if it later moves on or closes.",
                        null=True,
                        verbose_name="assessment first scheduled",
                    ),
                ),
                ("closed_at", models.DateTimeField(blank=True, null=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                (
                    "assigned_to",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="inquiries",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "follow_up_owner",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="follow_ups",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="follow-up owner",
                    ),
                ),
                (
                    "level",
                    models.ForeignKey(
                        blank=True,
                        help_text="Empty means they were not sure.",
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="inquiries",
                        to="levels.levelofcare",
                        verbose_name="level of care",
                    ),
                ),
                (
                    "referral_contact",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="inquiries",
                        to="intake.referralcontact",
                        verbose_name="referring person",
                    ),
                ),
            ],
            options={
                "verbose_name_plural": "inquiries",
                "ordering": ["-created_at"],
                "permissions": [("export_inquiry", "Can export inquiries to CSV")],
            },
        ),
        migrations.CreateModel(
            name="InsuranceVerification",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "source",
                    models.CharField(
                        choices=[("website", "Website form"), ("staff", "Entered by staff")],
                        default="staff",
                        max_length=10,
                    ),
                ),
                (
                    "carrier",
                    models.CharField(
                        choices=[
                            ("aetna", "Aetna"),
                            ("anthem", "Anthem Blue Cross"),
                            ("blue_shield", "Blue Shield of California"),
                            ("cigna", "Cigna"),
                            ("health_net", "Health Net"),
                            ("kaiser", "Kaiser Permanente"),
                            ("united", "UnitedHealthcare / Optum"),
                            ("magellan", "Magellan"),
                            ("carelon", "Carelon Behavioral Health"),
                            ("tricare", "TRICARE"),
                            ("medi_cal", "Medi-Cal"),
                            ("medicare", "Medicare"),
                            ("other", "Other"),
                        ],
                        max_length=20,
                    ),
                ),
                ("carrier_other", models.CharField(blank=True, max_length=100, verbose_name="other carrier")),
                ("member_id", intake.encryption.SecretCharField(max_length=50, verbose_name="member ID")),
                ("group_number", intake.encryption.SecretCharField(blank=True, max_length=50)),
                ("patient_birth_date", intake.encryption.SecretDateField(verbose_name="patient's date of birth")),
                (
                    "subscriber",
                    models.CharField(
                        choices=[
                            ("self", "I am the subscriber"),
                            ("spouse", "Spouse or partner"),
                            ("parent", "Parent"),
                            ("other", "Someone else"),
                        ],
                        default="self",
                        max_length=10,
                        verbose_name="who holds the plan",
                    ),
                ),
                ("subscriber_name", models.CharField(blank=True, max_length=120, verbose_name="subscriber's name")),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("requested", "Requested"),
                            ("in_progress", "In progress"),
                            ("verified", "Verified"),
                            ("not_verified", "Could not verify"),
                        ],
                        db_index=True,
                        default="requested",
                        max_length=15,
                    ),
                ),
                (
                    "result",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("", "—"),
                            ("in_network", "In network"),
                            ("out_of_network", "Out of network"),
                            ("not_covered", "Not covered"),
                        ],
                        default="",
                        max_length=15,
                    ),
                ),
                (
                    "plan_type",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("", "—"),
                            ("hmo", "HMO"),
                            ("ppo", "PPO"),
                            ("epo", "EPO"),
                            ("pos", "POS"),
                            ("medicaid", "Medicaid / Medi-Cal"),
                            ("medicare", "Medicare"),
                            ("tricare", "TRICARE"),
                            ("other", "Other"),
                        ],
                        default="",
                        max_length=10,
                    ),
                ),
                ("deductible", models.DecimalField(blank=True, decimal_places=2, max_digits=9, null=True)),
                (
                    "deductible_met",
                    models.DecimalField(
                        blank=True, decimal_places=2, max_digits=9, null=True, verbose_name="deductible met"
                    ),
                ),
                (
                    "out_of_pocket_max",
                    models.DecimalField(
                        blank=True, decimal_places=2, max_digits=9, null=True, verbose_name="out-of-pocket maximum"
                    ),
                ),
                (
                    "out_of_pocket_met",
                    models.DecimalField(
                        blank=True, decimal_places=2, max_digits=9, null=True, verbose_name="out-of-pocket met"
                    ),
                ),
                ("notes", models.TextField(blank=True, help_text="What the carrier said; never shown to visitors.")),
                (
                    "card_problems",
                    models.TextField(
                        blank=True,
                        editable=False,
                        help_text="Card photos sent but not stored, and why.",
                        verbose_name="card photo problems",
                    ),
                ),
                ("requested_at", models.DateTimeField(db_index=True, default=django.utils.timezone.now)),
                ("started_at", models.DateTimeField(blank=True, null=True)),
                ("completed_at", models.DateTimeField(blank=True, null=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                (
                    "completed_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "inquiry",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="verifications", to="intake.inquiry"
                    ),
                ),
                (
                    "started_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "insurance verification",
                "ordering": ["-requested_at", "-pk"],
            },
        ),
        migrations.CreateModel(
            name="CardImage",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("side", models.CharField(choices=[("front", "Front"), ("back", "Back")], max_length=5)),
                (
                    "file",
                    models.FileField(
                        max_length=200,
                        storage=intake.card_files.EncryptedCardStorage(),
                        upload_to=intake.card_files.card_path,
                    ),
                ),
                ("uploaded_at", models.DateTimeField(default=django.utils.timezone.now)),
                (
                    "verification",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="cards",
                        to="intake.insuranceverification",
                    ),
                ),
            ],
        ),
        migrations.CreateModel(
            name="LevelBenefit",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "cost_share",
                    models.CharField(
                        choices=[("coinsurance", "Coinsurance (%)"), ("copay", "Copay ($)")], max_length=12
                    ),
                ),
                ("amount", models.DecimalField(decimal_places=2, max_digits=9)),
                ("prior_authorization", models.BooleanField(default=False, verbose_name="prior authorization needed")),
                (
                    "level",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT, related_name="+", to="levels.levelofcare"
                    ),
                ),
                (
                    "verification",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="benefits",
                        to="intake.insuranceverification",
                    ),
                ),
            ],
        ),
        migrations.CreateModel(
            name="Note",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("call", "Call"),
                            ("text", "Text message"),
                            ("email", "E-mail"),
                            ("note", "Internal note"),
                        ],
                        default="call",
                        max_length=10,
                    ),
                ),
                (
                    "outcome",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("reached", "Reached them"),
                            ("no_answer", "No answer"),
                            ("voicemail", "Left a voicemail"),
                            ("sent", "Message sent"),
                            ("", "—"),
                        ],
                        max_length=10,
                    ),
                ),
                ("text", models.TextField(blank=True, max_length=4000)),
                ("created_at", models.DateTimeField(default=django.utils.timezone.now)),
                (
                    "author",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "inquiry",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="notes", to="intake.inquiry"
                    ),
                ),
            ],
            options={
                "ordering": ["created_at", "pk"],
            },
        ),
        migrations.CreateModel(
            name="Notification",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "status",
                    models.CharField(
                        choices=[("pending", "Waiting to send"), ("sent", "Sent"), ("failed", "Failed")],
                        db_index=True,
                        default="pending",
                        max_length=10,
                    ),
                ),
                ("attempts", models.PositiveSmallIntegerField(default=0)),
                ("last_error", models.CharField(blank=True, max_length=200)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("sent_at", models.DateTimeField(blank=True, null=True)),
                (
                    "inquiry",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="notifications", to="intake.inquiry"
                    ),
                ),
            ],
            options={
                "ordering": ["-created_at"],
            },
        ),
        migrations.CreateModel(
            name="ReferralSource",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("name", models.CharField(max_length=120)),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("hospital", "Hospital"),
                            ("therapist", "Therapist or counselor"),
                            ("court", "Court or probation"),
                            ("eap", "Employee assistance program"),
                            ("school", "School or university"),
                            ("alumni", "Alumni"),
                            ("other", "Other"),
                        ],
                        default="other",
                        max_length=10,
                    ),
                ),
                ("phone", phonenumber_field.modelfields.PhoneNumberField(blank=True, max_length=128, region=None)),
                ("email", models.EmailField(blank=True, max_length=254)),
                ("notes", models.TextField(blank=True, max_length=2000)),
                ("is_active", models.BooleanField(default=True, verbose_name="still refers")),
            ],
            options={
                "ordering": ["name"],
                "constraints": [models.UniqueConstraint(fields=("name",), name="referral_source_unique_name")],
            },
        ),
        migrations.AddField(
            model_name="referralcontact",
            name="source",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE, related_name="contacts", to="intake.referralsource"
            ),
        ),
        migrations.AddField(
            model_name="inquiry",
            name="referral_source",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="inquiries",
                to="intake.referralsource",
                verbose_name="referred by",
            ),
        ),
        migrations.CreateModel(
            name="StatusChange",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "from_status",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("new", "New"),
                            ("contact_attempted", "Contact attempted"),
                            ("contacted", "Contacted"),
                            ("assessment_scheduled", "Assessment scheduled"),
                            ("admitted", "Admitted"),
                            ("referred_out", "Referred out"),
                            ("closed", "Closed"),
                            ("spam", "Spam"),
                        ],
                        max_length=24,
                    ),
                ),
                (
                    "to_status",
                    models.CharField(
                        choices=[
                            ("new", "New"),
                            ("contact_attempted", "Contact attempted"),
                            ("contacted", "Contacted"),
                            ("assessment_scheduled", "Assessment scheduled"),
                            ("admitted", "Admitted"),
                            ("referred_out", "Referred out"),
                            ("closed", "Closed"),
                            ("spam", "Spam"),
                        ],
                        max_length=24,
                    ),
                ),
                ("at", models.DateTimeField(default=django.utils.timezone.now)),
                (
                    "by",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "inquiry",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="status_changes", to="intake.inquiry"
                    ),
                ),
            ],
            options={
                "ordering": ["at", "pk"],
            },
        ),
        migrations.CreateModel(
            name="UsedStamp",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("digest", models.CharField(max_length=64)),
                ("started_at", models.DateTimeField(db_index=True)),
            ],
            options={
                "constraints": [models.UniqueConstraint(fields=("digest",), name="used_stamp_unique_digest")],
            },
        ),
        migrations.AddConstraint(
            model_name="insuranceverification",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("status", "verified"), _negated=True),
                    models.Q(("result", ""), _negated=True),
                    _connector="OR",
                ),
                name="verification_verified_has_result",
                violation_error_message="A verified request needs its result: in network, out of network or not covered.",
            ),
        ),
        migrations.AddConstraint(
            model_name="cardimage",
            constraint=models.UniqueConstraint(fields=("verification", "side"), name="card_image_one_per_side"),
        ),
        migrations.AddConstraint(
            model_name="levelbenefit",
            constraint=models.UniqueConstraint(fields=("verification", "level"), name="level_benefit_once_per_level"),
        ),
        migrations.AddConstraint(
            model_name="referralcontact",
            constraint=models.UniqueConstraint(
                fields=("source", "name"), name="referral_contact_unique_name_per_source"
            ),
        ),
        migrations.AddIndex(
            model_name="inquiry",
            index=models.Index(fields=["phone", "created_at"], name="intake_inquiry_phone_time_idx"),
        ),
        migrations.AddIndex(
            model_name="inquiry",
            index=models.Index(fields=["email", "created_at"], name="intake_inquiry_email_time_idx"),
        ),
        migrations.AddIndex(
            model_name="inquiry",
            index=models.Index(fields=["phone_national"], name="intake_inquiry_national_idx"),
        ),
        migrations.AddIndex(
            model_name="inquiry",
            index=models.Index(fields=["phone_last7"], name="intake_inquiry_last7_idx"),
        ),
        migrations.AddIndex(
            model_name="inquiry",
            index=models.Index(fields=["follow_up_at"], name="intake_inquiry_follow_up_idx"),
        ),
        migrations.AddIndex(
            model_name="inquiry",
            index=models.Index(fields=["status", "created_at"], name="intake_inquiry_status_new_idx"),
        ),
        migrations.AddConstraint(
            model_name="inquiry",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("phone", ""), _negated=True), models.Q(("email", ""), _negated=True), _connector="OR"
                ),
                name="inquiry_phone_or_email",
                violation_error_message="An inquiry needs a phone number or an e-mail address.",
            ),
        ),
        migrations.AddConstraint(
            model_name="inquiry",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("status", "closed"), _negated=True),
                    models.Q(("close_reason", ""), _negated=True),
                    _connector="OR",
                ),
                name="inquiry_closed_has_reason",
            ),
        ),
        migrations.RunPython(add_trigram_indexes, drop_trigram_indexes),
    ]
