"""Staff pages of the admissions inbox that are not a model's list or form: the speed-to-lead
dashboard. Served inside the admin (its login, idle logout and look), for admissions and superusers."""

from datetime import timedelta

from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.utils import timezone

from . import charts
from .figures import csv_response, figures

LONGEST_PERIOD = timedelta(days=731)
# Inquiries exist from the site's first years to today: a period far outside has nothing to show,
# and one at the end of the calendar cannot be counted in days after it.
FIRST_YEAR = 2000


def _last_year():
    return timezone.localdate().year + 1


def _within_years(value):
    if not FIRST_YEAR <= value.year <= _last_year():
        raise forms.ValidationError(f"Choose a date between {FIRST_YEAR} and {_last_year()}.")


class PeriodForm(forms.Form):
    start = forms.DateField(label="From", widget=forms.DateInput(attrs={"type": "date"}), validators=[_within_years])
    end = forms.DateField(label="To", widget=forms.DateInput(attrs={"type": "date"}), validators=[_within_years])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs.update(min=f"{FIRST_YEAR}-01-01", max=f"{_last_year()}-12-31")

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end:
            if end < start:
                self.add_error("end", "The end of the period comes before its start.")
            elif end - start > LONGEST_PERIOD:
                self.add_error("end", "Choose a period of at most two years.")
        return cleaned


def default_period():
    today = timezone.localdate()
    return today - timedelta(days=29), today


def dashboard(request, admin_site):
    if not request.user.has_perm("intake.view_inquiry"):
        raise PermissionDenied
    start, end = default_period()
    form = PeriodForm(request.GET or None, initial={"start": start, "end": end})
    if request.GET and form.is_valid():
        start, end = form.cleaned_data["start"], form.cleaned_data["end"]
    result = figures(start, end)
    if request.GET.get("format") == "csv" and form.is_bound and form.is_valid():
        return csv_response(result)
    total = result.total
    funnel = [
        ("Inquiries", total.inquiries),
        ("Reached", total.contacted),
        ("Assessment scheduled", total.assessed),
        ("Admitted", total.admitted),
    ]
    context = {
        **admin_site.each_context(request),
        "title": "Speed to lead",
        "form": form,
        "result": result,
        "start": start,
        "end": end,
        "funnel": funnel,
        "by_day_chart": charts.columns([(day.strftime("%b %-d"), count) for day, count in result.by_day]),
        "funnel_chart": charts.rows(funnel),
        "target": f"{settings.INTAKE_RESPONSE_TARGET_MINUTES}-minute",
        "csv_query": f"start={start.isoformat()}&end={end.isoformat()}&format=csv",
    }
    return TemplateResponse(request, "admin/intake/dashboard.html", context)
