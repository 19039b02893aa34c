"""The pre-admission screen: one per inquiry (deleted with it, so the purge removes it), in sections
that are saved on their own, each with its own `updated_at` for the stale-save check
(staff/stale_edits.py). Every answer is encrypted at rest (intake/encryption.py), choices and yes/no
too: nothing filters or orders on them in the database, and their rules are checked in Python.

What the center edits in the admin lives here too: the substances asked about, the risk questions
and their scoring rules, the level-of-care rules and the places people are referred out to."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse

from intake.encryption import SecretBooleanField, SecretCharField, SecretDateTimeField, SecretTextField


class YesNo(models.TextChoices):
    YES = "yes", "Yes"
    NO = "no", "No"
    UNKNOWN = "unknown", "Not known"


class RiskLevel(models.TextChoices):
    NONE = "none", "No risk reported"
    LOW = "low", "Low risk"
    MODERATE = "moderate", "Moderate risk"
    HIGH = "high", "High risk"


# Higher is graver: the screen's risk is the gravest a rule gives.
RISK_ORDER = [RiskLevel.NONE, RiskLevel.LOW, RiskLevel.MODERATE, RiskLevel.HIGH]


# --- What the center edits --------------------------------------------------------------------------


class Substance(models.Model):
    """A substance the screen asks about."""

    name = models.CharField(
        max_length=80, unique=True, help_text="As coordinators say it, e.g. “Opioids (including fentanyl)”."
    )
    position = models.PositiveSmallIntegerField(unique=True, help_text="Its place in the screen, smallest first.")
    withdrawal_red_flag = models.BooleanField(
        "heavy daily use is a withdrawal red flag",
        default=False,
        help_text="Heavy daily use of it flags “Medical detox evaluation needed” (alcohol, benzodiazepines).",
    )
    is_active = models.BooleanField("asked", default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["position"]

    def __str__(self):
        return self.name


class RiskQuestion(models.Model):
    """A question of the risk screen, asked yes or no."""

    position = models.PositiveSmallIntegerField(unique=True, help_text="Its number in the screen (1, 2, …).")
    text = models.TextField(help_text="Read to the person word for word.")
    note = models.TextField(blank=True, help_text="Said to the coordinator under the question: examples, skip logic.")
    asks_recency = models.BooleanField(
        "asks whether it was within the past 3 months",
        default=False,
        help_text="A yes is followed by “Was this within the past 3 months?”; a recent yes escalates at once.",
    )
    asked_after = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="follow_ups",
        verbose_name="asked only after a yes to",
        help_text="Skip logic: asked only when that question is answered yes; otherwise skipped, not stored and "
        "not scored (C-SSRS: questions 3, 4 and 5 after a yes to question 2).",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["position"]

    def __str__(self):
        return f"Q{self.position}"

    def clean(self):
        if self.asked_after_id and self.pk and self.asked_after_id == self.pk:
            raise ValidationError({"asked_after": "A question cannot be asked only after itself."})


class RiskRule(models.Model):
    """A yes to a question gives at least this risk level. The screen's risk is the gravest level
    of the rules that hold; with none, no risk is reported."""

    class When(models.TextChoices):
        YES = "yes", "Yes (at any time)"
        RECENT = "recent", "Yes, within the past 3 months"
        LIFETIME = "lifetime", "Yes, but not within the past 3 months"

    question = models.ForeignKey(RiskQuestion, on_delete=models.CASCADE, related_name="rules")
    when = models.CharField(max_length=10, choices=When.choices, default=When.YES)
    level = models.CharField(max_length=10, choices=RiskLevel.choices[1:])
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["question__position", "when"]
        constraints = [
            models.UniqueConstraint(fields=["question", "when"], name="risk_rule_one_per_answer"),
            models.CheckConstraint(condition=~Q(level="none"), name="risk_rule_gives_a_risk"),
        ]

    def __str__(self):
        return f"{self.question}: {self.get_when_display().lower()} → {self.get_level_display().lower()}"


class Fact(models.TextChoices):
    """What a level rule may ask of the answers (screening/rules.py decides each)."""

    WITHDRAWAL_RED_FLAG = (
        "withdrawal_red_flag",
        "Withdrawal red flag (seizures, DTs, heavy daily alcohol or benzodiazepines)",
    )
    HIGH_RISK = "high_risk", "High suicide risk"
    MODERATE_RISK = "moderate_risk", "Moderate or high suicide risk"
    NO_SAFE_PLACE = "no_safe_place", "No safe place to live"
    DAILY_USE = "daily_use", "Daily use of any substance"
    INJECTION = "injection", "Injects any substance"
    PREGNANT = "pregnant", "Pregnant"
    COURT_ORDERED = "court_ordered", "Court-ordered treatment"
    ANY_USE = "any_use", "Any substance use reported"


class LevelRule(models.Model):
    """“When this holds, propose that level”: the first rule that holds, smallest position first,
    proposes the level. The center's own rules, not ASAM's criteria."""

    position = models.PositiveSmallIntegerField(
        unique=True, help_text="Rules are tried smallest first; the first that holds wins."
    )
    fact = models.CharField("when", max_length=30, choices=Fact.choices)
    level = models.ForeignKey(
        "levels.LevelOfCare", on_delete=models.PROTECT, related_name="+", help_text="The level it proposes."
    )
    is_active = models.BooleanField("in use", default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["position"]

    def __str__(self):
        # The admin's editable list names its blank row too, which has no level yet.
        return f"{self.get_fact_display()} → {self.level.short_name if self.level_id else '…'}"


class ReferralOut(models.Model):
    """A program or service people are referred to when the center is not the right fit."""

    name = models.CharField(max_length=120, unique=True)
    kind = models.CharField(max_length=80, blank=True, help_text="e.g. “Hospital detox”, “Adolescent program”.")
    phone = models.CharField(max_length=40, blank=True)
    is_active = models.BooleanField("still refer to", default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = "referral out"
        verbose_name_plural = "referrals out"

    def __str__(self):
        return self.name


# --- The screen -------------------------------------------------------------------------------------


class Screen(models.Model):
    """An inquiry's pre-admission screen: its sections hang off it."""

    inquiry = models.OneToOneField("intake.Inquiry", on_delete=models.CASCADE, related_name="screen")
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # When a section was first saved: the dashboard's "screened" step (a screen opened and left
    # empty is not a screen done).
    first_saved_at = models.DateTimeField(null=True, blank=True, editable=False)
    # The crisis card: when it was first shown, to whom, and when the clinician on call was told.
    escalated_at = models.DateTimeField(null=True, blank=True)
    escalated_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    on_call_notified_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        permissions = [("confirm_screen", "Can confirm a screen's level of care (clinicians)")]

    def __str__(self):
        return f"Screen of inquiry #{self.inquiry_id}"

    def get_absolute_url(self):
        return reverse("admin:screening_screen_page", args=[self.inquiry_id])


