"""The center's capacity and who uses it: beds (detox, residential), program places (PHP, IOP,
outpatient), stays from admission to discharge, holds for a day, and the waitlist.

A bed's time is taken by at most one hold or stay at once: each hold and each stay in a bed has a
`BedTime` row, and on PostgreSQL an exclusion constraint refuses two rows of one bed whose times
overlap; on SQLite the services check the same rule under a lock (census/locking.py). A hold's time
ends at its `until`: an expired hold takes nothing, without anything written when it passes.
"""

from datetime import datetime, time, timedelta

from django.conf import settings
from django.contrib.postgres.fields import RangeBoundary, RangeOperators
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone

from .constraints import PostgresExclusionConstraint, TsTzRange

HOLD_HOURS = 24


def start_of(day):
    """The center's local midnight starting `day`, as an aware time."""
    return timezone.make_aware(datetime.combine(day, time.min), timezone.get_current_timezone())


def moment(day, now=None):
    """When something recorded on `day` happened: now if it is today, else the start of that day."""
    now = now or timezone.now()
    return now if day == timezone.localdate(now) else start_of(day)


class Serves(models.TextChoices):
    MEN = "men", "Men"
    WOMEN = "women", "Women"
    ANY = "any", "Anyone"


class Bed(models.Model):
    unit = models.CharField(max_length=60, help_text="The unit or house, e.g. “North”.")
    room = models.CharField(max_length=20, help_text="The room, e.g. “12”.")
    label = models.CharField(max_length=10, help_text="The bed in the room, e.g. “A”.")
    levels = models.ManyToManyField(
        "levels.LevelOfCare", related_name="beds", help_text="The residential levels this bed serves."
    )
    serves = models.CharField("for", max_length=5, choices=Serves.choices, default=Serves.ANY)
    accessible = models.BooleanField(default=False, help_text="Wheelchair accessible room and bathroom.")
    in_service = models.BooleanField(default=True)
    out_of_service_reason = models.CharField(
        max_length=200, blank=True, help_text="Why the bed is out of service, e.g. “repairs”."
    )
    out_of_service_until = models.DateField(
        null=True, blank=True, help_text="The last day it is out; leave empty when nobody knows yet."
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["unit", "room", "label"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "room", "label"], name="census_bed_unique_label"),
            models.CheckConstraint(
                condition=Q(in_service=True) | ~Q(out_of_service_reason=""), name="census_bed_out_has_reason"
            ),
        ]

    def __str__(self):
        return f"{self.unit} {self.room}{self.label}"

    def clean(self):
        if not self.in_service and not self.out_of_service_reason:
            raise ValidationError({"out_of_service_reason": "Say why the bed is out of service."})

    def is_out_on(self, day):
        return not self.in_service and (self.out_of_service_until is None or day <= self.out_of_service_until)


