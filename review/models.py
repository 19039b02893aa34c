from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q


class PendingRevisionQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(state=PendingRevision.State.PENDING)

    def for_item(self, item):
        return self.filter(content_type=ContentType.objects.get_for_model(item), object_id=item.pk)


class PendingRevision(models.Model):
    """A change to the reviewed text of an item (an article and its questions and sources, a level, a
    page), kept aside until a reviewer approves it: the live row keeps the approved text meanwhile."""

    class State(models.TextChoices):
        PENDING = "pending", "Waiting for review"
        APPROVED = "approved", "Approved"
        SENT_BACK = "sent_back", "Sent back"
        WITHDRAWN = "withdrawn", "Withdrawn"

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveIntegerField()
    item = GenericForeignKey("content_type", "object_id")
    item_name = models.CharField("item", max_length=300, help_text="Its title when the change was made.")
    # {"fields": {column: value}, "parts": {accessor: [{"id": pk or None, column: value}]}}: the
    # proposed text, each language's column, as review.reviewed.snapshot() reads it.
    values = models.JSONField()
    # The live row's updated_at when the change was made: approving refuses if it changed since.
    based_on = models.DateTimeField()
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    proposed_at = models.DateTimeField(auto_now_add=True)
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    note = models.TextField(blank=True, help_text="Why it was sent back.")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    objects = PendingRevisionQuerySet.as_manager()

    class Meta:
        ordering = ["proposed_at", "pk"]
        verbose_name = "change waiting for review"
        verbose_name_plural = "changes waiting for review"
        permissions = [("approve_pendingrevision", "Can approve or send back changes waiting for review")]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"], condition=Q(state="pending"), name="review_one_pending_per_item"
            )
        ]
        indexes = [models.Index(fields=["content_type", "object_id", "state"], name="review_pending_item_idx")]

    def __str__(self):
        return f"Change to “{self.item_name}”"
