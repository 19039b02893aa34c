"""Insurance verification (verification of benefits, VOB): what a person gave us about their plan,
and what admissions found out from the carrier. Member ID, group number, date of birth and the card
images are encrypted at rest (intake/encryption.py)."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..card_files import card_path, private_storage
from ..encryption import CANNOT_DECRYPT, SecretCharField, SecretDateField, as_stored, opens

# A verification older than this is marked stale: benefits change, and deductibles fill up.
STALE_AFTER = timedelta(days=30)
# The encrypted fields of a verification.
SECRET_FIELDS = ("member_id", "group_number", "patient_birth_date")


class Carrier(models.TextChoices):
    AETNA = "aetna", "Aetna"
    ANTHEM = "anthem", "Anthem Blue Cross"
    BLUE_SHIELD = "blue_shield", "Blue Shield of California"
    CIGNA = "cigna", "Cigna"
    HEALTH_NET = "health_net", "Health Net"
    KAISER = "kaiser", "Kaiser Permanente"
    UNITED = "united", "UnitedHealthcare / Optum"
    MAGELLAN = "magellan", "Magellan"
    CARELON = "carelon", "Carelon Behavioral Health"
    TRICARE = "tricare", "TRICARE"
    MEDI_CAL = "medi_cal", "Medi-Cal"
    MEDICARE = "medicare", "Medicare"
    OTHER = "other", _("Other")


class VerificationQuerySet(models.QuerySet):
    def open(self):
        return self.filter(
            status__in=[InsuranceVerification.Status.REQUESTED, InsuranceVerification.Status.IN_PROGRESS]
        )

    def stale(self, now=None):
        now = now or timezone.now()
        return self.filter(status=InsuranceVerification.Status.VERIFIED, completed_at__lt=now - STALE_AFTER)

    def secrets_withheld(self):
        """Rows without their encrypted fields decrypted (lists, links), each able to say whether the
        current keys open them (`secrets_readable`): one row stored under another key breaks nothing."""
        return self.defer(*SECRET_FIELDS).annotate(**{f"stored_{name}": as_stored(name) for name in SECRET_FIELDS})


class InsuranceVerification(models.Model):
    class Status(models.TextChoices):
        REQUESTED = "requested", "Requested"
        IN_PROGRESS = "in_progress", "In progress"
        VERIFIED = "verified", "Verified"
        NOT_VERIFIED = "not_verified", "Could not verify"

    class Result(models.TextChoices):
        NONE = "", "—"
        IN_NETWORK = "in_network", "In network"
        OUT_OF_NETWORK = "out_of_network", "Out of network"
        NOT_COVERED = "not_covered", "Not covered"

    class Relationship(models.TextChoices):
        SELF = "self", _("I am the subscriber")
        SPOUSE = "spouse", _("Spouse or partner")
        PARENT = "parent", _("Parent")
        OTHER = "other", _("Someone else")

    class PlanType(models.TextChoices):
        UNKNOWN = "", "—"
        HMO = "hmo", "HMO"
        PPO = "ppo", "PPO"
        EPO = "epo", "EPO"
        POS = "pos", "POS"
        MEDICAID = "medicaid", "Medicaid / Medi-Cal"
        MEDICARE = "medicare", "Medicare"
        TRICARE = "tricare", "TRICARE"
        OTHER = "other", "Other"

    class Source(models.TextChoices):
        WEBSITE = "website", "Website form"
        STAFF = "staff", "Entered by staff"

    inquiry = models.ForeignKey("intake.Inquiry", on_delete=models.CASCADE, related_name="verifications")
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.STAFF)
    carrier = models.CharField(max_length=20, choices=Carrier.choices)
    carrier_other = models.CharField("other carrier", max_length=100, blank=True)
    member_id = SecretCharField("member ID", max_length=50)
    group_number = SecretCharField(max_length=50, blank=True)
    patient_birth_date = SecretDateField("patient's date of birth")
    subscriber = models.CharField(
        "who holds the plan", max_length=10, choices=Relationship.choices, default=Relationship.SELF
    )
    subscriber_name = models.CharField("subscriber's name", max_length=120, blank=True)

    status = models.CharField(max_length=15, choices=Status.choices, default=Status.REQUESTED, db_index=True)
    result = models.CharField(max_length=15, choices=Result.choices, blank=True, default=Result.NONE)
    plan_type = models.CharField(max_length=10, choices=PlanType.choices, blank=True, default=PlanType.UNKNOWN)
    deductible = models.DecimalField(max_digits=9, decimal_places=2, null=True, blank=True)
    deductible_met = models.DecimalField("deductible met", max_digits=9, decimal_places=2, null=True, blank=True)
    out_of_pocket_max = models.DecimalField(
        "out-of-pocket maximum", max_digits=9, decimal_places=2, null=True, blank=True
    )
    out_of_pocket_met = models.DecimalField("out-of-pocket met", max_digits=9, decimal_places=2, null=True, blank=True)
    notes = models.TextField(blank=True, help_text="What the carrier said; never shown to visitors.")
    card_problems = models.TextField(
        "card photo problems", blank=True, editable=False, help_text="Card photos sent but not stored, and why."
    )

    requested_at = models.DateTimeField(default=timezone.now, db_index=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    started_at = models.DateTimeField(null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    completed_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = VerificationQuerySet.as_manager()

    class Meta:
        ordering = ["-requested_at", "-pk"]
        verbose_name = "insurance verification"
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="verified") | ~models.Q(result=""),
                name="verification_verified_has_result",
                violation_error_message="A verified request needs its result: in network, out of network or "
                "not covered.",
            )
        ]

    def __str__(self):
        return f"Verification #{self.pk} ({self.get_status_display().lower()})"

    @property
    def carrier_name(self):
        return (
            self.carrier_other if self.carrier == Carrier.OTHER and self.carrier_other else self.get_carrier_display()
        )

    @property
    def member_id_masked(self):
        """The last four characters, the rest hidden, until a coordinator chooses to reveal it."""
        value = self.member_id or ""
        return "•" * max(len(value) - 4, 0) + value[-4:]

    @property
    def secrets_readable(self):
        """Whether the current keys open this row's encrypted fields (rows from `secrets_withheld()`)."""
        return opens(*(getattr(self, f"stored_{name}") for name in SECRET_FIELDS))

    @property
    def shown_number(self):
        return f"#{self.pk}" if self.secrets_readable else f"#{self.pk} ({CANNOT_DECRYPT})"

    def note_card_not_stored(self, side, reason):
        """A card photo the person sent could not be stored: said on the verification's page."""
        line = f"{side} of the card sent but not stored ({reason}): ask the person for it again."
        self.card_problems = f"{self.card_problems}\n{line}".strip()
        self.save(update_fields=["card_problems"])

    @property
    def is_stale(self):
        return (
            self.status == self.Status.VERIFIED
            and self.completed_at is not None
            and self.completed_at < timezone.now() - STALE_AFTER
        )


