"""The inquiry: one person asking about care, its pipeline and duplicate flags; the form stamps already used."""

import re
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, models, transaction
from django.db.models import Case, Exists, OuterRef, Q, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from phonenumber_field.modelfields import PhoneNumberField

from ..encryption import SecretDateField
from .referrals import ReferralContact, ReferralSource

DUPLICATE_WINDOW = timedelta(days=30)
# What a phone number may be written with.
PHONE_TEXT = re.compile(r"[\d\s+()./-]+")
# An extension said after a number ("x12", "ext. 12", "extension 12", "#12"): not part of the number.
EXTENSION = re.compile(r"\s*(?:x|ext\.?|extension|#)\s*\d{1,6}\s*$", re.IGNORECASE)


class InquiryQuerySet(models.QuerySet):
    def inbox(self):
        return self.exclude(status=Inquiry.Status.SPAM)

    def purgeable(self, older_than):
        """Closed and spam inquiries whose retention period has passed."""
        cutoff = timezone.now() - older_than
        return self.filter(
            Q(status=Inquiry.Status.CLOSED, closed_at__lt=cutoff) | Q(status=Inquiry.Status.SPAM, created_at__lt=cutoff)
        )

    def open(self):
        return self.inbox().exclude(status__in=Inquiry.FINISHED)

    def overdue(self, now=None):
        """New, and waiting longer than the response target."""
        target = timedelta(minutes=settings.INTAKE_RESPONSE_TARGET_MINUTES)
        return self.filter(status=Inquiry.Status.NEW, created_at__lt=(now or timezone.now()) - target)

    def follow_up_due(self, now=None):
        return self.open().filter(follow_up_at__lte=now or timezone.now())

    def mine(self, user):
        return self.open().filter(Q(assigned_to=user) | Q(follow_up_owner=user))

    def with_phone_like(self, text):
        """Inquiries whose phone is the number in `text`, however a US number was written:
        "(818) 555-0101", "818-555-0101", "818/555/0101", "+1 818 555 0101", "1-818-555-0101", with an
        extension ("818-555-0101 x12", left out of the match), or its last seven digits "555-0101".
        Matched on stored, indexed digits. Text that is not a phone number (letters, too few or too
        many digits) matches nothing."""
        text = EXTENSION.sub("", text.strip())
        if not PHONE_TEXT.fullmatch(text):
            return self.none()
        digits = re.sub(r"\D", "", text)
        if len(digits) == 11 and digits.startswith("1"):
            digits = digits[1:]
        if len(digits) == 10:
            return self.filter(phone_national=digits)
        if len(digits) == 7:
            return self.filter(phone_last7=digits)
        return self.none()

    def refresh_duplicate_flags(self):
        """Set the stored duplicate flag of these inquiries from the others: another with the same
        phone or e-mail within the window. Run for the inquiries a change may affect."""
        nearby = _others_nearby()
        # Two lookups, each answered by its own index (one OR no index serves), and each made only
        # when there is something to look for: an empty e-mail would otherwise match every other.
        same_phone = Exists(nearby.filter(phone=OuterRef("phone")))
        same_email = Exists(nearby.filter(email=OuterRef("email")))
        by_email = Case(When(email="", then=Value(False)), default=same_email, output_field=models.BooleanField())
        flag = Case(
            When(phone="", then=by_email),
            When(same_phone, then=Value(True)),
            default=by_email,
            output_field=models.BooleanField(),
        )
        return self.update(has_duplicate=flag)

    def flag_all_duplicates(self):
        """For a table whose flags are all unset (after a bulk load): set the flag of those that
        have a duplicate, writing only those rows."""
        nearby = _others_nearby()
        by_phone = ~Q(phone="") & Q(Exists(nearby.filter(phone=OuterRef("phone"))))
        by_email = ~Q(email="") & Q(Exists(nearby.filter(email=OuterRef("email"))))
        return self.filter(by_phone | by_email).update(has_duplicate=True)

    def open_with_contact(self, *, phone="", email=""):
        """Open inquiries, of any age, with this phone (E.164) or e-mail address: what *Add inquiry*
        warns of while a number or address is typed, and again on save."""
        same = Q(pk__in=[])
        if phone:
            same |= Q(phone=phone)
        if email:
            same |= Q(email=email.strip().lower())
        return self.open().filter(same)

    def possible_duplicates_of(self, inquiry):
        same_contact = Q()
        if inquiry.phone:
            same_contact |= Q(phone=inquiry.phone)
        if inquiry.email:
            same_contact |= Q(email=inquiry.email.lower())
        if not same_contact:
            return self.none()
        created = inquiry.created_at or timezone.now()
        return (
            self.filter(same_contact)
            .filter(created_at__gte=created - DUPLICATE_WINDOW, created_at__lte=created + DUPLICATE_WINDOW)
            .exclude(pk=inquiry.pk)
        )


