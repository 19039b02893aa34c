from crispy_forms.bootstrap import StrictButton
from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Div, Field, Fieldset, Layout
from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from phonenumber_field.formfields import PhoneNumberField

from levels.models import LevelOfCare

from .models import Inquiry
from .spam import sign_start
from .text import strip_control

CONSENT_TEXT = _(
    "I agree that the admissions team may contact me by the phone number or e-mail "
    "I gave, about treatment options. This is not a commitment to treatment."
)


# Said once, beside the phone box that opens the pair (and once in the error summary).
NO_CONTACT = _("Enter a phone number or an e-mail address")


def require_a_way_to_reply(form, cleaned):
    """A phone number or an e-mail address, and the one the person asked us to use."""
    if (
        not cleaned.get("phone")
        and not cleaned.get("email")
        and not form.has_error("phone")
        and not form.has_error("email")
    ):
        form.add_error("phone", forms.ValidationError(NO_CONTACT, code="no_contact"))
        # The e-mail box is half of the answer: a screen reader there hears the same message.
        form.fields["email"].widget.attrs.update(
            {"aria-describedby": f"{form['phone'].auto_id}_error", "aria-invalid": "true"}
        )
        return
    if cleaned.get("preferred_contact") in ("call", "text") and not cleaned.get("phone") and cleaned.get("email"):
        form.add_error("phone", _("You asked us to call or text: add a phone number, or choose e-mail."))
    if cleaned.get("preferred_contact") == "email" and not cleaned.get("email") and cleaned.get("phone"):
        form.add_error("email", _("You asked for an e-mail: add an e-mail address, or choose a call."))


def default_reply_method(cleaned):
    """No way to reply chosen: an e-mail when that is all the person gave, else a call."""
    if not cleaned.get("preferred_contact"):
        reach_by_email = cleaned.get("email") and not cleaned.get("phone")
        cleaned["preferred_contact"] = Inquiry.ContactMethod.EMAIL if reach_by_email else Inquiry.ContactMethod.CALL


class CleanCharField(forms.CharField):
    """A CharField that drops control characters before validating."""

    def __init__(self, *args, multiline=False, **kwargs):
        self.multiline = multiline
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        return strip_control(super().to_python(value), multiline=self.multiline)


class ReplyFields(forms.Form):
    """Who is asking and how to reply, their consent and the spam trap: the contact form's and the
    insurance form's alike."""

    name = CleanCharField(
        max_length=100,
        label=_("First name"),
        help_text=_("Only a first name is needed."),
        error_messages={"required": _("Enter your first name")},
    )
    phone = PhoneNumberField(
        region="US",
        required=False,
        label=_("Phone"),
        help_text=_("A US number, or an international one starting with +."),
        error_messages={"invalid": _("Enter a valid phone number, for example (818) 555-0134.")},
    )
    # Our own words for Django's error (its Spanish says "Introduzca…"; the site says "Escriba…").
    email = forms.EmailField(
        max_length=254,
        required=False,
        label=_("E-mail"),
        error_messages={"invalid": _("Write a whole e-mail address, for example name@example.com.")},
    )
    consent = forms.BooleanField(
        label=CONSENT_TEXT,
        error_messages={"required": _("Check the box to let us contact you")},
    )
    # Spam control: people never see or fill `website`; `started` is a signed time stamp.
    website = forms.CharField(required=False, label=_("Leave this field empty"), max_length=200)
    started = forms.CharField(required=False, widget=forms.HiddenInput)

    def set_up_reply_fields(self):
        if not self.is_bound:
            self.initial.setdefault("started", sign_start())
        self.fields["phone"].widget.attrs.update({"autocomplete": "tel", "inputmode": "tel"})
        self.fields["email"].widget.attrs.update({"autocomplete": "email"})
        self.fields["name"].widget.attrs.update({"autocomplete": "given-name"})
        self.fields["website"].widget.attrs.update({"autocomplete": "off", "tabindex": "-1"})


# The contact form's questions a visitor may skip, after its first button; left empty, each takes
# the inquiry's default (a preferred contact method follows from what they gave).
OPTIONAL_DEFAULTS = {
    "best_time": Inquiry.BestTime.ANY,
    "inquiry_for": Inquiry.For.MYSELF,
    "payment": Inquiry.Payment.NOT_SURE,
    "voicemail_ok": Inquiry.Voicemail.UNANSWERED,
}


