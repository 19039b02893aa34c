from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Div, Field, Fieldset, Layout, Submit
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


NO_CONTACT = {
    "phone": _("Please give a phone number, an e-mail address below, or both, so that we can reply."),
    "email": _("Please give an e-mail address, a phone number above, or both, so that we can reply."),
}


def require_a_way_to_reply(form, cleaned):
    """A phone number or an e-mail address, and the one the person asked us to use."""
    if (
        not cleaned.get("phone")
        and not cleaned.get("email")
        and not form.has_error("phone")
        and not form.has_error("email")
    ):
        # Next to both fields, so that a screen reader hears it at either.
        form.add_error("phone", forms.ValidationError(NO_CONTACT["phone"], code="no_contact"))
        form.add_error("email", forms.ValidationError(NO_CONTACT["email"], code="no_contact"))
        return
    if cleaned.get("preferred_contact") in ("call", "text") and not cleaned.get("phone") and cleaned.get("email"):
        form.add_error("phone", _("You asked us to call or text: please add a phone number, or choose e-mail."))
    if cleaned.get("preferred_contact") == "email" and not cleaned.get("email") and cleaned.get("phone"):
        form.add_error("email", _("You asked for an e-mail: please add an e-mail address, or choose a call."))


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
        label=_("Your name"),
        help_text=_("A first name is enough."),
        error_messages={"required": _("Write your name. A first name is enough.")},
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
        error_messages={"required": _("Please agree to be contacted, so that we can reply to you.")},
    )
    # Spam control: people never see or fill `website`; `started` is a signed time stamp.
    website = forms.CharField(required=False, label=_("Leave this field empty"), max_length=200)
    started = forms.CharField(required=False, widget=forms.HiddenInput)

    def set_up_reply_fields(self):
        if not self.is_bound:
            self.initial.setdefault("started", sign_start())
        self.fields["phone"].widget.attrs.update({"autocomplete": "tel", "inputmode": "tel"})
        self.fields["email"].widget.attrs.update({"autocomplete": "email"})
        self.fields["name"].widget.attrs.update({"autocomplete": "name"})
        self.fields["website"].widget.attrs.update({"autocomplete": "off", "tabindex": "-1"})


class InquiryForm(ReplyFields, forms.ModelForm):
    """The contact form. It validates only (the inquiry as the model would take it, too): the view hands
    what it cleaned to intake.services.submit_inquiry, which stores it."""

    level = forms.ModelChoiceField(
        queryset=LevelOfCare.objects.published(),
        required=False,
        empty_label=_("Not sure"),
        label=_("Level of care you are asking about"),
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
            "preferred_contact",
            "best_time",
            "inquiry_for",
            "level",
            "payment",
            "insurance_carrier",
            "message",
        ]
        labels = {
            "preferred_contact": _("How should we reach you?"),
            "best_time": _("Best time to reach you"),
            "inquiry_for": _("Who is this for?"),
            "payment": _("How do you plan to pay?"),
        }
        widgets = {
            "preferred_contact": forms.RadioSelect,
            "inquiry_for": forms.RadioSelect,
            "payment": forms.RadioSelect,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.set_up_reply_fields()
        self.helper = FormHelper()
        # The <form> tag, CSRF token and time stamp are written by intake/includes/inquiry_form.html,
        # outside the fields, so that the blank form's rendering can be cached.
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.form_show_errors = True
        self.helper.layout = Layout(
            Fieldset(
                _("About you"),
                "name",
                "phone",
                "email",
                HTML(
                    format_lazy(
                        '<p class="form-text" id="reach-help">{}</p>', _("Give us a phone number, an e-mail, or both.")
                    )
                ),
                "preferred_contact",
                "best_time",
            ),
            Fieldset(
                _("About the care you are looking for"),
                "inquiry_for",
                "level",
                "payment",
                "insurance_carrier",
                "message",
            ),
            Fieldset(_("Permission to contact you"), Field("consent")),
            Div(Field("website"), css_class="form-honeypot", aria_hidden="true"),
            Submit("submit", _("Send to admissions"), css_class="btn-brand btn-lg"),
        )

    def clean(self):
        cleaned = super().clean()
        require_a_way_to_reply(self, cleaned)
        return cleaned
