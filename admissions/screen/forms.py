"""A form per section of the screen. Each refuses a save based on an old copy of its section
(staff/stale_edits.py) and keeps what was typed; ids carry the section's key, as the page holds them all."""

import datetime

from django import forms
from django.core import validators
from django.utils import timezone

from intake.models import Inquiry, InsuranceVerification
from intake.services import pipeline
from levels.models import LevelOfCare
from screening.models import (
    ConfirmationSection,
    LegalSection,
    LevelSection,
    LivingSection,
    MedicalSection,
    MentalHealthSection,
    OutcomeSection,
    PayerSection,
    ReasonSection,
    ReferralOut,
    RiskAnswer,
    RiskQuestion,
    RiskSection,
    Substance,
    SubstanceSection,
    SubstanceUse,
    WithdrawalSection,
)
from staff.stale_edits import SEEN, StaleEditForm


def _shown(field, value):
    if value in (None, "", False):
        return "empty" if not isinstance(field, forms.BooleanField) else "No"
    if value is True:
        return "Yes"
    return str(dict(field.choices).get(value, value)) if hasattr(field, "choices") else str(value)


def _text(rows=3):
    return forms.Textarea(attrs={"rows": rows})


YES_NO = [("yes", "Yes"), ("no", "No")]
# The most a written answer holds: room for a long account, not for a pasted file.
TEXT_MAX_LENGTH = 4000
# The hidden field that says which rows (substances, questions) the page showed: an unticked box or an
# unanswered question sends nothing, so only a row the page showed may be emptied by leaving it out.
ROWS_SHOWN = "rows_shown"


class RowsShownInput(forms.HiddenInput):
    """Always the rows of the form as drawn now, whatever was sent."""

    def __init__(self, rows):
        super().__init__()
        self.rows = rows

    def format_value(self, value):
        return self.rows


def limit(field, length):
    """A text box that holds at most `length` characters, and says so when given more."""
    field.max_length = length
    field.widget.attrs["maxlength"] = str(length)
    field.validators.append(
        validators.MaxLengthValidator(
            length, message=f"Keep this to {length:,} characters or fewer (it has %(show_value)s)."
        )
    )


# Questions of a few short answers are radio buttons: one click each, where a list takes two.
RADIO_FIELDS = {
    "answered_by",
    "seizures",
    "delirium_tremens",
    "hospitalised",
    "pregnancy",
    "court_ordered",
    "probation",
    "safe_at_home",
}


class SectionForm(StaleEditForm):
    key = ""
    title = ""
    requires_seen = True  # a save replaces the section's answers: it must say which copy it is based on

    def __init__(self, *args, screen, **kwargs):
        kwargs.setdefault("auto_id", f"id_{self.key}_%s")
        self.screen = screen
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field.widget, forms.Textarea) and field.max_length is None:
                limit(field, TEXT_MAX_LENGTH)
        for name in RADIO_FIELDS & set(self.fields):
            field = self.fields[name]
            # No "---------" button: a question not asked yet has none chosen.
            field.widget = forms.RadioSelect(choices=[choice for choice in field.choices if choice[0] != ""])
            field.choices = field.widget.choices

    def show_rows(self, keys):
        """Says on the page which rows it shows (`keys`: each row's field prefix)."""
        shown = " ".join(keys)
        self.fields[ROWS_SHOWN] = forms.CharField(required=False, widget=RowsShownInput(shown))
        self._rows_shown = shown

    def sent_every_row(self):
        """Whether the save came from a page showing the rows this form has now: only then does a row
        left out of it mean an unticked box or an unanswered question, to be emptied."""
        return self.data.get(ROWS_SHOWN) == getattr(self, "_rows_shown", None)

    @property
    def stale_kind(self):
        """What the stale refusal says was saved: "saved this mental health section"."""
        return f"{self.title.lower()} section"

    def save_rows(self, section):
        """Rows of the section's own (substance uses, risk answers)."""

    def _differences(self, saved):
        """The stale refusal's table: the section's own columns, and the boxes of its rows (a
        substance's, a question's), each as a colleague saved it and as this form sends it."""
        found = super()._differences(saved)
        theirs = type(self)(instance=saved, screen=self.screen)
        for name, field in self.fields.items():
            if (
                name in (*self._meta.fields, SEEN, ROWS_SHOWN)
                or name not in self.cleaned_data
                or name not in theirs.fields
            ):
                continue
            mine, saved_value = self.cleaned_data[name], theirs[name].initial
            if (mine or None) != (saved_value or None):
                label = getattr(field, "summary_label", field.label)
                found.append((label, _shown(field, saved_value), _shown(field, mine)))
        return found

    def save_section(self, by):
        section = self.save(commit=False)
        section.updated_by, section.saved = by, True
        section.save()
        self.save_rows(section)
        return section


