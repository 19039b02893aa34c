"""A date typed in three boxes, month, day and year, each opening a phone's number pad: GOV.UK's date
input pattern. A single box would need "/", which the iPhone's number pad lacks."""

import datetime

from django import forms
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

PARTS = ("month", "day", "year")
PART_LABELS = {"month": _("Month"), "day": _("Day"), "year": _("Year")}
# Each missing part, or pair of parts, said in one message.
MISSING = {
    ("month",): _("Date of birth must include a month"),
    ("day",): _("Date of birth must include a day"),
    ("year",): _("Date of birth must include a year"),
    ("month", "day"): _("Date of birth must include a month and a day"),
    ("month", "year"): _("Date of birth must include a month and a year"),
    ("day", "year"): _("Date of birth must include a day and a year"),
}


class DatePartsWidget(forms.MultiWidget):
    template_name = "intake/widgets/date_parts.html"

    def __init__(self, attrs=None):
        def box(size):
            # Text, not number: no spinner, leading zeros kept, and a number pad all the same.
            return forms.TextInput(
                attrs={"inputmode": "numeric", "maxlength": size, "autocomplete": "off", "class": "form-control"}
            )

        super().__init__({"month": box(2), "day": box(2), "year": box(4)}, attrs)

    def decompress(self, value):
        return [value.month, value.day, value.year] if value else [None, None, None]

    def id_for_label(self, id_):
        # The first box: where the error summary's link lands.
        return f"{id_}_0" if id_ else ""

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        for part, subwidget in zip(PARTS, context["widget"]["subwidgets"], strict=True):
            subwidget["part"], subwidget["label"] = part, PART_LABELS[part]
        return context

    def _render(self, template_name, context, renderer=None):
        # The site's templates, not the form renderer's (which only knows Django's own).
        return mark_safe(render_to_string(template_name, context))


class BirthDateField(forms.MultiValueField):
    """A date of birth from its three boxes, as a keypad types them: "3" or "03", "1990"."""

    widget = DatePartsWidget

    def __init__(self, **kwargs):
        parts = [forms.CharField(required=False, max_length=4) for _part in PARTS]
        super().__init__(parts, require_all_fields=False, **kwargs)

    def compress(self, data_list):
        values = dict(zip(PARTS, (value.strip() for value in data_list or ["", "", ""]), strict=True))
        missing = tuple(part for part in PARTS if not values[part])
        if len(missing) == len(PARTS):
            return None  # all three empty: only reached when the date is optional (required says so first)
        if missing:
            raise forms.ValidationError(MISSING[missing], code="incomplete")
        if not all(value.isascii() and value.isdigit() for value in values.values()):
            raise forms.ValidationError(_("Date of birth must be a real date"), code="invalid")
        if len(values["year"]) != 4:
            raise forms.ValidationError(_("Year must include 4 numbers, for example 1990"), code="year")
        try:
            born = datetime.date(int(values["year"]), int(values["month"]), int(values["day"]))
        except ValueError:
            raise forms.ValidationError(_("Date of birth must be a real date"), code="invalid") from None
        if born >= timezone.localdate():
            raise forms.ValidationError(_("Date of birth must be in the past"), code="future")
        if born.year < 1900:
            raise forms.ValidationError(_("Date of birth must be after 1900"), code="too_old")
        return born