class Program(models.Model):
    """Places in a day program on a schedule, e.g. IOP mornings, 12 places."""

    level = models.ForeignKey("levels.LevelOfCare", on_delete=models.PROTECT, related_name="programs")
    name = models.CharField(max_length=100, help_text="For example “IOP mornings”.")
    schedule = models.CharField(max_length=200, blank=True, help_text="For example “Mon–Thu 9:00–12:00”.")
    places = models.PositiveSmallIntegerField(help_text="How many people it takes at once.")
    is_active = models.BooleanField("active", default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["level__intensity_rank", "name"]
        constraints = [models.UniqueConstraint(fields=["level", "name"], name="census_program_unique_name")]

    def __str__(self):
        return self.name


def _bed_or_program():
    return Q(bed__isnull=False, program__isnull=True) | Q(bed__isnull=True, program__isnull=False)


class StayQuerySet(models.QuerySet):
    def current(self):
        return self.filter(discharged_on__isnull=True)

    def overlapping(self, first, last):
        """Stays that cover any day of first..last."""
        return self.filter(admitted_on__lte=last).filter(Q(discharged_on__isnull=True) | Q(discharged_on__gt=first))


class Stay(models.Model):
    """An inquiry's person in a bed or a program place, from admission until discharge."""

    class DischargeKind(models.TextChoices):
        COMPLETED = "completed", "Completed"
        STEPPED_DOWN = "stepped_down", "Stepped down to another level here"
        AGAINST_ADVICE = "against_advice", "Left against advice"
        TRANSFERRED = "transferred", "Transferred"

    inquiry = models.ForeignKey("intake.Inquiry", on_delete=models.PROTECT, related_name="stays")
    level = models.ForeignKey("levels.LevelOfCare", on_delete=models.PROTECT, related_name="stays")
    bed = models.ForeignKey(Bed, null=True, blank=True, on_delete=models.PROTECT, related_name="stays")
    program = models.ForeignKey(Program, null=True, blank=True, on_delete=models.PROTECT, related_name="stays")
    admitted_on = models.DateField()
    admitted_at = models.DateTimeField(editable=False)
    admitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    expected_discharge_on = models.DateField(
        null=True, blank=True, help_text="When the team expects the stay to end: the board shows the bed freeing up."
    )
    discharged_on = models.DateField(null=True, blank=True)
    discharged_at = models.DateTimeField(null=True, blank=True, editable=False)
    discharge_kind = models.CharField(max_length=20, choices=DischargeKind.choices, blank=True)
    discharged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    stepped_down_from = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="stepped_down_to"
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = StayQuerySet.as_manager()

    class Meta:
        ordering = ["-admitted_on", "-pk"]
        constraints = [
            models.CheckConstraint(condition=_bed_or_program(), name="census_stay_bed_or_program"),
            models.CheckConstraint(
                condition=Q(discharged_on__isnull=True, discharge_kind="")
                | (Q(discharged_on__isnull=False) & ~Q(discharge_kind="")),
                name="census_stay_discharge_has_kind",
            ),
            models.CheckConstraint(
                condition=Q(discharged_on__isnull=True) | Q(discharged_on__gte=F("admitted_on")),
                name="census_stay_discharge_after_admission",
            ),
        ]
        indexes = [models.Index(fields=["admitted_on", "discharged_on"], name="census_stay_dates_idx")]

    def __str__(self):
        return f"Stay of inquiry #{self.inquiry_id} from {self.admitted_on}"

    def get_absolute_url(self):
        return reverse("admin:census:stay", args=[self.pk])

    @property
    def place(self):
        return self.bed or self.program

    @property
    def days(self):
        """Length of stay in days (nights in a bed), so far if still in."""
        return ((self.discharged_on or timezone.localdate()) - self.admitted_on).days


class HoldQuerySet(models.QuerySet):
    def live(self, now=None):
        """Holds that still hold: not released, not turned into a stay, and not past their time."""
        return self.filter(released_at__isnull=True, converted_to__isnull=True, until__gt=now or timezone.now())

    def expired_unnoticed(self, now=None):
        return self.filter(
            released_at__isnull=True,
            converted_to__isnull=True,
            until__lte=now or timezone.now(),
            expiry_noticed_at__isnull=True,
        )


class Hold(models.Model):
    """A bed or program place kept for an inquiry until a time (a day by default). Past that time it
    holds nothing and is shown as released; it may be released by hand before."""

    inquiry = models.ForeignKey("intake.Inquiry", on_delete=models.CASCADE, related_name="holds")
    bed = models.ForeignKey(Bed, null=True, blank=True, on_delete=models.PROTECT, related_name="holds")
    program = models.ForeignKey(Program, null=True, blank=True, on_delete=models.PROTECT, related_name="holds")
    held_at = models.DateTimeField(default=timezone.now)
    until = models.DateTimeField()
    held_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    released_at = models.DateTimeField(null=True, blank=True)
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    converted_to = models.OneToOneField(
        Stay, null=True, blank=True, on_delete=models.SET_NULL, related_name="from_hold"
    )
    # When the passing of `until` was noticed (by the periodic task or the next read) and the
    # waitlist told: once.
    expiry_noticed_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = HoldQuerySet.as_manager()

    class Meta:
        ordering = ["-held_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=_bed_or_program(), name="census_hold_bed_or_program"),
            models.CheckConstraint(condition=Q(until__gt=F("held_at")), name="census_hold_ends_after_start"),
        ]
        indexes = [models.Index(fields=["until"], name="census_hold_until_idx")]

    def __str__(self):
        return f"Hold of {self.place} for inquiry #{self.inquiry_id}"

    @property
    def place(self):
        return self.bed or self.program

    def state(self, now=None):
        now = now or timezone.now()
        if self.converted_to_id:
            return "admitted"
        if self.released_at or self.until <= now:
            return "released"
        return "held"


class BedTime(models.Model):
    """The time a bed is taken, by a hold or a stay: what the no-double-booking rule compares.
    `ends_at` empty: until further notice (a stay not yet discharged)."""

    bed = models.ForeignKey(Bed, on_delete=models.PROTECT, related_name="times")
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField(null=True, blank=True)
    hold = models.OneToOneField(Hold, null=True, blank=True, on_delete=models.CASCADE, related_name="bed_time")
    stay = models.OneToOneField(Stay, null=True, blank=True, on_delete=models.CASCADE, related_name="bed_time")

    class Meta:
        ordering = ["bed", "starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(hold__isnull=False, stay__isnull=True) | Q(hold__isnull=True, stay__isnull=False),
                name="census_bedtime_hold_or_stay",
            ),
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True) | Q(ends_at__gte=F("starts_at")), name="census_bedtime_in_order"
            ),
            PostgresExclusionConstraint(
                name="census_bedtime_no_overlap",
                expressions=[
                    ("bed", RangeOperators.EQUAL),
                    (TsTzRange("starts_at", "ends_at", RangeBoundary()), RangeOperators.OVERLAPS),
                ],
            ),
        ]
        indexes = [models.Index(fields=["bed", "starts_at", "ends_at"], name="census_bedtime_bed_idx")]

    def __str__(self):
        return f"{self.bed} from {self.starts_at:%Y-%m-%d %H:%M}"