class Section(models.Model):
    """A part of the screen saved on its own."""

    screen = models.OneToOneField(Screen, on_delete=models.CASCADE, related_name="%(class)s")
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    saved = models.BooleanField(default=False, editable=False, help_text="Saved at least once.")

    class Meta:
        abstract = True

    def __str__(self):
        return f"{self._meta.verbose_name} of inquiry #{self.screen.inquiry_id}"


class ReasonSection(Section):
    reason = SecretTextField("reason for calling, in their words", blank=True)

    class Meta:
        verbose_name = "reason for calling"


class SubstanceSection(Section):
    """The version of the substances part; its rows are SubstanceUse."""

    class Meta:
        verbose_name = "substances"


class SubstanceUse(models.Model):
    class Route(models.TextChoices):
        ORAL = "oral", "By mouth"
        SMOKED = "smoked", "Smoked or vaped"
        SNORTED = "snorted", "Snorted"
        INJECTED = "injected", "Injected"
        OTHER = "other", "Other"

    class Frequency(models.TextChoices):
        DAILY = "daily", "Daily"
        MOST_DAYS = "most_days", "Most days"
        WEEKLY = "weekly", "Weekly"
        LESS = "less", "Less than weekly"

    section = models.ForeignKey(SubstanceSection, on_delete=models.CASCADE, related_name="uses")
    substance = models.ForeignKey(Substance, on_delete=models.PROTECT, related_name="+")
    route = SecretCharField(max_length=10, choices=Route.choices, blank=True)
    frequency = SecretCharField("how often", max_length=10, choices=Frequency.choices, blank=True)
    heavy = SecretBooleanField("heavy use", default=False)
    amount = SecretTextField("how much", blank=True)
    last_use = SecretDateTimeField("last use", null=True, blank=True)

    class Meta:
        ordering = ["substance__position"]
        constraints = [models.UniqueConstraint(fields=["section", "substance"], name="substance_use_once_per_screen")]

    def __str__(self):
        return str(self.substance)


