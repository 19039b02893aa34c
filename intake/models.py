import re
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from phonenumber_field.modelfields import PhoneNumberField

DUPLICATE_WINDOW = timedelta(days=30)
# What a phone number may be written with.
PHONE_TEXT = re.compile(r"[\d\s+().-]+")
# A note may be dated this far ahead of the server's clock (a coordinator's watch runs fast).
NOTE_CLOCK_SLACK = timedelta(minutes=5)


class InquiryQuerySet(models.QuerySet):
    def inbox(self):
        return self.exclude(status=Inquiry.Status.SPAM)

    def purgeable(self, older_than):
        """Closed and spam inquiries whose retention period has passed."""
        cutoff = timezone.now() - older_than
        return self.filter(
            Q(status=Inquiry.Status.CLOSED, closed_at__lt=cutoff) | Q(status=Inquiry.Status.SPAM, created_at__lt=cutoff)
        )

    def with_phone_like(self, text):
        """Inquiries whose phone holds the digits of `text`, however a US number was written:
        "(818) 555-0101", "818-555-0101", "+1 818 555 0101", "1-818-555-0101" or the last seven
        digits "555-0101". Phones are stored in E.164 ("+18185550101"). Text that is not a phone
        number (letters, fewer than four digits) matches nothing."""
        if not PHONE_TEXT.fullmatch(text.strip()):
            return self.none()
        digits = re.sub(r"\D", "", text)
        return self.filter(phone__contains=digits) if len(digits) >= 4 else self.none()

    def with_duplicate_flag(self):
        """Each inquiry with `has_duplicate`: another with the same phone or e-mail within the window."""
        nearby = Inquiry.objects.filter(
            created_at__gte=OuterRef("created_at") - DUPLICATE_WINDOW,
            created_at__lte=OuterRef("created_at") + DUPLICATE_WINDOW,
        ).exclude(pk=OuterRef("pk"))
        same = nearby.filter(
            (Q(phone=OuterRef("phone")) & ~Q(phone="")) | (Q(email__iexact=OuterRef("email")) & ~Q(email=""))
        )
        return self.annotate(has_duplicate=Exists(same))

    def possible_duplicates_of(self, inquiry):
        same_contact = Q()
        if inquiry.phone:
            same_contact |= Q(phone=inquiry.phone)
        if inquiry.email:
            same_contact |= Q(email__iexact=inquiry.email)
        if not same_contact:
            return self.none()
        created = inquiry.created_at or timezone.now()
        return (
            self.filter(same_contact)
            .filter(created_at__gte=created - DUPLICATE_WINDOW, created_at__lte=created + DUPLICATE_WINDOW)
            .exclude(pk=inquiry.pk)
        )


class Inquiry(models.Model):
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
        OTHER = "other", "Other"

    class For(models.TextChoices):
        MYSELF = "myself", "Myself"
        LOVED_ONE = "loved_one", "A loved one"
        PROFESSIONAL = "professional", "I am a professional referring someone"

    class ContactMethod(models.TextChoices):
        CALL = "call", "Phone call"
        TEXT = "text", "Text message"
        EMAIL = "email", "E-mail"

    class BestTime(models.TextChoices):
        ANY = "any", "Any time"
        MORNING = "morning", "Morning"
        AFTERNOON = "afternoon", "Afternoon"
        EVENING = "evening", "Evening"

    class Payment(models.TextChoices):
        INSURANCE = "insurance", "Insurance"
        SELF_PAY = "self_pay", "Self-pay"
        NOT_SURE = "not_sure", "Not sure yet"

    class SpamReason(models.TextChoices):
        HONEYPOT = "honeypot", "Filled the hidden field"
        TOO_FAST = "too_fast", "Sent faster than a person types"
        STALE = "stale", "Sent from a form over a day old (a replayed stamp)"
        MARKED = "marked", "Marked by staff"

    name = models.CharField(max_length=100)
    phone = PhoneNumberField(blank=True)
    email = models.EmailField(max_length=254, blank=True)
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
    insurance_carrier = models.CharField(max_length=100, blank=True)
    message = models.TextField(max_length=2000, blank=True)
    consent_text = models.TextField(help_text="The consent wording the person agreed to.")

    status = models.CharField(max_length=24, choices=Status.choices, default=Status.NEW, db_index=True)
    close_reason = models.CharField(max_length=20, choices=CloseReason.choices, blank=True)
    spam_reason = models.CharField(max_length=10, choices=SpamReason.choices, blank=True)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="inquiries"
    )
    attribution = models.JSONField(default=dict, blank=True, help_text="First and last touch of the visit.")

    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    first_contact_at = models.DateTimeField("first contact", null=True, blank=True)
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
            models.CheckConstraint(
                condition=~Q(status="closed") | ~Q(close_reason=""), name="inquiry_closed_has_reason"
            ),
        ]
        indexes = [
            models.Index(fields=["phone"], name="intake_inquiry_phone_idx"),
            models.Index(fields=["email"], name="intake_inquiry_email_idx"),
        ]

    def __str__(self):
        return f"Inquiry #{self.pk}"

    def get_admin_url(self):
        return reverse("admin:intake_inquiry_change", args=[self.pk])

    @property
    def time_to_first_contact(self):
        if self.first_contact_at is None:
            return None
        return self.first_contact_at - self.created_at

    def is_overdue(self, now=None):
        target = timedelta(minutes=settings.INTAKE_RESPONSE_TARGET_MINUTES)
        return self.status == self.Status.NEW and (now or timezone.now()) - self.created_at > target