class LevelBenefit(models.Model):
    """What the plan pays for one of the center's levels of care."""

    class CostShare(models.TextChoices):
        COINSURANCE = "coinsurance", "Coinsurance (%)"
        COPAY = "copay", "Copay ($)"

    verification = models.ForeignKey(InsuranceVerification, on_delete=models.CASCADE, related_name="benefits")
    level = models.ForeignKey("levels.LevelOfCare", on_delete=models.PROTECT, related_name="+")
    cost_share = models.CharField(max_length=12, choices=CostShare.choices)
    amount = models.DecimalField(max_digits=9, decimal_places=2)
    prior_authorization = models.BooleanField("prior authorization needed", default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["verification", "level"], name="level_benefit_once_per_level"),
        ]

    def __str__(self):
        return f"{self.level}: {self.amount} {self.get_cost_share_display()}"


class CardImage(models.Model):
    class Side(models.TextChoices):
        FRONT = "front", "Front"
        BACK = "back", "Back"

    verification = models.ForeignKey(InsuranceVerification, on_delete=models.CASCADE, related_name="cards")
    side = models.CharField(max_length=5, choices=Side.choices)
    file = models.FileField(storage=private_storage, upload_to=card_path, max_length=200)
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["verification", "side"], name="card_image_one_per_side")]

    def __str__(self):
        return f"{self.get_side_display()} of the card, verification #{self.verification_id}"
