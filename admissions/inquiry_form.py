"""The inquiry admin's form: how an inquiry staff enter reached them, no status move that claims a
contact nobody logged (the rule is the pipeline's, `services.unlogged_contact`), and the assessment a
move to *Assessment scheduled* needs (`services.assessment_problems`): each said here beside its field
before anything is saved."""

from django import forms
from django.contrib.admin.widgets import AdminSplitDateTime
from django.contrib.auth import get_user_model
from django.utils.translation import gettext

from intake import services
from intake.models import Assessment, Inquiry
from staff.admin_widgets import within_readable_years


class AssessorChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, user):
        return user.get_full_name() or user.get_username()


# The form's assessment boxes, by the key the pipeline's services read.
ASSESSMENT_FIELDS = {"starts_at": "assessment_starts_at", "assessor": "assessment_assessor", "mode": "assessment_mode"}


class InquiryForm(forms.ModelForm):
    assessment_starts_at = forms.SplitDateTimeField(
        label="Assessment: when",
        required=False,
        widget=AdminSplitDateTime,
        validators=[within_readable_years],
        help_text="The center's time.",
    )
    assessment_assessor = AssessorChoiceField(
        label="Assessment: with", queryset=get_user_model().objects.none(), required=False
    )
    assessment_mode = forms.ChoiceField(
        label="Assessment: in person or by video", choices=[("", "—"), *Assessment.Mode.choices], required=False
    )

    class Meta:
        model = Inquiry
        fields = ["channel", "received_as", "status"]  # those clean() reads; the admin names those it shows

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "assessment_assessor" not in self.fields:
            return
        self.fields["assessment_assessor"].queryset = services.assessors()
        date, time = self.fields["assessment_starts_at"].widget.widgets
        date.attrs["aria-label"], time.attrs["aria-label"] = "Assessment: date", "Assessment: time"
        assessment = Assessment.objects.filter(inquiry=self.instance).first() if self.instance.pk else None
        if assessment is not None:
            self.initial.update(
                assessment_starts_at=assessment.starts_at,
                assessment_assessor=assessment.assessor_id,
                assessment_mode=assessment.mode,
            )

    def assessment_details(self, status=None):
        """The assessment as typed, for the services, when it counts: the status (`status`, or as cleaned)
        moved to *Assessment scheduled*, or a box of it changed; None otherwise (what the page showed)."""
        if "assessment_starts_at" not in self.fields:
            return None
        status = status or self.cleaned_data.get("status")
        moved_there = "status" in self.changed_data and status == Inquiry.Status.ASSESSMENT_SCHEDULED
        if not moved_there and not set(ASSESSMENT_FIELDS.values()) & set(self.changed_data):
            return None
        return {key: self.cleaned_data.get(name) for key, name in ASSESSMENT_FIELDS.items()}

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("channel") == Inquiry.Channel.EMAIL and cleaned.get("received_as") == Inquiry.ReceivedAs.LIVE:
            self.add_error(
                "received_as",
                gettext("An e-mail is a message left for us: choose “%(message)s”.")
                % {"message": Inquiry.ReceivedAs.MESSAGE.label},
            )
        if "status" in cleaned:
            before = self.instance.status if self.instance.pk else Inquiry.Status.NEW
            problem = services.admission_problem(before=before, status=cleaned["status"])
            if problem:
                self.add_error("status", problem)
        if "status" in cleaned and self.instance.pk:
            status = cleaned["status"]
            # The instance still holds the saved status here (the form's values are set on it after clean).
            problem = services.unlogged_contact(inquiry=self.instance, before=self.instance.status, status=status)
            if problem:
                self.add_error("status", problem)
            if not any(name in self.errors for name in ASSESSMENT_FIELDS.values()):
                problems = services.assessment_problems(
                    before=self.instance.status, status=status, details=self.assessment_details(status)
                )
                for name, message in problems.items():
                    self.add_error(name, message)
        return cleaned
