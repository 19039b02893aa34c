"""The census figures for a period: charts drawn on the server (as the speed-to-lead dashboard's),
each with its table, and the CSV through the spreadsheet formula guard. Figures only: nobody named."""

from django.template.response import TemplateResponse

from admissions.dashboard import charts
from admissions.dashboard.views import PeriodForm, default_period
from census.figures import csv_response, figures
from intake.models import AccessRecord

from .common import context, require


def figures_page(request):
    require(request, "census.view_stay")
    start, end = default_period()
    form = PeriodForm(request.GET or None, initial={"start": start, "end": end})
    if request.GET and form.is_valid():
        start, end = form.cleaned_data["start"], form.cleaned_data["end"]
    result = figures(start, end)
    AccessRecord.record_list(request.user, AccessRecord.Action.LIST, "census figures (figures only)")
    if request.GET.get("format") == "csv" and form.is_bound and form.is_valid():
        return csv_response(result)
    census_charts = [
        (entry, charts.columns([(day.day.strftime("%b %-d"), day.occupied) for day in entry.days]))
        for entry in result.census
    ]
    page = context(
        request,
        "Census figures",
        form=form,
        result=result,
        start=start,
        end=end,
        census_charts=census_charts,
        length_chart=charts.rows([(name, average) for name, _, average in result.length_of_stay]),
        discharge_chart=charts.rows(result.discharges),
        waitlist_chart=charts.columns([(day.strftime("%b %-d"), count) for day, count in result.waitlist_by_day]),
        csv_query=f"start={start.isoformat()}&end={end.isoformat()}&format=csv",
    )
    return TemplateResponse(request, "admin/census/figures.html", page)