class Note(models.Model):
    class Kind(models.TextChoices):
        CALL = "call", "Call"
        TEXT = "text", "Text message"
        EMAIL = "email", "E-mail"
        NOTE = "note", "Internal note"

    class Outcome(models.TextChoices):
        REACHED = "reached", "Reached them"
        NO_ANSWER = "no_answer", "No answer"
        VOICEMAIL = "voicemail", "Left a voicemail"
        SENT = "sent", "Message sent"
        NONE = "", "—"

    inquiry = models.ForeignKey(Inquiry, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.CALL)
    outcome = models.CharField(max_length=10, choices=Outcome.choices, blank=True)
    text = models.TextField(max_length=4000, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.get_kind_display()} on {timezone.localtime(self.created_at):%Y-%m-%d %H:%M}"

    def clean(self):
        if self.created_at is None or self.inquiry_id is None:
            return
        if self.created_at > timezone.now() + NOTE_CLOCK_SLACK:
            raise ValidationError({"created_at": "A note cannot be dated in the future."})
        # By the minute: the form's time has whole seconds, the inquiry's arrival does not.
        if self.created_at < self.inquiry.created_at.replace(second=0, microsecond=0):
            arrived = timezone.localtime(self.inquiry.created_at)
            raise ValidationError(
                {"created_at": f"A note cannot be dated before the inquiry arrived ({arrived:%b %-d, %Y, %-I:%M %p})."}
            )

    @property
    def is_contact_attempt(self):
        return self.kind != self.Kind.NOTE


class Notification(models.Model):
    """The e-mail that tells admissions about a new inquiry, and how sending it went."""

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting to send"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"

    inquiry = models.ForeignKey(Inquiry, on_delete=models.CASCADE, related_name="notifications")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"Notification for inquiry #{self.inquiry_id}"


class AccessRecord(models.Model):
    """Who looked at or changed which inquiry, and when. Kept after an inquiry is purged.

    Lists and searches name no inquiry; a search records what kind of text was looked for (a phone
    number, an e-mail address, a name), never the text itself.
    """

    class Action(models.TextChoices):
        VIEW = "view", "Viewed"
        CHANGE = "change", "Changed"
        EXPORT = "export", "Exported"
        DELETE = "delete", "Deleted"
        LIST = "list", "Listed"
        SEARCH = "search", "Searched"
        PURGE = "purge", "Purged"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    inquiry_ref = models.PositiveBigIntegerField("inquiry", null=True, blank=True, db_index=True)
    action = models.CharField(max_length=10, choices=Action.choices)
    detail = models.CharField(max_length=100, blank=True, help_text="What was listed or searched for, in kind.")
    at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self):
        what = f"inquiry #{self.inquiry_ref}" if self.inquiry_ref else "inquiries"
        return f"{self.user or 'a command'} {self.get_action_display().lower()} {what}"

    @classmethod
    def record(cls, user, inquiries, action, detail=""):
        cls.objects.bulk_create(
            [cls(user=user, inquiry_ref=pk, action=action, detail=detail) for pk in inquiries], batch_size=1000
        )

    @classmethod
    def record_list(cls, user, action, detail=""):
        cls.objects.create(user=user, action=action, detail=detail[:100])


def search_kind(text):
    """What kind of text a search was for, to log without the text itself."""
    if "@" in text:
        return "an e-mail address"
    if sum(ch.isdigit() for ch in text) >= 3:
        return "a phone number or inquiry number"
    return "a name" if text.strip() else "nothing"
