"""Admin form widgets made accessible: the date and time boxes of a date-time field each get a label
a screen reader announces ("Follow-up due: date"), where Django shows only the words "Date:"/"Time:".
And a date and time is kept within the years Python can read back: 9999-12-31 23:59 here is in year
10000 in UTC, which the database would store and no page could then show."""

from django import forms
from django.contrib.admin.widgets import AdminSplitDateTime
from django.utils import timezone

from core.unreadable_input import FIRST_YEAR, LAST_YEAR


def within_readable_years(value):
    if value is not None and not FIRST_YEAR <= timezone.localtime(value).year <= LAST_YEAR:
        raise forms.ValidationError(f"Choose a date between the years {FIRST_YEAR} and {LAST_YEAR}.")


class LabelledDateTimeMixin:
    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if formfield is not None and isinstance(formfield.widget, AdminSplitDateTime):
            date, time = formfield.widget.widgets
            label = str(formfield.label or db_field.verbose_name).capitalize()
            date.attrs["aria-label"] = f"{label}: date"
            time.attrs["aria-label"] = f"{label}: time"
        if isinstance(formfield, forms.DateTimeField | forms.SplitDateTimeField):
            formfield.validators.append(within_readable_years)
        return formfield