class Inquiry(models.Model):
    class Channel(models.TextChoices):
        WEBSITE = "website", "Website form"
        PHONE = "phone", "Phone call"
        WALK_IN = "walk_in", "Walk-in"
        EMAIL = "email", "E-mail"
        REFERRAL = "referral", "Referral"

    class ReceivedAs(models.TextChoices):
        # How an inquiry staff entered reached them; a website inquiry has none.
        LIVE = "live", _("A live conversation (a call answered, someone at the desk)")
        MESSAGE = "message", _("A voicemail or a message left for us")

    class Status(models.TextChoices):
        NEW = "new", "New"
        CONTACT_ATTEMPTED = "contact_attempted", "Contact attempted"
        CONTACTED = "contacted", "Contacted"
        ASSESSMENT_SCHEDULED = "assessment_scheduled", "Assessment scheduled"
        ADMITTED = "admitted", "Admitted"
        REFERRED_OUT = "referred_out", "Referred out"
        CLOSED = "closed", "Closed"
        SPAM = "spam", "Spam"

    class CloseReason(models.TextChoices):
        NO_RESPONSE = "no_response", "Could not reach them"
        NOT_READY = "not_ready", "Not ready for treatment"
        CHOSE_ELSEWHERE = "chose_elsewhere", "Chose another provider"
        NOT_A_FIT = "not_a_fit", "Not a clinical fit"
        INSURANCE = "insurance", "Insurance or cost"
        DUPLICATE = "duplicate", _("Duplicate of another inquiry")
        OTHER = "other", "Other"

    class For(models.TextChoices):
        MYSELF = "myself", _("Myself")
        LOVED_ONE = "loved_one", _("A loved one")
        PROFESSIONAL = "professional", _("I am a professional referring someone")

    class ContactMethod(models.TextChoices):
        CALL = "call", _("Phone call")
        TEXT = "text", _("Text message")
        EMAIL = "email", _("E-mail")

    class BestTime(models.TextChoices):
        ANY = "any", _("Any time")
        MORNING = "morning", _("Morning")
        AFTERNOON = "afternoon", _("Afternoon")
        EVENING = "evening", _("Evening")

    class Voicemail(models.TextChoices):
        # Asked on the contact form since issue 25: may a voicemail or a text name the center?
        YES = "yes", _("Yes")
        NO = "no", _("No")
        NOT_SURE = "not_sure", _("I don't know yet")
        UNANSWERED = "unanswered", "Not answered"
        NOT_ASKED = "not_asked", "Not asked"

    class Payment(models.TextChoices):
        INSURANCE = "insurance", _("Insurance")
        SELF_PAY = "self_pay", _("Self-pay")
        NOT_SURE = "not_sure", _("Not sure yet")

    class Language(models.TextChoices):
        # Named for staff, in the admin's English.
        ENGLISH = "en", "English"
        SPANISH = "es", "Spanish"

    class CallerRelationship(models.TextChoices):
        # Who the caller is to the person who needs care.
        SELF = "self", "The person themselves"
        PARENT = "parent", "Parent"
        PARTNER = "partner", "Partner or spouse"
        FRIEND = "friend", "Friend"
        PROFESSIONAL = "professional", "Professional (referrer, clinician, counselor)"
        OTHER = "other", "Someone else"

    class SexAtBirth(models.TextChoices):
        # As used for bed assignment; gender identity is asked and kept apart.
        FEMALE = "female", "Female"
        MALE = "male", "Male"
        INTERSEX = "intersex", "Intersex"
        NOT_SAID = "not_said", "Not said"

    class SpamReason(models.TextChoices):
        HONEYPOT = "honeypot", "Filled the hidden field"
        TOO_FAST = "too_fast", "Sent faster than a person types"
        STALE = "stale", "Sent from a form over a day old (a replayed stamp)"
        REPLAYED = "replayed", "Sent with a form's stamp already used (a replayed stamp)"
        MARKED = "marked", "Marked by staff"

    channel = models.CharField(max_length=10, choices=Channel.choices, default=Channel.WEBSITE, db_index=True)
    # The language the person wrote in (the site's, for the web form), for a call back in it.
    language = models.CharField(
        max_length=5,
        choices=Language.choices,
        default=Language.ENGLISH,
        db_index=True,
        help_text="The language they used: call back in it.",
    )
    received_as = models.CharField(
        _("how it reached us"),
        max_length=10,
        choices=ReceivedAs.choices,
        blank=True,
        help_text=_(
            "For inquiries staff enter. A live conversation is contact made when it is entered; a voicemail "
            "or a message waits for a call back, as a website inquiry does."
        ),
    )
    referral_source = models.ForeignKey(
        ReferralSource,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="inquiries",
        verbose_name="referred by",
    )
    referral_contact = models.ForeignKey(
        ReferralContact,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="inquiries",
        verbose_name="referring person",
    )
    # The caller: whoever reached us (the person themselves, family, a professional).
    name = models.CharField(max_length=100)
    caller_relationship = models.CharField(
        "caller is",
        max_length=12,
        choices=CallerRelationship.choices,
        blank=True,
        help_text="Who the caller is to the person who needs care. Blank: not asked yet.",
    )
    phone = PhoneNumberField(blank=True)
    # The phone's digits, kept at save for indexed search: "8185550101" and "5550101".
    phone_national = models.CharField(max_length=15, blank=True, editable=False)
    phone_last7 = models.CharField(max_length=7, blank=True, editable=False)
    email = models.EmailField(max_length=254, blank=True, help_text="Kept in lower case.")
    has_duplicate = models.BooleanField(
        "possible duplicate",
        default=False,
        editable=False,
        help_text="Another inquiry with the same phone or e-mail within 30 days; kept at every save.",
    )
    preferred_contact = models.CharField(max_length=10, choices=ContactMethod.choices, default=ContactMethod.CALL)
    best_time = models.CharField(max_length=10, choices=BestTime.choices, default=BestTime.ANY)
    inquiry_for = models.CharField("inquiry for", max_length=20, choices=For.choices, default=For.MYSELF)
    level = models.ForeignKey(
        "levels.LevelOfCare",
        null=True,
        blank=True,
        # Deleting a level would erase what people asked about: unpublish it instead.
        on_delete=models.PROTECT,
        related_name="inquiries",
        verbose_name="level of care",
        help_text="Empty means they were not sure.",
    )
    payment = models.CharField(max_length=10, choices=Payment.choices, default=Payment.NOT_SURE)
    voicemail_ok = models.CharField(
        "safe to leave a named voicemail or text",
        max_length=10,
        choices=Voicemail.choices,
        default=Voicemail.NOT_ASKED,
        help_text="Their answer to “Is it safe to leave a voicemail or a text that names us?”. "
        "On “No”, leave no message that names the center.",
    )
    insurance_carrier = models.CharField(max_length=100, blank=True)
    message = models.TextField(max_length=2000, blank=True)

    # The person who needs care (the caller too, when they call for themselves).
    patient_name = models.CharField("name", max_length=100, blank=True)
    # Encrypted at rest (intake/encryption.py), as the insurance details are; lists defer it.
    patient_birth_date = SecretDateField("date of birth", null=True, blank=True)
    patient_gender_identity = models.CharField(
        "gender identity", max_length=60, blank=True, help_text="In their words."
    )
    patient_sex_at_birth = models.CharField(
        "sex assigned at birth",
        max_length=10,
        choices=SexAtBirth.choices,
        default=SexAtBirth.NOT_SAID,
        help_text="As used for bed assignment.",
    )
    patient_language = models.CharField(
        "preferred language", max_length=60, blank=True, help_text="For their care, if not English."
    )
    patient_pronouns = models.CharField("pronouns", max_length=40, blank=True, help_text="Optional.")
    consent_text = models.TextField(help_text="The consent wording the person agreed to.")

    status = models.CharField(max_length=24, choices=Status.choices, default=Status.NEW, db_index=True)
    close_reason = models.CharField(max_length=20, choices=CloseReason.choices, blank=True)
    spam_reason = models.CharField(max_length=10, choices=SpamReason.choices, blank=True)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="inquiries"
    )
    follow_up_at = models.DateTimeField("follow-up due", null=True, blank=True)
    follow_up_step = models.CharField("next step", max_length=200, blank=True)
    follow_up_owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="follow_ups",
        verbose_name="follow-up owner",
    )
    follow_up_notified_at = models.DateTimeField(null=True, blank=True, editable=False)
    attribution = models.JSONField(default=dict, blank=True, help_text="First and last touch of the visit.")
    merged_into = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="merged_from",
        verbose_name=_("merged into"),
        help_text=_("The earlier inquiry this duplicate was merged into (its notes and verifications are there)."),
    )

    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    first_contact_at = models.DateTimeField("first contact", null=True, blank=True)
    first_reached_at = models.DateTimeField("first reached", null=True, blank=True)
    assessment_scheduled_at = models.DateTimeField(
        "assessment first scheduled", null=True, blank=True, help_text="Kept if it later moves on or closes."
    )
    closed_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = InquiryQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name_plural = "inquiries"
        permissions = [("export_inquiry", "Can export inquiries to CSV")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(phone="") | ~Q(email=""),
                name="inquiry_phone_or_email",
                violation_error_message="An inquiry needs a phone number or an e-mail address.",
            ),
            # Said to people beside the close reason by clean(), the rule's one statement in Python.
            models.CheckConstraint(
                condition=~Q(status="closed") | ~Q(close_reason=""), name="inquiry_closed_has_reason"
            ),
        ]
        indexes = [
            # With the time, the nearest match within the duplicate window is one step of the index.
            models.Index(fields=["phone", "created_at"], name="intake_inquiry_phone_time_idx"),
            models.Index(fields=["email", "created_at"], name="intake_inquiry_email_time_idx"),
            models.Index(fields=["phone_national"], name="intake_inquiry_national_idx"),
            models.Index(fields=["phone_last7"], name="intake_inquiry_last7_idx"),
            models.Index(fields=["follow_up_at"], name="intake_inquiry_follow_up_idx"),
            models.Index(fields=["status", "created_at"], name="intake_inquiry_status_new_idx"),
        ]

    FINISHED = (Status.CLOSED, Status.ADMITTED, Status.REFERRED_OUT)

    def __str__(self):
        return f"Inquiry #{self.pk}"

    def save(self, *args, **kwargs):
        self.email = (self.email or "").strip().lower()
        national = str(self.phone.national_number) if self.phone else ""
        self.phone_national, self.phone_last7 = national, national[-7:]
        update_fields = kwargs.get("update_fields")
        contact = (str(self.phone or ""), self.email)
        before = getattr(self, "_saved_contact", None)
        if contact == before or (update_fields is not None and not {"phone", "email"} & set(update_fields)):
            super().save(*args, **kwargs)
            return
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "phone_national", "phone_last7", "has_duplicate"}
        with transaction.atomic():
            _lock_contacts(sorted({*contact, *(before or ())} - {""}))
            # Its nearest matches are flagged before it is saved, and whether there were any is its own flag.
            self.has_duplicate = bool(Inquiry.objects.filter(_nearest(contact, self)).update(has_duplicate=True))
            super().save(*args, **kwargs)
            if before:  # those matched by the old phone or e-mail may have had only this one
                Inquiry.objects.filter(_nearest(before, self)).refresh_duplicate_flags()
        self._saved_contact = contact

    def delete(self, *args, **kwargs):
        contact, gone = (str(self.phone or ""), self.email), Inquiry(pk=self.pk, created_at=self.created_at)
        with transaction.atomic():
            _lock_contacts(sorted(set(contact) - {""}))
            deleted = super().delete(*args, **kwargs)
            Inquiry.objects.filter(_nearest(contact, gone)).refresh_duplicate_flags()
        return deleted

    @classmethod
    def from_db(cls, db, field_names, values):
        inquiry = super().from_db(db, field_names, values)
        if "phone" in inquiry.__dict__ and "email" in inquiry.__dict__:
            inquiry._saved_contact = (str(inquiry.phone or ""), inquiry.email)
        return inquiry

    def clean(self):
        errors = {}
        if self.referral_contact_id and self.referral_contact.source_id != self.referral_source_id:
            errors["referral_contact"] = _referral_contact_error(self.referral_contact, self.referral_source)
        if self.status == self.Status.CLOSED and not self.close_reason:
            # The rule of the constraint "inquiry_closed_has_reason", said beside the field (the
            # constraint is then not checked again: full_clean skips a field that has an error).
            errors["close_reason"] = "Choose why the inquiry is closed."
        if errors:
            raise ValidationError(errors)

    def get_admin_url(self):
        return reverse("admin:intake_inquiry_change", args=[self.pk])

    @property
    def is_read_only(self):
        """Admitted: its record is kept as it was; notes and contacts are still added to it."""
        return self.status == self.Status.ADMITTED

    def set_caller_from_inquiry_for(self):
        """From the web form's "inquiry for": calling for themselves, the caller is the person who needs
        care; a professional is a professional; "a loved one" does not say who (left for the call)."""
        if self.inquiry_for == self.For.MYSELF:
            self.caller_relationship = self.CallerRelationship.SELF
        elif self.inquiry_for == self.For.PROFESSIONAL:
            self.caller_relationship = self.CallerRelationship.PROFESSIONAL
        self.name_the_caller_as_patient()

    def name_the_caller_as_patient(self):
        """A caller calling for themselves is the person who needs care: named so, unless named already."""
        if self.caller_relationship == self.CallerRelationship.SELF and not self.patient_name:
            self.patient_name = self.name

    @property
    def time_to_first_contact(self):
        if self.first_contact_at is None:
            return None
        return self.first_contact_at - self.created_at

    def is_overdue(self, now=None):
        target = timedelta(minutes=settings.INTAKE_RESPONSE_TARGET_MINUTES)
        return self.status == self.Status.NEW and (now or timezone.now()) - self.created_at > target


