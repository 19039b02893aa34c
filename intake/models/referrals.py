"""The organisations and people that refer someone to the center."""

from django.db import models
from phonenumber_field.modelfields import PhoneNumberField


class ReferralSource(models.Model):
    """An organisation that sends people to the center."""

    class Kind(models.TextChoices):
        HOSPITAL = "hospital", "Hospital"
        THERAPIST = "therapist", "Therapist or counselor"
        COURT = "court", "Court or probation"
        EAP = "eap", "Employee assistance program"
        SCHOOL = "school", "School or university"
        ALUMNI = "alumni", "Alumni"
        OTHER = "other", "Other"

    name = models.CharField(max_length=120)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.OTHER)
    phone = PhoneNumberField(blank=True)
    email = models.EmailField(max_length=254, blank=True)
    notes = models.TextField(max_length=2000, blank=True)
    is_active = models.BooleanField("still refers", default=True)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["name"], name="referral_source_unique_name")]

    def __str__(self):
        return self.name


class ReferralContact(models.Model):
    """A person at a referral source."""

    source = models.ForeignKey(ReferralSource, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(max_length=100)
    role = models.CharField(max_length=100, blank=True)
    phone = PhoneNumberField(blank=True)
    email = models.EmailField(max_length=254, blank=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["source", "name"], name="referral_contact_unique_name_per_source")
        ]

    def __str__(self):
        return f"{self.name} ({self.source})"