class InquiryForm(ReplyFields, forms.ModelForm):
    """The contact form: a first name, a phone or an e-mail and consent, then a send button; every other
    question is optional and comes after it. It validates only (the inquiry as the model would take it,
    too): the view hands what it cleaned to intake.services.submit_inquiry, which stores it."""

    voicemail_ok = forms.ChoiceField(
        required=False,
        choices=[
            (Inquiry.Voicemail.YES, _("Yes")),
            (Inquiry.Voicemail.NO, _("No")),
            (Inquiry.Voicemail.NOT_SURE, _("I don't know yet")),
        ],
        widget=forms.RadioSelect,
        label=_("Is it safe to leave a voicemail or a text that names us? (optional)"),
        help_text=_("If not, we will not leave a message that names the center."),
    )
    level = forms.ModelChoiceField(
        queryset=LevelOfCare.objects.published(),
        required=False,
        empty_label=_("Not sure"),
        label=_("Level of care you are asking about (optional)"),
        to_field_name="slug",
    )
    insurance_carrier = CleanCharField(
        max_length=100,
        required=False,
        label=_("Insurance carrier (optional)"),
        help_text=_("For example, Aetna or Blue Shield."),
    )
    message = CleanCharField(
        max_length=2000,
        required=False,
        multiline=True,
        label=_("Anything you would like us to know (optional)"),
        help_text=_(
            "Up to 2,000 characters. Please do not include medical details you would rather "
            "not share in writing; we can talk by phone."
        ),
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    class Meta:
        model = Inquiry
        fields = [
            "name",
            "phone",
            "email",
            "voicemail_ok",
            "preferred_contact",
            "best_time",
            "inquiry_for",
            "level",
            "payment",
            "insurance_carrier",
            "message",
        ]
        labels = {
            "preferred_contact": _("How should we reach you? (optional)"),
            "best_time": _("Best time to reach you (optional)"),
            "inquiry_for": _("Who is this for? (optional)"),
            "payment": _("How do you plan to pay? (optional)"),
        }
        widgets = {
            "preferred_contact": forms.RadioSelect,
            "inquiry_for": forms.RadioSelect,
            "payment": forms.RadioSelect,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.set_up_reply_fields()
        for name in ("preferred_contact", *OPTIONAL_DEFAULTS):
            field = self.fields[name]
            field.required = False
            # The model's choices carry a blank ("---------") once optional: radios need none.
            field.choices = [choice for choice in field.choices if choice[0]]
        # None is chosen for them: a method they did not choose must not stop the form.
        self.fields["preferred_contact"].initial = None
        self.helper = FormHelper()
        # The <form> tag, CSRF token and time stamp are written by intake/includes/inquiry_form.html,
        # outside the fields, so that the blank form's rendering can be cached.
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.form_show_errors = True
        self.helper.layout = Layout(
            "name",
            Fieldset(
                _("How can we reach you?"),
                HTML(
                    format_lazy(
                        '<p class="form-text" id="reach-help">{}</p>', _("A phone number, an e-mail address, or both.")
                    )
                ),
                "phone",
                "email",
                css_class="reach-fields",
                aria_describedby="reach-help",
            ),
            Field("consent"),
            StrictButton(
                _("Send to admissions"),
                type="submit",
                name="submit",
                css_id="submit-id-submit",
                css_class="btn-brand btn-lg",
            ),
            Fieldset(
                _("Tell us more (optional)"),
                HTML(
                    format_lazy(
                        '<p class="form-text">{}</p>',
                        _("You can send the form now, or answer any of these first. They help us prepare."),
                    )
                ),
                "voicemail_ok",
                "preferred_contact",
                "best_time",
                "inquiry_for",
                "level",
                "payment",
                "insurance_carrier",
                "message",
                css_class="optional-fields",
            ),
            Div(Field("website"), css_class="form-honeypot", aria_hidden="true"),
            StrictButton(
                _("Send to admissions"),
                type="submit",
                name="send",
                css_id="submit-id-send",
                css_class="btn-brand btn-lg",
            ),
        )

    def clean(self):
        cleaned = super().clean()
        require_a_way_to_reply(self, cleaned)
        for name, default in OPTIONAL_DEFAULTS.items():
            if not cleaned.get(name):
                cleaned[name] = default
        default_reply_method(cleaned)
        return cleaned
