"""The inquiry admin's form: how an inquiry staff enter reached them, and no status move that claims a
contact nobody logged (the rule is the pipeline's, `services.unlogged_contact`; said here beside the
field before anything is saved)."""

from django import forms
from django.utils.translation import gettext

from intake import services
from intake.models import Inquiry


class InquiryForm(forms.ModelForm):
    class Meta:
        model = Inquiry
        fields = ["channel", "received_as", "status"]  # those clean() reads; the admin names those it shows

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("channel") == Inquiry.Channel.EMAIL and cleaned.get("received_as") == Inquiry.ReceivedAs.LIVE:
            self.add_error(
                "received_as",
                gettext("An e-mail is a message left for us: choose “%(message)s”.")
                % {"message": Inquiry.ReceivedAs.MESSAGE.label},
            )
        if "status" in cleaned and self.instance.pk:
            # The instance still holds the saved status here (the form's values are set on it after clean).
            problem = services.unlogged_contact(
                inquiry=self.instance, before=self.instance.status, status=cleaned["status"]
            )
            if problem:
                self.add_error("status", problem)
        return cleaned
