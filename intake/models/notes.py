"""An inquiry's timeline: its moves through the pipeline and the coordinators' notes."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from .inquiry import Inquiry


class StatusChange(models.Model):
    """One move through the pipeline, for the inquiry's timeline."""

    inquiry = models.ForeignKey("Inquiry", on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=24, choices=Inquiry.Status.choices, blank=True)
    to_status = models.CharField(max_length=24, choices=Inquiry.Status.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.get_from_status_display() or 'Arrived'} → {self.get_to_status_display()}"


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

    @property
    def is_contact_attempt(self):
        return self.kind != self.Kind.NOTE
