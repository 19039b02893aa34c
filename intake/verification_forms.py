"""The visitor's "verify your insurance" form: how to reach them, their plan and optional card photos.
It validates only: the view hands what it cleaned to intake.services.request_verification."""

from crispy_forms.bootstrap import StrictButton
from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Div, Field, Fieldset, Layout
from django import forms
from django.utils.translation import gettext_lazy as _

from .card_files import card_content
from .date_input import BirthDateField
from .forms import CleanCharField, ReplyFields, default_reply_method, require_a_way_to_reply
from .models import Carrier, Inquiry, InsuranceVerification

# What a file box says when the rest of the form needs fixing: browsers never refill a file box.
CHOOSE_AGAIN = _("Choose this photo again: it was not kept while something else needed fixing")


class CardPhotoField(forms.FileField):
    def __init__(self, label, summary_label, **kwargs):
        # Which photo, before its message in the error summary (the two messages read alike).
        self.summary_label = summary_label
        super().__init__(
            required=False,
            label=label,
            help_text=_("A photo (JPEG, PNG, HEIC or WebP), up to 10 MB."),
            **kwargs,
        )
        self.widget.attrs.update({"accept": "image/jpeg,image/png,image/webp,image/heic,image/heif"})

    def clean(self, data, initial=None):
        """The photo decoded and re-encoded now, so that one that cannot be read is refused beside its
        own field (with everything else kept), never when the request is being stored."""
        upload = super().clean(data, initial)
        return card_content(upload) if upload else None


class VerificationRequestForm(ReplyFields):
    # Nothing chosen beforehand: someone who gives only an e-mail address is written to (clean).
    preferred_contact = forms.ChoiceField(
        choices=Inquiry.ContactMethod.choices,
        required=False,
        widget=forms.RadioSelect,
        label=_("How should we reach you? (optional)"),
    )
    carrier = forms.ChoiceField(
        choices=[("", _("Choose your insurance company"))] + Carrier.choices,
        label=_("Insurance company"),
        error_messages={"required": _("Choose your insurance company")},
    )
    carrier_other = CleanCharField(
        max_length=100, required=False, label=_("Insurance company's name"), help_text=_("If you chose “Other”.")
    )
    member_id = CleanCharField(
        max_length=50,
        label=_("Member ID"),
        help_text=_(
            "The number your plan knows you by. It is on the front of your card. It may be called subscriber ID."
        ),
        error_messages={"required": _("Enter the member ID from your insurance card")},
        # Letters and digits as printed: no capital-only-first, no "corrections", no saved guesses.
        widget=forms.TextInput(attrs={"autocapitalize": "characters", "spellcheck": "false", "autocomplete": "off"}),
    )
    group_number = CleanCharField(max_length=50, required=False, label=_("Group number (optional)"))
    subscriber = forms.ChoiceField(
        choices=InsuranceVerification.Relationship.choices,
        initial=InsuranceVerification.Relationship.SELF,
        widget=forms.RadioSelect,
        label=_("Whose plan is it?"),
    )
    subscriber_name = CleanCharField(
        max_length=120,
        required=False,
        label=_("Name of the person who holds the plan"),
        help_text=_("If it is not you."),
    )
    patient_birth_date = BirthDateField(
        label=_("Date of birth of the person who needs care"),
        help_text=_("For example, 3 14 1990"),
        error_messages={"required": _("Enter the date of birth of the person who needs care")},
    )
    card_front = CardPhotoField(_("Photo of the front of your card (optional)"), _("Front of your card"))
    card_back = CardPhotoField(_("Photo of the back of your card (optional)"), _("Back of your card"))

    field_order = [
        "name", "phone", "email", "preferred_contact", "carrier", "carrier_other", "member_id", "group_number",
        "subscriber", "subscriber_name", "patient_birth_date", "card_front", "card_back", "consent", "website",
    ]  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.set_up_reply_fields()
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = Layout(
            Fieldset(_("About you"), "name", "phone", "email", "preferred_contact"),
            Fieldset(
                _("Your insurance"),
                "carrier",
                # Whether the center takes the payer chosen (Medi-Cal, Medicare), at once.
                HTML('{% include "intake/includes/payer_note.html" with chosen_carrier=form.carrier.value %}'),
                "carrier_other",
                "member_id",
                "group_number",
                "subscriber",
                "subscriber_name",
                Field("patient_birth_date", template="intake/includes/date_field.html"),
            ),
            Fieldset(_("Photos of your card"), "card_front", "card_back"),
            Fieldset(_("Permission to contact you"), Field("consent")),
            Div(Field("website"), css_class="form-honeypot", aria_hidden="true"),
            StrictButton(
                _("Ask us to check my benefits"),
                type="submit",
                name="submit",
                css_id="submit-id-submit",
                css_class="btn-brand btn-lg",
            ),
        )

    def clean(self):
        cleaned = super().clean()
        require_a_way_to_reply(self, cleaned)
        default_reply_method(cleaned)
        if cleaned.get("carrier") == Carrier.OTHER and not cleaned.get("carrier_other"):
            self.add_error("carrier_other", _("Please write the name of your insurance company."))
        if cleaned.get("subscriber") not in (None, InsuranceVerification.Relationship.SELF) and not cleaned.get(
            "subscriber_name"
        ):
            self.add_error("subscriber_name", _("Please give the name of the person who holds the plan."))
        if self.errors:
            for side in ("card_front", "card_back"):
                if self.files.get(side) and side not in self.errors:
                    self.add_error(side, CHOOSE_AGAIN)
        return cleaned
