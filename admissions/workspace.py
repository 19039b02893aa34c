"""The inquiry page as a coordinator's workspace: the "Log a contact" form and the timeline."""

from dataclasses import dataclass
from datetime import datetime

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext

from intake.models import Assessment, Inquiry, InsuranceVerification, Merge, Note
from intake.services.verification import DONE
from intake.text import humanize_duration


class LogContactForm(forms.Form):
    kind = forms.ChoiceField(choices=Note.Kind.choices, initial=Note.Kind.CALL)
    outcome = forms.ChoiceField(
        choices=[("", "—"), *[(value, label) for value, label in Note.Outcome.choices if value]], required=False
    )
    text = forms.CharField(label="Note", widget=forms.Textarea(attrs={"rows": 2}), max_length=4000, required=False)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("kind") == Note.Kind.NOTE:
            cleaned["outcome"] = ""
            if not cleaned.get("text"):
                self.add_error("text", "Write the note.")
        elif cleaned.get("kind") and not cleaned.get("outcome"):
            self.add_error("outcome", "Choose how the contact went.")
        return cleaned


@dataclass
class Entry:
    at: datetime
    what: str
    detail: str
    by: str
    kind: str


def _name(user):
    return (user.get_full_name() or user.get_username()) if user else "—"


def timeline(inquiry):
    """Contacts, notes, status changes and finished insurance verifications, newest first, ending with
    the inquiry's arrival."""
    entries = [
        Entry(
            note.created_at,
            note.get_kind_display() + (f": {note.get_outcome_display()}" if note.outcome else ""),
            note.text,
            _name(note.author),
            "note" if note.kind == Note.Kind.NOTE else "contact",
        )
        for note in inquiry.notes.select_related("author")
    ]
    entries += [
        Entry(change.at, f"Status: {change}", "", _name(change.by), "status")
        for change in inquiry.status_changes.select_related("by")
    ]
    entries += [
        Entry(
            verification.completed_at,
            _verification_result(verification),
            gettext("Verification #%(number)s, %(carrier)s")
            % {"number": verification.pk, "carrier": verification.carrier_name},
            _name(verification.completed_by),
            "verification",
        )
        for verification in _finished_verifications(inquiry)
    ]
    entries += assessment_entries(inquiry)
    entries += merge_entries(inquiry)
    entries.sort(key=lambda entry: entry.at, reverse=True)
    arrived = f"Arrived by {inquiry.get_channel_display().lower()}"
    if inquiry.referral_source_id:
        arrived += f", referred by {inquiry.referral_source}"
    entries.append(Entry(inquiry.created_at, arrived, "", "", "arrival"))
    return entries


def _finished_verifications(inquiry):
    # Nothing encrypted is read (the member ID is never on the timeline): a row under an old key breaks nothing.
    return (
        inquiry.verifications.secrets_withheld()
        .filter(status__in=DONE, completed_at__isnull=False)
        .select_related("completed_by")
    )


def _verification_result(verification):
    """What a finished verification found, in words: its status and, when there is one, its result."""
    if verification.status == InsuranceVerification.Status.VERIFIED:
        said = gettext("Insurance verified")
    else:
        said = gettext("Insurance could not be verified")
    if verification.result:
        said += f": {verification.get_result_display().lower()}"
    return said


def assessment(inquiry):
    """Its assessment, or None."""
    return Assessment.objects.filter(inquiry=inquiry).select_related("assessor", "scheduled_by").first()


def assessment_summary(found):
    """ "Dec 7, 2026, 10:00 AM, by video, with Dana Reyes"."""
    return f"{found.when}, {found.get_mode_display().lower()}, with {_name(found.assessor)}"


def assessment_text(inquiry):
    found = assessment(inquiry)
    return assessment_summary(found) if found else ""


def assessment_entries(inquiry):
    """The assessment as last set, when it was set."""
    found = assessment(inquiry)
    if found is None:
        return []
    return [Entry(found.updated_at, "Assessment set", assessment_summary(found), _name(found.scheduled_by), "status")]


def merge_entries(inquiry):
    """Its merges, either way, and their undoing."""
    entries = []
    merges = Merge.objects.filter(Q(duplicate=inquiry) | Q(into=inquiry)).select_related("by", "undone_by")
    for merge in merges:
        if merge.into_id == inquiry.pk:
            what = gettext("Inquiry #%(number)s merged into this one") % {"number": merge.duplicate_id}
        else:
            what = gettext("Merged into inquiry #%(number)s") % {"number": merge.into_id}
        entries.append(Entry(merge.at, what, "", _name(merge.by), "status"))
        if merge.undone_at:
            undone = gettext("Undone: %(what)s") % {"what": what}
            entries.append(Entry(merge.undone_at, undone, "", _name(merge.undone_by), "status"))
    return entries


def needs_care(inquiry, today=None):
    """The person who needs care, in one line of parts: name, date of birth and age, sex assigned at
    birth, gender identity, pronouns, language. Each part only when known."""
    parts = []
    if inquiry.caller_relationship == Inquiry.CallerRelationship.SELF:
        parts.append(f"{inquiry.patient_name or inquiry.name} (the caller)")
    else:
        parts.append(inquiry.patient_name or "Not named yet")
    born = inquiry.patient_birth_date
    if born:
        today = today or timezone.localdate()
        age = today.year - born.year - ((today.month, today.day) < (born.month, born.day))
        parts.append(f"born {date_format(born, 'M j, Y')} (age {age})")
    if inquiry.patient_sex_at_birth != Inquiry.SexAtBirth.NOT_SAID:
        parts.append(f"sex assigned at birth: {inquiry.get_patient_sex_at_birth_display().lower()}")
    if inquiry.patient_gender_identity:
        parts.append(f"gender identity: {inquiry.patient_gender_identity}")
    if inquiry.patient_pronouns:
        parts.append(f"pronouns: {inquiry.patient_pronouns}")
    if inquiry.patient_language:
        parts.append(f"prefers {inquiry.patient_language}")
    return parts


def waiting(inquiry, now=None):
    """How long the person has waited for a first contact, or how long it took."""
    if inquiry.first_contact_at:
        return f"First contact after {humanize_duration(inquiry.time_to_first_contact)}"
    if inquiry.status in (Inquiry.Status.SPAM, *Inquiry.FINISHED):
        return "Never contacted"
    return f"Waiting {humanize_duration((now or timezone.now()) - inquiry.created_at)} for a first contact"
