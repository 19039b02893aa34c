"""Admin form widgets made accessible: the date and time boxes of a date-time field each get a label
a screen reader announces ("Follow-up due: date"), where Django shows only the words "Date:"/"Time:"."""

from django.contrib.admin.widgets import AdminSplitDateTime


class LabelledDateTimeMixin:
    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if formfield is not None and isinstance(formfield.widget, AdminSplitDateTime):
            date, time = formfield.widget.widgets
            label = str(formfield.label or db_field.verbose_name).capitalize()
            date.attrs["aria-label"] = f"{label}: date"
            time.attrs["aria-label"] = f"{label}: time"
        return formfield