class ReasonForm(SectionForm):
    key, title = "reason", "Reason for calling"

    class Meta:
        model = ReasonSection
        fields = ["reason"]
        widgets = {"reason": _text(4)}
        help_texts = {"reason": "In their words, as they say it."}


def last_use_at(date, time):
    """The moment of a last use, told in the center's time: refused before 1900, in the future, or at a
    time the clocks skipped when they went forward (which would be stored as another hour)."""
    future = forms.ValidationError("Last use must be in the past, not after now.", code="future")
    if date.year < 1900:
        raise forms.ValidationError("Last use must be after 1900.", code="too_old")
    if date > timezone.localdate():
        raise future  # before the time is worked out: 31 December 9999 in UTC is past the last year
    zone = timezone.get_current_timezone()
    wall = datetime.datetime.combine(date, time or datetime.time())
    moment = wall.replace(tzinfo=zone)
    if moment.astimezone(datetime.UTC).astimezone(zone).replace(tzinfo=None) != wall:
        raise forms.ValidationError(
            f"There was no {wall:%H:%M} on {date:%b} {date.day}, {date.year} here: the clocks went forward an hour. "
            "Check the time.",
            code="no_such_time",
        )
    if moment > timezone.now():
        raise future
    return moment


class SubstancesForm(SectionForm):
    """A group of boxes per substance on the center's list."""

    key, title = "substances", "Substances"

    class Meta:
        model = SubstanceSection
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.substances = list(Substance.objects.filter(is_active=True))
        uses = {use.substance_id: use for use in self.instance.uses.all()}
        zone = timezone.get_current_timezone()
        for substance in self.substances:
            use = uses.get(substance.pk)
            last = timezone.localtime(use.last_use, zone) if use and use.last_use else None
            name = substance.name
            prefix = f"s{substance.pk}_"
            self.fields[prefix + "used"] = forms.BooleanField(
                label=f"Uses {name.lower()}", required=False, initial=bool(use)
            )
            self.fields[prefix + "route"] = forms.ChoiceField(
                label="Route",
                choices=[("", "—"), *SubstanceUse.Route.choices],
                required=False,
                initial=use and use.route,
            )
            self.fields[prefix + "frequency"] = forms.ChoiceField(
                label="How often",
                choices=[("", "—"), *SubstanceUse.Frequency.choices],
                required=False,
                initial=use and use.frequency,
            )
            self.fields[prefix + "amount"] = forms.CharField(
                label="How much", required=False, initial=use and use.amount
            )
            limit(self.fields[prefix + "amount"], 500)
            self.fields[prefix + "heavy"] = forms.BooleanField(
                label="Heavy use", required=False, initial=bool(use and use.heavy)
            )
            self.fields[prefix + "last_date"] = forms.DateField(
                label="Last use: date",
                required=False,
                widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                initial=last and last.date(),
            )
            self.fields[prefix + "last_time"] = forms.TimeField(
                label="Last use: time",
                required=False,
                widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
                initial=last and last.time().replace(second=0, microsecond=0),
            )
            for field_name, field in self.fields.items():
                if field_name.startswith(prefix) and not field_name.endswith("used"):
                    field.summary_label = f"{name}: {field.label[0].lower()}{field.label[1:]}"
        self.show_rows(f"s{substance.pk}" for substance in self.substances)

    def groups(self):
        """(substance, its bound fields) for the page."""
        return [
            (substance, [self[name] for name in self.fields if name.startswith(f"s{substance.pk}_")])
            for substance in self.substances
        ]

    def clean(self):
        cleaned = super().clean()
        for substance in self.substances:
            prefix = f"s{substance.pk}_"
            details = [
                cleaned.get(prefix + name)
                for name in ("route", "frequency", "amount", "heavy", "last_date", "last_time")
            ]
            if any(details) and not cleaned.get(prefix + "used"):
                self.add_error(prefix + "used", f"Tick “Uses {substance.name.lower()}”, or clear its details.")
            if cleaned.get(prefix + "last_time") and not cleaned.get(prefix + "last_date"):
                self.add_error(prefix + "last_date", "Give the date of the last use as well as the time.")
            date = cleaned.get(prefix + "last_date")
            if date:
                try:
                    cleaned[prefix + "last_use"] = last_use_at(date, cleaned.get(prefix + "last_time"))
                except forms.ValidationError as error:
                    where = "last_time" if error.code == "no_such_time" else "last_date"
                    self.add_error(prefix + where, error)
        return cleaned

    def save_rows(self, section):
        for substance in self.substances:
            prefix = f"s{substance.pk}_"
            if not self.cleaned_data.get(prefix + "used"):
                if self.sent_every_row():
                    section.uses.filter(substance=substance).delete()
                continue
            section.uses.update_or_create(
                substance=substance,
                defaults={
                    "route": self.cleaned_data[prefix + "route"],
                    "frequency": self.cleaned_data[prefix + "frequency"],
                    "amount": self.cleaned_data[prefix + "amount"],
                    "heavy": self.cleaned_data[prefix + "heavy"],
                    "last_use": self.cleaned_data.get(prefix + "last_use"),
                },
            )


