"""The waitlist: worked as a queue (priority, then who has waited longest), with follow-ups; joining
it from an inquiry; one person's entry (follow-up, priority, which a clinician may raise with a
reason, and taking them off)."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone

from census import board as census_board
from census import waitlist
from census.models import Program, WaitlistEntry
from intake.models import AccessRecord
from levels.models import LevelOfCare
from staff.groups import admissions_staff

from .common import context, inquiry_from, require


class QueueFilter(forms.Form):
    level = forms.ModelChoiceField(label="Level", queryset=None, required=False, empty_label="All levels")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["level"].queryset = LevelOfCare.objects.order_by("intensity_rank")
        self.fields["level"].label_from_instance = lambda level: level.short_name


def waitlist_page(request):
    require(request, "census.view_waitlistentry")
    form = QueueFilter(request.GET or None)
    level = form.cleaned_data.get("level") if form.is_valid() else None
    now = timezone.now()
    entries = list(waitlist.queue(level))
    AccessRecord.record_list(request.user, AccessRecord.Action.LIST, "waitlist")
    page = context(request, "Waitlist", form=form, entries=entries, now=now)
    return TemplateResponse(request, "admin/census/waitlist.html", page)


class JoinForm(forms.Form):
    level = forms.ModelChoiceField(label="Level", queryset=None, empty_label=None)
    program = forms.ModelChoiceField(
        label="Program (for a day level)", queryset=None, required=False, empty_label="Any"
    )
    waiting_for = forms.CharField(
        label="Waiting for", max_length=200, help_text="E.g. “a women's detox bed, accessible”."
    )
    owner = forms.ModelChoiceField(label="Held by", queryset=None, required=False, empty_label="Me")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["level"].queryset = LevelOfCare.objects.order_by("intensity_rank")
        self.fields["level"].label_from_instance = lambda level: level.short_name
        self.fields["program"].queryset = Program.objects.filter(is_active=True).select_related("level")
        self.fields["owner"].queryset = admissions_staff()


def add(request):
    require(request, "census.add_waitlistentry")
    inquiry = inquiry_from(request.GET.get("inquiry") or request.POST.get("inquiry"))
    if inquiry is None:
        raise Http404("Add to the waitlist from an inquiry's page.")
    level = census_board.level_for(inquiry)
    form = JoinForm(request.POST or None, initial={"level": level.pk if level else None})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            entry = waitlist.join(
                inquiry=inquiry,
                level=data["level"],
                program=data["program"],
                waiting_for=data["waiting_for"],
                owner=data["owner"] or request.user,
                by=request.user,
            )
        except ValidationError as refused:
            form.add_error(None, refused)
        else:
            messages.success(request, f"Inquiry #{inquiry.pk} is on the waitlist for {entry.level.short_name}.")
            return HttpResponseRedirect(f"{reverse('admin:census:waitlist')}#entry-{entry.pk}")
    AccessRecord.record(request.user, [inquiry.pk], AccessRecord.Action.VIEW, "waitlist form")
    page = context(request, f"Add inquiry #{inquiry.pk} to the waitlist", form=form, inquiry=inquiry)
    return TemplateResponse(request, "admin/census/waitlist_add.html", page)


class FollowUpForm(forms.Form):
    follow_up_at = forms.DateTimeField(
        label="Follow-up due", required=False, widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    follow_up_step = forms.CharField(label="Next step", max_length=200, required=False)
    owner = forms.ModelChoiceField(label="Held by", queryset=None)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = admissions_staff()


class PriorityForm(forms.Form):
    priority = forms.TypedChoiceField(label="Priority", choices=WaitlistEntry.Priority.choices, coerce=int)
    reason = forms.CharField(label="Why", max_length=300, required=False)


class EndForm(forms.Form):
    reason = forms.ChoiceField(label="Why they leave the waitlist", choices=WaitlistEntry.EndReason.choices)


def entry(request, pk):
    require(request, "census.view_waitlistentry")
    found = get_object_or_404(WaitlistEntry.objects.select_related("level", "program", "owner"), pk=pk)
    may_change = request.user.has_perm("census.change_waitlistentry")
    may_prioritise = waitlist.may_set_priority(request.user)
    sent = request.POST.get("form")
    follow_up = FollowUpForm(
        request.POST if sent == "follow_up" else None,
        initial={"follow_up_at": found.follow_up_at, "follow_up_step": found.follow_up_step, "owner": found.owner_id},
    )
    priority = PriorityForm(
        request.POST if sent == "priority" else None,
        initial={"priority": found.priority, "reason": found.priority_reason},
    )
    ending = EndForm(request.POST if sent == "end" else None)
    if request.method == "POST":
        done = _save(request, found, sent, follow_up, priority, ending, may_change, may_prioritise)
        if done:
            return HttpResponseRedirect(done)
    AccessRecord.record(request.user, [found.inquiry_id], AccessRecord.Action.VIEW, "waitlist entry")
    page = context(
        request,
        f"Waitlist entry #{found.pk}",
        entry=found,
        follow_up=follow_up,
        priority=priority,
        ending=ending,
        may_change=may_change,
        may_prioritise=may_prioritise,
        now=timezone.now(),
    )
    return TemplateResponse(request, "admin/census/waitlist_entry.html", page)


def _save(request, found, sent, follow_up, priority, ending, may_change, may_prioritise):
    here = reverse("admin:census:waitlist_entry", args=[found.pk])
    if sent == "priority" and may_prioritise and priority.is_valid():
        try:
            waitlist.set_priority(
                entry=found,
                priority=priority.cleaned_data["priority"],
                reason=priority.cleaned_data["reason"],
                by=request.user,
            )
        except ValidationError as refused:
            priority.add_error("reason", refused)
            return None
        messages.success(request, f"Priority set to {found.get_priority_display().lower()}.")
        return here
    if not may_change:
        return None
    if sent == "follow_up" and follow_up.is_valid():
        data = follow_up.cleaned_data
        waitlist.set_follow_up(
            entry=found, at=data["follow_up_at"], step=data["follow_up_step"], owner=data["owner"], by=request.user
        )
        messages.success(request, "The follow-up is saved.")
        return here
    if sent == "end" and ending.is_valid():
        waitlist.end(entry=found, reason=ending.cleaned_data["reason"], by=request.user)
        messages.success(request, f"Inquiry #{found.inquiry_id} is off the waitlist.")
        return reverse("admin:census:waitlist")
    return None