class WithdrawalSection(Section):
    seizures = SecretCharField("ever had withdrawal seizures", max_length=10, choices=YesNo.choices, blank=True)
    delirium_tremens = SecretCharField(
        "ever had delirium tremens (DTs)", max_length=10, choices=YesNo.choices, blank=True
    )
    hospitalised = SecretCharField("ever hospitalised for withdrawal", max_length=10, choices=YesNo.choices, blank=True)
    current_symptoms = SecretTextField("withdrawal symptoms now", blank=True)

    class Meta:
        verbose_name = "withdrawal"


class MedicalSection(Section):
    class Pregnancy(models.TextChoices):
        NOT_APPLICABLE = "na", "Not applicable"
        NO = "no", "No"
        YES = "yes", "Yes"
        UNKNOWN = "unknown", "Not known"

    conditions = SecretTextField("medical conditions", blank=True)
    pregnancy = SecretCharField("pregnant", max_length=10, choices=Pregnancy.choices, blank=True)
    medications = SecretTextField("current medications", blank=True)
    prescribers = SecretTextField("prescribers", blank=True)

    class Meta:
        verbose_name = "medical"


class MentalHealthSection(Section):
    history = SecretTextField("mental health history", blank=True)
    current_treatment = SecretTextField("current treatment", blank=True)

    class Meta:
        verbose_name = "mental health"


class RiskSection(Section):
    """The risk screen's answers (RiskAnswer) and the level they score to, worked out at each save."""

    class AnsweredBy(models.TextChoices):
        PERSON = "person", "The person themselves"
        CALLER = "caller", "The caller, on their behalf"

    risk_level = SecretCharField(max_length=10, choices=RiskLevel.choices, blank=True, editable=False)
    recent_behaviour = SecretBooleanField(default=False, editable=False)
    answered_by = SecretCharField(
        "who answered",
        max_length=10,
        choices=AnsweredBy.choices,
        blank=True,
        help_text="A caller's answers for someone else are read with that in mind.",
    )

    class Meta:
        verbose_name = "risk screen"