def _referral_contact_error(contact, source):
    if source is None:
        return _("%(person)s works at %(theirs)s: choose %(theirs)s as the referral source, or no person.") % {
            "person": contact.name,
            "theirs": contact.source,
        }
    return _(
        "%(person)s works at %(theirs)s, not at %(chosen)s: choose one of %(chosen)s's people, or change the source."
    ) % {
        "person": contact.name,
        "theirs": contact.source,
        "chosen": source,
    }


def _others_nearby():
    """The other inquiries within the duplicate window of the outer query's inquiry."""
    return Inquiry.objects.filter(
        created_at__gte=OuterRef("created_at") - DUPLICATE_WINDOW,
        created_at__lte=OuterRef("created_at") + DUPLICATE_WINDOW,
    ).exclude(pk=OuterRef("pk"))


def _nearest(contact, inquiry):
    """A filter for the inquiries whose duplicate flag can change when `inquiry` takes or drops this
    (phone, e-mail): for each, the nearest other inquiry with it before and after `inquiry`, within
    the window. Those further away on the same side are within the window of the nearest one, so
    their flag holds either way: at most four rows, each found in one step of an index, however many
    inquiries share the number."""
    found = Q(pk__in=[])
    created = inquiry.created_at
    for field, value in zip(("phone", "email"), contact, strict=True):
        if not value:
            continue
        same = Inquiry.objects.filter(**{field: value}).exclude(pk=inquiry.pk).values("pk")
        before = same.filter(created_at__gte=created - DUPLICATE_WINDOW, created_at__lte=created)
        after = same.filter(created_at__gt=created, created_at__lte=created + DUPLICATE_WINDOW)
        found |= Q(pk__in=before.order_by("-created_at", "-pk")[:1]) | Q(pk__in=after.order_by("created_at", "pk")[:1])
    return found


