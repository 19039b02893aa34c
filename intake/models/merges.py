"""A duplicate inquiry merged into an earlier one: what moved, so that it can be moved back."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .inquiry import Inquiry


class Merge(models.Model):
    """One merge of `duplicate` into `into` (intake/services/duplicates.py), with exactly what it
    moved and what it changed, as it was before. Kept after an undo, with who undid it and when."""

    duplicate = models.ForeignKey(Inquiry, on_delete=models.CASCADE, related_name="merges_out")
    into = models.ForeignKey(Inquiry, on_delete=models.CASCADE, related_name="merges_in")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(default=timezone.now)
    note_ids = models.JSONField(default=list, help_text=_("The notes and contacts moved."))
    verification_ids = models.JSONField(default=list, help_text=_("The insurance verifications moved."))
    # The duplicate as it was before it was closed as one.
    duplicate_status = models.CharField(max_length=24, choices=Inquiry.Status.choices)
    duplicate_close_reason = models.CharField(max_length=20, blank=True)
    duplicate_closed_at = models.DateTimeField(null=True, blank=True)
    # The earlier inquiry's fields the merge changed, before and after: an undo puts back only those
    # still as the merge left them (a colleague's later work on them stays).
    into_before = models.JSONField(default=dict)
    into_after = models.JSONField(default=dict)
    undone_at = models.DateTimeField(null=True, blank=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(duplicate=models.F("into")), name="merge_not_into_itself"),
        ]

    def __str__(self):
        return f"#{self.duplicate_id} merged into #{self.into_id}"