class WithdrawalForm(SectionForm):
    key, title = "withdrawal", "Withdrawal"

    class Meta:
        model = WithdrawalSection
        fields = ["seizures", "delirium_tremens", "hospitalised", "current_symptoms"]
        widgets = {"current_symptoms": _text()}
        help_texts = {"current_symptoms": "Shaking, sweating, nausea, seeing or hearing things, and since when."}


class MedicalForm(SectionForm):
    key, title = "medical", "Medical"

    class Meta:
        model = MedicalSection
        fields = ["conditions", "pregnancy", "medications", "prescribers"]
        widgets = {"conditions": _text(), "medications": _text(), "prescribers": _text(2)}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Pregnancy does not apply to a person male at birth, as the inquiry records them.
        male = self.screen.inquiry.patient_sex_at_birth == Inquiry.SexAtBirth.MALE
        if male and not self.instance.saved and not self.is_bound and not self.instance.pregnancy:
            self.initial["pregnancy"] = MedicalSection.Pregnancy.NOT_APPLICABLE


class MentalHealthForm(SectionForm):
    key, title = "mental_health", "Mental health"

    class Meta:
        model = MentalHealthSection
        fields = ["history", "current_treatment"]
        widgets = {"history": _text(), "current_treatment": _text(2)}


class RiskForm(SectionForm):
    """Each of the center's questions answered yes or no; a yes to one that asks recency asks it."""

    key, title = "risk", "Risk screen"

    class Meta:
        model = RiskSection
        fields = ["answered_by"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        inquiry = self.screen.inquiry
        if not self.instance.saved and not self.is_bound and inquiry.caller_relationship:
            # Who called is known: the person themselves answers, else (most often) the caller does.
            self_call = inquiry.caller_relationship == Inquiry.CallerRelationship.SELF
            self.initial["answered_by"] = RiskSection.AnsweredBy.PERSON if self_call else RiskSection.AnsweredBy.CALLER
        self.questions = list(RiskQuestion.objects.select_related("asked_after"))
        answers = {answer.question_id: answer for answer in self.instance.answers.all()}
        for question in self.questions:
            answer = answers.get(question.pk)
            self.fields[f"q{question.pk}"] = forms.ChoiceField(
                label=f"{question.position}. {question.text}",
                choices=YES_NO,
                widget=forms.RadioSelect(
                    attrs={"data-asked-after": f"q{question.asked_after_id}"} if question.asked_after_id else {}
                ),
                required=False,
                initial=None if answer is None else ("yes" if answer.yes else "no"),
            )
            if question.asks_recency:
                self.fields[f"q{question.pk}_recent"] = forms.ChoiceField(
                    label="If yes: was this within the past 3 months?",
                    choices=YES_NO,
                    widget=forms.RadioSelect,
                    required=False,
                    initial=None if answer is None or answer.recent is None else ("yes" if answer.recent else "no"),
                )
                self.fields[f"q{question.pk}_recent"].summary_label = f"Question {question.position}: within 3 months"
            self.fields[f"q{question.pk}"].summary_label = f"Question {question.position}"
        self.show_rows(f"q{question.pk}" for question in self.questions)

    def said(self, question):
        """The answer to `question` as this form holds it: sent, or as saved ("yes", "no" or "")."""
        name = f"q{question.pk}"
        if self.is_bound:
            return self.data.get(name, "") if self.data.get(name) in ("yes", "no") else ""
        return self[name].initial or ""

    def skips(self, question):
        """Whether `question` is not asked: it follows one (C-SSRS 3 to 5 follow 2) not answered yes."""
        return question.asked_after is not None and self.said(question.asked_after) != "yes"

    def groups(self):
        """(question, its answer, its recency or None) for the page; a question asked only after a yes
        to another says so in its note, and whether it is skipped now."""
        shown = []
        for question in self.questions:
            if question.asked_after is not None:
                before = question.asked_after.position
                skip = (
                    f"Skipped: question {before} is not answered yes, so this is not asked."
                    if self.skips(question)
                    else f"Asked because question {before} is answered yes."
                )
                question.as_written = getattr(question, "as_written", question.note)  # groups() may be drawn twice
                question.note = f"{skip} {question.as_written}".strip()
            recent = self[f"q{question.pk}_recent"] if question.asks_recency else None
            shown.append((question, self[f"q{question.pk}"], recent))
        return shown

    def clean(self):
        cleaned = super().clean()
        if any(cleaned.get(f"q{question.pk}") for question in self.questions) and not cleaned.get("answered_by"):
            self.add_error("answered_by", "Say who answered: the person themselves, or the caller for them.")
        for question in self.questions:
            if question.asked_after is not None and cleaned.get(f"q{question.asked_after_id}") != "yes":
                # Not asked: whatever was sent for it is neither stored nor scored.
                cleaned[f"q{question.pk}"] = ""
                if question.asks_recency:
                    cleaned[f"q{question.pk}_recent"] = ""
                continue
            if (
                question.asks_recency
                and cleaned.get(f"q{question.pk}") == "yes"
                and not cleaned.get(f"q{question.pk}_recent")
            ):
                self.add_error(
                    f"q{question.pk}_recent",
                    f"Question {question.position}: ask whether it was within the past 3 months.",
                )
        return cleaned

    def save_rows(self, section):
        for question in self.questions:
            said = self.cleaned_data.get(f"q{question.pk}")
            skipped = question.asked_after is not None and self.cleaned_data.get(f"q{question.asked_after_id}") == "no"
            if not said:
                if self.sent_every_row() or skipped:  # a "no" to the question it follows was sent: not asked
                    section.answers.filter(question=question).delete()
                continue
            recent = self.cleaned_data.get(f"q{question.pk}_recent") if question.asks_recency and said == "yes" else ""
            RiskAnswer.objects.update_or_create(
                section=section,
                question=question,
                defaults={"yes": said == "yes", "recent": None if not recent else recent == "yes"},
            )


class LegalForm(SectionForm):
    key, title = "legal", "Legal"

    class Meta:
        model = LegalSection
        fields = ["court_ordered", "probation", "details"]
        widgets = {"details": _text(2)}


class LivingForm(SectionForm):
    key, title = "living", "Living situation and safety"

    class Meta:
        model = LivingSection
        fields = ["situation", "safe_at_home", "details"]
        widgets = {"details": _text(2)}


class PayerForm(SectionForm):
    key, title = "payer", "Payer"

    class Meta:
        model = PayerSection
        fields = ["payer", "verification", "notes"]
        widgets = {"notes": _text(2)}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Nothing encrypted is read to name them: a row under an old key breaks nothing.
        verifications = InsuranceVerification.objects.secrets_withheld().filter(inquiry_id=self.screen.inquiry_id)
        self.fields["verification"].queryset = verifications
        self.fields["verification"].label_from_instance = lambda verification: (
            f"#{verification.pk}, {verification.carrier_name} ({verification.get_status_display().lower()})"
        )
        if not self.instance.saved and not self.is_bound and self.initial.get("verification") is None:
            self.initial["verification"] = verifications.values_list("pk", flat=True).first()


class LevelForm(SectionForm):
    key, title = "level", "Provisional level of care"

    class Meta:
        model = LevelSection
        fields = ["chosen_level", "reason"]
        widgets = {"reason": _text(2)}
        labels = {"chosen_level": "Another level"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["chosen_level"].queryset = LevelOfCare.objects.order_by("name")

    def clean(self):
        cleaned = super().clean()
        chosen = cleaned.get("chosen_level")
        if chosen and chosen.pk != self.instance.proposed_level_id and not cleaned.get("reason"):
            self.add_error("reason", "Say why you chose another level than the one proposed.")
        if not chosen:
            cleaned["reason"] = ""
        return cleaned


class ConfirmationForm(SectionForm):
    key, title = "confirmation", "Clinician's confirmation"

    class Meta:
        model = ConfirmationSection
        fields = ["level", "note"]
        widgets = {"note": _text(2)}
        labels = {"level": "Level of care"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["level"].queryset = LevelOfCare.objects.order_by("name")
        self.fields["level"].required = True
        if not self.instance.level_id and not self.is_bound:
            level = self.screen.levelsection.level
            self.initial["level"] = level and level.pk

    def clean(self):
        cleaned = super().clean()
        level = cleaned.get("level")
        recommended = self.screen.levelsection.level
        if level and recommended and level != recommended and not cleaned.get("note"):
            self.add_error("note", "Say why you change the recommended level.")
        return cleaned


class OutcomeForm(SectionForm):
    key, title = "outcome", "Outcome"

    class Meta:
        model = OutcomeSection
        fields = ["outcome", "level", "not_fit_reason", "referred_to"]
        labels = {"level": "Accepted for"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["level"].queryset = LevelOfCare.objects.order_by("name")
        confirmation = self.screen.confirmationsection
        if confirmation.confirmed_at and not self.instance.level_id and not self.is_bound:
            self.initial["level"] = confirmation.level_id
        self.fields["referred_to"].queryset = ReferralOut.objects.filter(is_active=True)
        if self.instance.referred_to_id:
            self.fields["referred_to"].queryset |= ReferralOut.objects.filter(pk=self.instance.referred_to_id)

    def clean(self):
        # The rules of the constraints screen_accepted_has_level and screen_not_a_fit_has_reason, said
        # beside their fields.
        cleaned = super().clean()
        outcome = cleaned.get("outcome")
        # Accepted for the level a clinician confirmed, once they have.
        confirmation = self.screen.confirmationsection
        if outcome == OutcomeSection.Outcome.ACCEPTED:
            level = cleaned.get("level")
            if not confirmation.confirmed_at:
                self.add_error(
                    "outcome", "A clinician confirms the level first (section 11): then record them accepted."
                )
            elif not level:
                self.add_error("level", "Choose the level of care they are accepted for.")
            elif level.pk != confirmation.level_id:
                self.add_error(
                    "level", f"Accept them for the level the clinician confirmed: {confirmation.level.name}."
                )
            cleaned["not_fit_reason"], cleaned["referred_to"] = "", None
        elif outcome == OutcomeSection.Outcome.NOT_A_FIT:
            if not cleaned.get("not_fit_reason"):
                self.add_error("not_fit_reason", "Choose why the center is not a fit.")
            # The inquiry is moved to Referred out with it (intake/services/pipeline.py): said here
            # if that move would break one of its rules.
            inquiry = self.screen.inquiry
            problem = pipeline.unlogged_contact(
                inquiry=inquiry, before=inquiry.status, status=Inquiry.Status.REFERRED_OUT
            )
            if problem:
                self.add_error("outcome", problem)
            cleaned["level"] = None
        return cleaned


FORMS = [
    ReasonForm,
    SubstancesForm,
    WithdrawalForm,
    MedicalForm,
    MentalHealthForm,
    RiskForm,
    LegalForm,
    LivingForm,
    PayerForm,
    LevelForm,
    ConfirmationForm,
    OutcomeForm,
]
FORM_OF = {form.key: form for form in FORMS}
