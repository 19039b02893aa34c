"""The bed board (today and the next 14 days, filtered: "men, detox, Thursday"), and holding or
releasing a bed or place from it in one click."""

from datetime import date, timedelta

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from census import board as census_board
from census import services
from census.models import Bed, Hold, Program, Serves
from intake.models import AccessRecord

from .common import back_to, context, inquiry_from, require

SEXES = [("", "Anyone"), (Serves.MEN.value, "Men"), (Serves.WOMEN.value, "Women")]


class BoardFilter(forms.Form):
    sex = forms.ChoiceField(label="For", choices=SEXES, required=False)
    level = forms.ModelChoiceField(label="Level", queryset=None, required=False, empty_label="All levels")
    day = forms.ChoiceField(label="Day", required=False)
    accessible = forms.BooleanField(label="Accessible only", required=False)

    def __init__(self, *args, today, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["level"].queryset = census_board.board_levels()
        self.fields["level"].label_from_instance = lambda level: level.short_name
        days = [today + timedelta(days=n) for n in range(census_board.DAYS)]
        self.fields["day"].choices = [("", "Today and the next 14 days")] + [
            (day.isoformat(), date_format(day, "D, M j")) for day in days
        ]


def board(request):
    require(request, "census.view_bed")
    now = timezone.now()
    services.notice_expired_holds(now)  # a hold that passed since the last look tells the waitlist now
    inquiry = inquiry_from(request.GET.get("inquiry"))
    data = request.GET.copy()
    if inquiry is not None and "filtered" not in data:
        # Opened from the inquiry (Find a bed): what fits them.
        level = census_board.level_for(inquiry)
        data.update({"sex": census_board.sex_for(inquiry), "level": level.pk if level else ""})
    form = BoardFilter(data, today=timezone.localdate(now))
    chosen = form.cleaned_data if form.is_valid() else {}
    day = chosen.get("day")
    today = timezone.localdate(now)
    first = date.fromisoformat(day) if day else today
    result = census_board.build(
        sex=chosen.get("sex", ""),
        level=chosen.get("level"),
        accessible=chosen.get("accessible", False),
        first=first,
        days=1 if day else census_board.DAYS,
        now=now,
    )
    holds = Hold.objects.live(now).select_related("bed", "program").order_by("until")
    if inquiry is not None:
        AccessRecord.record(request.user, [inquiry.pk], AccessRecord.Action.VIEW, "bed board")
    AccessRecord.record_list(request.user, AccessRecord.Action.LIST, "bed board")
    page = context(
        request,
        "Bed board",
        form=form,
        board=result,
        day=first if day else None,
        inquiry=inquiry,
        holds=list(holds),
        # This inquiry's holds, past ones too: a hold that ran out or was released reads "released".
        inquiry_holds=list(inquiry.holds.select_related("bed", "program")[:10]) if inquiry else [],
        now=now,
        may_hold=request.user.has_perm("census.add_hold"),
        here=request.get_full_path(),
        columns=len(result.days) + (2 if inquiry is not None else 1),
        holds_from_here=first == today,
    )
    return TemplateResponse(request, "admin/census/board.html", page)


def hold(request):
    """Hold a bed or a place for an inquiry, from the board (POST). Refused, saying so, when someone
    took it meanwhile."""
    require(request, "census.add_hold")
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    inquiry = inquiry_from(request.POST.get("inquiry"))
    board_url = reverse("admin:census:board")
    if inquiry is None:
        messages.error(request, "Open the board from an inquiry (Find a bed) to hold a bed for it.")
        return HttpResponseRedirect(board_url)
    bed = _chosen(Bed, request.POST.get("bed"))
    program = _chosen(Program, request.POST.get("program"))
    back = back_to(request, f"{board_url}?inquiry={inquiry.pk}")
    try:
        held = services.hold(inquiry=inquiry, bed=bed, program=program, by=request.user)
    except ValidationError as refused:
        messages.error(request, " ".join(refused.messages))
        return HttpResponseRedirect(back)
    until = date_format(timezone.localtime(held.until), "D, M j, g:i A")
    messages.success(request, f"{held.place} is held for inquiry #{inquiry.pk} until {until}.")
    return HttpResponseRedirect(back)


def release(request, pk):
    require(request, "census.change_hold")
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    held = get_object_or_404(Hold.objects.select_related("bed", "program"), pk=pk)
    if services.release(hold=held, by=request.user):
        messages.success(request, f"The hold on {held.place} is released.")
    else:
        messages.info(request, f"The hold on {held.place} was already released.")
    return HttpResponseRedirect(back_to(request, reverse("admin:census:board")))


def _chosen(model, value):
    if not value:
        return None
    if not str(value).isdigit():
        return None
    return get_object_or_404(model, pk=value)
