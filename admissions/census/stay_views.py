"""Admitting from a hold, and a stay's page: its expected discharge (editable) and its discharge, a
step-down starting the next level's stay for the same person without retyping anything."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone

from census import services
from census.models import Bed, Hold, Program, Stay
from intake.models import AccessRecord
from levels.models import LevelOfCare

from .common import context, require

DATE = forms.DateInput(attrs={"type": "date"})


class AdmitForm(forms.Form):
    level = forms.ModelChoiceField(queryset=LevelOfCare.objects.none(), empty_label=None)
    admitted_on = forms.DateField(label="Admitted on", widget=DATE)
    expected_discharge_on = forms.DateField(label="Expected discharge", widget=DATE, required=False)

    def __init__(self, *args, hold, **kwargs):
        super().__init__(*args, **kwargs)
        if hold.bed_id:
            self.fields["level"].queryset = hold.bed.levels.order_by("intensity_rank")
        else:
            self.fields["level"].queryset = LevelOfCare.objects.filter(pk=hold.program.level_id)


def admit_from_hold(request, pk):
    require(request, "census.add_stay")
    held = get_object_or_404(Hold.objects.select_related("bed", "program", "inquiry"), pk=pk)
    today = timezone.localdate()
    form = AdmitForm(request.POST or None, hold=held, initial={"admitted_on": today})
    if request.method == "POST" and form.is_valid():
        try:
            stay = services.admit(
                inquiry=held.inquiry,
                level=form.cleaned_data["level"],
                bed=held.bed,
                program=held.program,
                on=form.cleaned_data["admitted_on"],
                expected_discharge_on=form.cleaned_data["expected_discharge_on"],
                by=request.user,
            )
        except ValidationError as refused:
            form.add_error(None, refused)
        else:
            messages.success(request, f"Inquiry #{held.inquiry_id} is admitted to {stay.place}.")
            return HttpResponseRedirect(stay.get_absolute_url())
    AccessRecord.record(request.user, [held.inquiry_id], AccessRecord.Action.VIEW, "admission form")
    page = context(request, f"Admit inquiry #{held.inquiry_id} to {held.place}", form=form, held=held)
    return TemplateResponse(request, "admin/census/admit.html", page)


class ExpectedForm(forms.Form):
    expected_discharge_on = forms.DateField(label="Expected discharge", widget=DATE, required=False)


class DischargeForm(forms.Form):
    discharged_on = forms.DateField(label="Discharged on", widget=DATE)
    kind = forms.ChoiceField(label="How it ended", choices=Stay.DischargeKind.choices)
    next_level = forms.ModelChoiceField(
        label="Steps down to", queryset=LevelOfCare.objects.none(), required=False, empty_label="—"
    )
    next_bed = forms.ModelChoiceField(label="In bed", queryset=Bed.objects.none(), required=False, empty_label="—")
    next_program = forms.ModelChoiceField(
        label="Or in program", queryset=Program.objects.none(), required=False, empty_label="—"
    )
    next_expected = forms.DateField(label="Expected discharge there", widget=DATE, required=False)

    def __init__(self, *args, stay, **kwargs):
        super().__init__(*args, **kwargs)
        less_intensive = LevelOfCare.objects.filter(intensity_rank__gt=stay.level.intensity_rank)
        self.fields["next_level"].queryset = less_intensive.order_by("intensity_rank")
        self.fields["next_bed"].queryset = Bed.objects.filter(in_service=True, levels__in=less_intensive).distinct()
        self.fields["next_program"].queryset = Program.objects.filter(is_active=True, level__in=less_intensive)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("kind") == Stay.DischargeKind.STEPPED_DOWN:
            if not cleaned.get("next_level"):
                self.add_error("next_level", "Choose the level they step down to.")
            if bool(cleaned.get("next_bed")) == bool(cleaned.get("next_program")):
                self.add_error("next_bed", "Choose a bed or a program place for the next level (one of them).")
        else:
            cleaned.update(next_level=None, next_bed=None, next_program=None, next_expected=None)
        return cleaned


def stay(request, pk):
    require(request, "census.view_stay")
    stay = get_object_or_404(Stay.objects.select_related("bed", "program", "level", "inquiry"), pk=pk)
    may_change = request.user.has_perm("census.change_stay")
    expected = ExpectedForm(
        request.POST if "expected" in request.POST else None,
        initial={"expected_discharge_on": stay.expected_discharge_on},
    )
    discharge = DischargeForm(
        request.POST if "discharge" in request.POST else None,
        stay=stay,
        initial={"discharged_on": timezone.localdate()},
    )
    if request.method == "POST" and may_change:
        done = _save(request, stay, expected, discharge)
        if done:
            return HttpResponseRedirect(done)
    AccessRecord.record(request.user, [stay.inquiry_id], AccessRecord.Action.VIEW, "stay")
    following = Stay.objects.filter(Q(stepped_down_from=stay)).first()
    page = context(
        request,
        f"Stay of inquiry #{stay.inquiry_id}",
        stay=stay,
        expected=expected,
        discharge=discharge,
        following=following,
        may_change=may_change,
    )
    return TemplateResponse(request, "admin/census/stay.html", page)


def _save(request, stay, expected, discharge):
    """The address to go to after a save that went through; None to show the page again."""
    try:
        if expected.is_bound and expected.is_valid():
            services.set_expected_discharge(
                stay=stay, on=expected.cleaned_data["expected_discharge_on"], by=request.user
            )
            messages.success(request, "The expected discharge is saved.")
            return stay.get_absolute_url()
        if discharge.is_bound and discharge.is_valid():
            data = discharge.cleaned_data
            following = services.discharge(
                stay=stay,
                on=data["discharged_on"],
                kind=data["kind"],
                by=request.user,
                next_level=data["next_level"],
                next_bed=data["next_bed"],
                next_program=data["next_program"],
                next_expected=data["next_expected"],
            )
            if following is not None:
                messages.success(
                    request, f"Discharged, and admitted to {following.place} ({following.level.short_name})."
                )
                return following.get_absolute_url()
            messages.success(request, "Discharged.")
            return reverse("admin:census:board")
    except ValidationError as refused:
        (expected if expected.is_bound else discharge).add_error(None, refused)
    return None
