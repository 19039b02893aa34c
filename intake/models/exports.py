"""Inquiry exports prepared in the background: who asked, for what, and where the file is."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

# How long a prepared file is kept: long enough to come back for it, short enough that copies of
# health information do not pile up.
EXPORT_KEPT_FOR = timedelta(days=1)


class InquiryExportQuerySet(models.QuerySet):
    def expired(self, now=None):
        return self.filter(requested_at__lte=(now or timezone.now()) - EXPORT_KEPT_FOR)

    def of(self, user):
        """The exports `user` asked for and may still fetch."""
        return self.filter(requested_by=user, requested_at__gt=timezone.now() - EXPORT_KEPT_FOR)


class InquiryExport(models.Model):
    """A CSV export of inquiries too large to send while the person waits: prepared by a background
    task into the private storage, fetched by the person who asked, deleted after a day."""

    class State(models.TextChoices):
        PREPARING = "preparing", "Being prepared"
        READY = "ready", "Ready"
        FAILED = "failed", "Failed"

    # A person removed leaves their export to the purge, which deletes its file with it.
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    requested_at = models.DateTimeField(default=timezone.now, db_index=True)
    filters = models.CharField(
        max_length=300,
        blank=True,
        help_text="The inbox filters the selection was made with; a search by its kind, never its text.",
    )
    state = models.CharField(max_length=10, choices=State.choices, default=State.PREPARING)
    inquiry_ids = models.JSONField(
        default=list,
        help_text="The inquiries selected; once ready, exactly those in the file, in its order.",
    )
    file_name = models.CharField(max_length=200, blank=True, help_text="Its name in the private storage.")
    row_count = models.PositiveIntegerField(
        default=0, help_text="How many inquiries were selected; once ready, how many rows the file has."
    )
    finished_at = models.DateTimeField(null=True, blank=True)
    failure = models.CharField(max_length=100, blank=True, help_text="Why it could not be prepared, in kind.")

    objects = InquiryExportQuerySet.as_manager()

    class Meta:
        ordering = ["-requested_at", "-pk"]
        default_permissions = ()  # who may export is Inquiry's export_inquiry permission

    def __str__(self):
        return f"Export #{self.pk} of {self.row_count} inquiries"

    def get_absolute_url(self):
        return reverse("admin:intake_inquiry_export", args=[self.pk])

    @property
    def expires_at(self):
        return self.requested_at + EXPORT_KEPT_FOR