class RiskAnswer(models.Model):
    section = models.ForeignKey(RiskSection, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(RiskQuestion, on_delete=models.PROTECT, related_name="+")
    yes = SecretBooleanField()
    recent = SecretBooleanField("within the past 3 months", null=True, blank=True)

    class Meta:
        ordering = ["question__position"]
        constraints = [models.UniqueConstraint(fields=["section", "question"], name="risk_answer_once_per_screen")]

    def __str__(self):
        return f"{self.question}: {'yes' if self.yes else 'no'}"


class LegalSection(Section):
    court_ordered = SecretCharField("court-ordered treatment", max_length=10, choices=YesNo.choices, blank=True)
    probation = SecretCharField("on probation or parole", max_length=10, choices=YesNo.choices, blank=True)
    details = SecretTextField("legal details", blank=True)

    class Meta:
        verbose_name = "legal"


class LivingSection(Section):
    class Situation(models.TextChoices):
        OWN_HOME = "own_home", "Own home"
        FAMILY = "family", "With family or a partner"
        OTHERS = "others", "With friends or others"
        SOBER_LIVING = "sober_living", "Sober living"
        UNHOUSED = "unhoused", "Unhoused or in a shelter"
        OTHER = "other", "Other"

    situation = SecretCharField("living situation", max_length=15, choices=Situation.choices, blank=True)
    safe_at_home = SecretCharField("safe at home", max_length=10, choices=YesNo.choices, blank=True)
    details = SecretTextField("living situation details", blank=True)

    class Meta:
        verbose_name = "living situation"


class PayerSection(Section):
    class Payer(models.TextChoices):
        COMMERCIAL = "commercial", "Commercial insurance"
        MEDICAID = "medicaid", "Medicaid"
        MEDICARE = "medicare", "Medicare"
        TRICARE = "tricare", "TRICARE or VA"
        SELF_PAY = "self_pay", "Self-pay"
        UNKNOWN = "unknown", "Not known yet"

    payer = SecretCharField(max_length=15, choices=Payer.choices, blank=True)
    verification = models.ForeignKey(
        "intake.InsuranceVerification",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The inquiry's insurance verification this payer is.",
    )
    notes = SecretTextField("payer notes", blank=True)

    class Meta:
        verbose_name = "payer"


class LevelSection(Section):
    """The coordinator's provisional level: the proposal (worked out at each save of any section) or
    another level chosen with a reason."""

    proposed_level = models.ForeignKey(
        "levels.LevelOfCare", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    # When a level was first proposed or chosen: the dashboard's "recommended" step.
    recommended_at = models.DateTimeField(null=True, blank=True, editable=False)
    proposed_by_rule = models.ForeignKey(
        LevelRule, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    chosen_level = models.ForeignKey(
        "levels.LevelOfCare",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Leave empty to keep the proposed level.",
    )
    reason = SecretTextField("why another level", blank=True)

    class Meta:
        verbose_name = "provisional level of care"

    @property
    def level(self):
        return self.chosen_level or self.proposed_level


class ConfirmationSection(Section):
    """A clinician's confirmation (or change) of the level."""

    level = models.ForeignKey("levels.LevelOfCare", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    note = SecretTextField("clinician's note", blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    confirmed_at = models.DateTimeField(null=True, blank=True, editable=False)
    # What the confirmation was for: re-saving it with the same level keeps its time and who; another
    # level, or a coordinator's level changed since, makes it a new confirmation.
    confirmed_level = models.ForeignKey(
        "levels.LevelOfCare", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    recommended_level = models.ForeignKey(
        "levels.LevelOfCare",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
        help_text="The coordinator's level (chosen or proposed) when it was confirmed.",
    )

    class Meta:
        verbose_name = "clinician's confirmation"

    def is_for(self, level):
        """Whether the confirmation stands for the coordinator's `level` as it is now."""
        return self.confirmed_at is not None and self.recommended_level_id == (level.pk if level else None)


class OutcomeSection(Section):
    class Outcome(models.TextChoices):
        ACCEPTED = "accepted", "Accepted"
        NOT_A_FIT = "not_a_fit", "Not a fit"

    class NotFitReason(models.TextChoices):
        LEVEL_NOT_OFFERED = "level_not_offered", "Level of care not offered"
        PAYER = "payer", "Payer not accepted"
        MEDICAL = "medical", "Medical needs beyond the center"
        DECLINED = "declined", "They declined"

    outcome = SecretCharField(max_length=10, choices=Outcome.choices, blank=True)
    level = models.ForeignKey(
        "levels.LevelOfCare",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The level they are accepted for.",
    )
    not_fit_reason = SecretCharField("why not a fit", max_length=20, choices=NotFitReason.choices, blank=True)
    referred_to = models.ForeignKey(
        ReferralOut, null=True, blank=True, on_delete=models.PROTECT, related_name="outcomes"
    )

    class Meta:
        verbose_name = "outcome"
        # The outcome and its reason are encrypted, so the database cannot check that an acceptance has
        # its level and a "not a fit" its reason: OutcomeForm.clean does.


# In the order of the page.
SECTIONS = {
    "reason": ReasonSection,
    "substances": SubstanceSection,
    "withdrawal": WithdrawalSection,
    "medical": MedicalSection,
    "mental_health": MentalHealthSection,
    "risk": RiskSection,
    "legal": LegalSection,
    "living": LivingSection,
    "payer": PayerSection,
    "level": LevelSection,
    "confirmation": ConfirmationSection,
    "outcome": OutcomeSection,
}