def refresh_duplicates(contacts):
    """Set the duplicate flag of every inquiry with one of these (phone, e-mail) pairs: after
    inquiries are deleted in bulk (the purge). One inquiry's save or delete needs only `_nearest`."""
    phones = {phone for phone, _ in contacts if phone}
    emails = {email for _, email in contacts if email}
    if not phones and not emails:
        return
    affected = Q(phone__in=phones) | Q(email__in=emails)
    with transaction.atomic():
        _lock_contacts(sorted(phones | emails))
        # Only a flag that is set can change when others go.
        Inquiry.objects.filter(affected, has_duplicate=True).refresh_duplicate_flags()


def _lock_contacts(keys):
    """On PostgreSQL, one transaction at a time refreshes the flags of a phone or e-mail address,
    until it commits: two people sending the same number at once would otherwise each miss the
    other's uncommitted row, or deadlock updating each other's. (SQLite writes one at a time.)"""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for key in keys:  # always in the same order, so two transactions cannot wait on each other
            cursor.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", [f"intake.contact:{key}"])


class UsedStamp(models.Model):
    """A form's start stamp that has been sent (intake/spam.py): sent again, it marks the submission as
    spam. Kept by digest, and only while the stamp could still be accepted."""

    digest = models.CharField(max_length=64)
    started_at = models.DateTimeField(db_index=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["digest"], name="used_stamp_unique_digest")]

    def __str__(self):
        return f"Stamp of {self.started_at:%Y-%m-%d %H:%M}"
