"""The assessment an inquiry at *Assessment scheduled* is waiting for: when (stored in UTC, shown in the
center's time), with whom on staff, in person or by video. Set by the pipeline's move to that status
(intake/services/pipeline.py); its assessor is reminded by e-mail before it (intake/assessments.py)."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from .inquiry import Inquiry


class AssessmentQuerySet(models.QuerySet):
    def scheduled(self):
        """Those whose inquiry still waits for them (not since admitted, referred out or closed)."""
        return self.filter(inquiry__status=Inquiry.Status.ASSESSMENT_SCHEDULED)

    def between(self, start, end):
        return self.scheduled().filter(starts_at__gte=start, starts_at__lt=end)


class Assessment(models.Model):
    class Mode(models.TextChoices):
        IN_PERSON = "in_person", "In person"
        VIDEO = "video", "By video"

    inquiry = models.OneToOneField(Inquiry, on_delete=models.CASCADE, related_name="assessment")
    starts_at = models.DateTimeField("when", help_text="In the center's time.")
    assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,  # a person who assesses is deactivated, not deleted
        related_name="assessments",
        verbose_name="with",
        help_text="The member of staff who assesses them.",
    )
    mode = models.CharField("in person or by video", max_length=10, choices=Mode.choices)
    scheduled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)
    # When its assessor was reminded (once per time and assessor: changing either arms it again).
    reminded_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = AssessmentQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at", "pk"]
        indexes = [models.Index(fields=["starts_at"], name="intake_assessment_starts_idx")]

    def __str__(self):
        return f"Assessment of inquiry #{self.inquiry_id}, {self.when}"

    def get_absolute_url(self):
        return reverse("admin:intake_inquiry_change", args=[self.inquiry_id])

    @property
    def when(self):
        """Its time in the center's time zone, as staff read it: "Dec 7, 2026, 10:00 AM"."""
        return date_format(timezone.localtime(self.starts_at), "M j, Y, g:i A")
