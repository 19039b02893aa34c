"""The census's figures for a period: by day and level, beds occupied, held, out of service and free
(program places: occupied, held, free); average length of stay and discharges by kind; the waitlist's
length by day and the days people waited. Read in a few queries and counted here: a period is at most
two years of a center's stays, thousands of rows, not millions.

How a day is counted: a stay occupies the days from its admission up to the day before its discharge
(the nights in the bed; a stay discharged on its admission day counts on that day); a hold, the days
its time touches while nobody occupies the bed. Out of service: the beds' state today, through the
date it ends (their past service is not kept). A bed serving several levels is counted under its most
intensive one."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import timedelta

from django.db.models import Q
from django.http import HttpResponse
from django.utils import timezone

from common.spreadsheets import SafeWriter

from .models import Bed, Hold, Program, Stay, WaitlistEntry, start_of


@dataclass
class Day:
    day: object
    occupied: int = 0
    held: int = 0
    out: int = 0
    free: int = 0


@dataclass
class LevelCensus:
    level: object
    capacity: int
    days: list = field(default_factory=list)


@dataclass
class Figures:
    start: object
    end: object
    census: list  # LevelCensus, most intensive first
    length_of_stay: list  # (level short name, discharges, average days)
    discharges: list  # (kind label, count)
    waitlist_by_day: list  # (day, waiting)
    waited: dict  # {"ended": n, "average": days or None, "longest": days or None}


def figures(start, end):
    days = [start + timedelta(days=n) for n in range((end - start).days + 1)]
    beds = list(Bed.objects.prefetch_related("levels"))
    primary = {bed.pk: min(bed.levels.all(), key=lambda level: level.intensity_rank, default=None) for bed in beds}
    programs = list(Program.objects.select_related("level"))
    stays = list(
        Stay.objects.overlapping(start, end).values_list(
            "bed_id", "level_id", "admitted_on", "discharged_on", named=True
        )
    )
    since, until = start_of(start), start_of(end + timedelta(days=1))
    holds = list(
        Hold.objects.filter(held_at__lt=until, until__gt=since)
        .select_related("converted_to")
        .only("bed_id", "program_id", "held_at", "until", "released_at", "converted_to__admitted_at")
    )
    levels, census = {}, {}
    for bed in beds:
        level = primary[bed.pk]
        if level is not None:
            levels[level.pk] = level
            census.setdefault(level.pk, LevelCensus(level, 0)).capacity += 1
    for program in programs:
        levels[program.level_id] = program.level
        census.setdefault(program.level_id, LevelCensus(program.level, 0)).capacity += program.places

    for entry in census.values():
        entry.days = [Day(day) for day in days]
    index = {day: n for n, day in enumerate(days)}
    occupied_beds = defaultdict(set)  # day -> bed ids
    for stay in stays:
        level_pk = primary.get(stay.bed_id).pk if stay.bed_id and primary.get(stay.bed_id) else stay.level_id
        for day in _stay_days(stay, start, end):
            if level_pk in census:
                census[level_pk].days[index[day]].occupied += 1
            if stay.bed_id:
                occupied_beds[day].add(stay.bed_id)
    for held in holds:
        ends = min(filter(None, [held.until, held.released_at, held.converted_to and held.converted_to.admitted_at]))
        level = primary.get(held.bed_id) if held.bed_id else next(p.level for p in programs if p.pk == held.program_id)
        if level is None or level.pk not in census:
            continue
        for day in days:
            if held.held_at < start_of(day + timedelta(days=1)) and ends > start_of(day):
                if held.bed_id and held.bed_id in occupied_beds[day]:
                    continue
                census[level.pk].days[index[day]].held += 1
    for bed in beds:
        if not bed.in_service and primary[bed.pk] is not None:
            for day in days:
                if bed.out_of_service_until is None or day <= bed.out_of_service_until:
                    census[primary[bed.pk].pk].days[index[day]].out += 1
    for entry in census.values():
        for day in entry.days:
            day.free = max(entry.capacity - day.occupied - day.held - day.out, 0)

    ordered = sorted(census.values(), key=lambda entry: entry.level.intensity_rank)
    return Figures(
        start=start,
        end=end,
        census=ordered,
        length_of_stay=_length_of_stay(start, end),
        discharges=_discharges(start, end),
        waitlist_by_day=_waitlist_by_day(days),
        waited=_waited(start, end),
    )


def _stay_days(stay, start, end):
    last = stay.discharged_on - timedelta(days=1) if stay.discharged_on else end
    last = max(last, stay.admitted_on) if stay.discharged_on else last
    day = max(stay.admitted_on, start)
    while day <= min(last, end):
        yield day
        day += timedelta(days=1)


def _discharged(start, end):
    return Stay.objects.filter(discharged_on__gte=start, discharged_on__lte=end)


def _length_of_stay(start, end):
    """Per level, the stays discharged in the period: how many, and their average length in days."""
    lengths = defaultdict(list)
    ranks = {}
    for name, rank, admitted, discharged in _discharged(start, end).values_list(
        "level__short_name", "level__intensity_rank", "admitted_on", "discharged_on"
    ):
        lengths[name].append((discharged - admitted).days)
        ranks[name] = rank
    return [
        (name, len(values), round(sum(values) / len(values), 1))
        for name, values in sorted(lengths.items(), key=lambda item: ranks[item[0]])
    ]


def _discharges(start, end):
    counts = Counter(_discharged(start, end).values_list("discharge_kind", flat=True))
    return [(label, counts.get(kind, 0)) for kind, label in Stay.DischargeKind.choices]


def _waitlist_by_day(days):
    """How many were waiting at the end of each day."""
    first, last = days[0], days[-1]
    entries = WaitlistEntry.objects.filter(added_at__lt=start_of(last + timedelta(days=1))).filter(
        Q(ended_at__isnull=True) | Q(ended_at__gte=start_of(first + timedelta(days=1)))
    )
    spans = [
        (timezone.localdate(added), timezone.localdate(ended) if ended else None)
        for added, ended in entries.values_list("added_at", "ended_at")
    ]
    return [(day, sum(1 for added, ended in spans if added <= day and (ended is None or ended > day))) for day in days]


def _waited(start, end):
    """Those who left the waitlist in the period: how many, and the days they waited (average, longest)."""
    ended = WaitlistEntry.objects.filter(ended_at__gte=start_of(start), ended_at__lt=start_of(end + timedelta(days=1)))
    waits = [(left - added).days for added, left in ended.values_list("added_at", "ended_at")]
    return {
        "ended": len(waits),
        "average": round(sum(waits) / len(waits), 1) if waits else None,
        "longest": max(waits, default=None),
    }


def csv_response(result):
    """The figures as a CSV download, every cell through the spreadsheet formula guard."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="census-{result.start}-{result.end}.csv"'
    writer = SafeWriter(response)
    writer.writerow(["section", "level", "day", "occupied", "held", "out of service", "free"])
    for entry in result.census:
        for day in entry.days:
            writer.writerow(
                ["census", entry.level.short_name, day.day.isoformat(), day.occupied, day.held, day.out, day.free]
            )
    writer.writerow(["section", "level", "discharges", "average length of stay (days)"])
    for name, count, average in result.length_of_stay:
        writer.writerow(["length of stay", name, count, average])
    writer.writerow(["section", "kind", "discharges"])
    for label, count in result.discharges:
        writer.writerow(["discharges by kind", label, count])
    writer.writerow(["section", "day", "waiting"])
    for day, count in result.waitlist_by_day:
        writer.writerow(["waitlist", day.isoformat(), count])
    writer.writerow(["section", "left the waitlist", "average days waited", "longest wait (days)"])
    writer.writerow(["waited", result.waited["ended"], result.waited["average"], result.waited["longest"]])
    return response
