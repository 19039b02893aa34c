import re

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from phonenumber_field.formfields import PhoneNumberField

from .images import reencoded, refuse_if_too_large, validate_picture
from .models import Picture, SiteSettings

# What a typed phone number may hold besides digits.
_PHONE_CHARACTERS = re.compile(r"^[\d\s().+\-]*$")


class DigitsPhoneNumberField(PhoneNumberField):
    """A phone number typed with digits: the phone library reads letters as keypad digits ("O" as
    6), and a typo must not become a number every page dials."""

    def to_python(self, value):
        if isinstance(value, str) and not _PHONE_CHARACTERS.match(value.strip()):
            raise ValidationError(
                "Use digits only (spaces, dashes, dots and brackets are fine): “%(typed)s” has a letter or "
                "another sign in it. A letter O in place of a zero is a common slip.",
                code="letters",
                params={"typed": value},
            )
        return super().to_python(value)


def _https_addresses(field, **kwargs):
    """An address typed without a scheme is taken as https (as Django 6 will)."""
    if isinstance(field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    return field.formfield(**kwargs)


class SiteSettingsForm(forms.ModelForm):
    class Meta:
        formfield_callback = _https_addresses
        model = SiteSettings
        # The admin takes its fields from its fieldsets. Naming fields here would make
        # django-modeltranslation copy them onto the admin, which the admin's checks then refuse.
        exclude = []  # noqa: DJ006 (the admin passes the fieldsets fields)
        field_classes = {
            "helpline": DigitsPhoneNumberField,
            "text_line": DigitsPhoneNumberField,
            "callback_number": DigitsPhoneNumberField,
            "civil_rights_phone": DigitsPhoneNumberField,
        }


class PictureUploadField(forms.ImageField):
    """The size is checked before the file is read, and a file that is no picture is named plainly."""

    default_error_messages = {
        "invalid_image": "This file is not a picture this site can read. Upload a JPEG, PNG or WebP picture.",
    }

    def to_python(self, data):
        if data is not None and hasattr(data, "size"):
            refuse_if_too_large(data)
        upload = super().to_python(data)
        if upload is not None:
            # Checked (format, size, pixels) and decoded now, so a file cut short is refused beside the
            # field rather than failing the save; the save keeps the result.
            validate_picture(upload)
            upload.reencoded = reencoded(upload)
        return upload


class PictureForm(forms.ModelForm):
    class Meta:
        model = Picture
        fields = ["name", "original", "alt_text_en", "alt_text_es", "is_decorative"]
        field_classes = {"original": PictureUploadField}