class WaitlistQuerySet(models.QuerySet):
    def waiting(self):
        return self.filter(ended_at__isnull=True)

    def in_queue_order(self):
        """Highest priority first, then who has waited longest."""
        return self.order_by("-priority", "added_at", "pk")


class WaitlistEntry(models.Model):
    """An inquiry waiting for a level (and perhaps one program) when nothing fits now."""

    class Priority(models.IntegerChoices):
        ROUTINE = 0, "Routine"
        RAISED = 1, "Raised"
        URGENT = 2, "Urgent"

    class EndReason(models.TextChoices):
        ADMITTED = "admitted", "Admitted"
        WENT_ELSEWHERE = "went_elsewhere", "Went elsewhere"
        NO_LONGER = "no_longer", "No longer wants care now"
        UNREACHABLE = "unreachable", "Could not be reached"

    inquiry = models.ForeignKey("intake.Inquiry", on_delete=models.CASCADE, related_name="waitlist_entries")
    level = models.ForeignKey("levels.LevelOfCare", on_delete=models.PROTECT, related_name="waitlist_entries")
    program = models.ForeignKey(
        Program, null=True, blank=True, on_delete=models.PROTECT, related_name="waitlist_entries"
    )
    waiting_for = models.CharField(
        max_length=200, help_text="What they wait for, in words, e.g. “a women's detox bed, accessible”."
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="waitlist_entries",
        help_text="Who holds this person: told by e-mail when a place frees up and they are next.",
    )
    added_at = models.DateTimeField(default=timezone.now)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    priority = models.PositiveSmallIntegerField(choices=Priority.choices, default=Priority.ROUTINE)
    priority_reason = models.CharField(max_length=300, blank=True)
    priority_set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    priority_set_at = models.DateTimeField(null=True, blank=True)
    follow_up_at = models.DateTimeField("follow-up due", null=True, blank=True)
    follow_up_step = models.CharField("next step", max_length=200, blank=True)
    follow_up_notified_at = models.DateTimeField(null=True, blank=True, editable=False)
    notified_at = models.DateTimeField(null=True, blank=True, editable=False)
    ended_at = models.DateTimeField(null=True, blank=True)
    end_reason = models.CharField(max_length=20, choices=EndReason.choices, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = WaitlistQuerySet.as_manager()

    class Meta:
        ordering = ["-priority", "added_at", "pk"]
        verbose_name_plural = "waitlist entries"
        permissions = [("raise_priority_waitlistentry", "Can raise a waiting person's priority")]
        constraints = [
            models.UniqueConstraint(
                fields=["inquiry", "level"], condition=Q(ended_at__isnull=True), name="census_waitlist_once_per_level"
            ),
            models.CheckConstraint(
                condition=Q(priority=0) | ~Q(priority_reason=""), name="census_waitlist_priority_has_reason"
            ),
            models.CheckConstraint(
                condition=Q(ended_at__isnull=True, end_reason="") | (Q(ended_at__isnull=False) & ~Q(end_reason="")),
                name="census_waitlist_end_has_reason",
            ),
        ]
        indexes = [models.Index(fields=["level", "ended_at", "priority", "added_at"], name="census_waitlist_queue_idx")]

    def __str__(self):
        return f"Inquiry #{self.inquiry_id} waiting for {self.waiting_for}"

    def get_absolute_url(self):
        return reverse("admin:census:waitlist")

    def days_waited(self, now=None):
        return ((self.ended_at or now or timezone.now()) - self.added_at).days


def default_until(now=None):
    return (now or timezone.now()) + timedelta(hours=HOLD_HOURS)
