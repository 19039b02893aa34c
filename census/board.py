"""The bed board: each bed and each program's places, today and the next 14 days.

A bed on a day is out of service, occupied (or expected to free up, from the stay's expected
discharge date on), held, or free. A program on a day has its places in use (stays and holds) and
free. Read in a fixed number of queries, however many beds and stays: the beds with their levels,
the stays and live holds that touch the fortnight, the programs, their stays and holds."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import timedelta

from django.db.models import Prefetch, Q
from django.utils import timezone

from intake.models import Inquiry
from levels.models import LevelOfCare
from screening.models import Screen
from screening.services import level_status

from .models import Bed, Hold, Program, Serves, Stay, start_of

DAYS = 15  # today and the next 14

FREE, HELD, OCCUPIED, LEAVING, OUT = "free", "held", "occupied", "leaving", "out"
STATE_LABELS = {
    FREE: "Free",
    HELD: "Held",
    OCCUPIED: "Occupied",
    LEAVING: "Expected to free up",
    OUT: "Out of service",
}
SEX_LABELS = {Serves.MEN: "men", Serves.WOMEN: "women"}


@dataclass
class Cell:
    day: object
    state: str
    stay_id: int | None = None

    @property
    def label(self):
        return STATE_LABELS[self.state]


@dataclass
class BedRow:
    bed: Bed
    cells: list
    also: list  # the bed's other levels' short names

    @property
    def free_now(self):
        return self.cells[0].state == FREE


@dataclass
class Group:
    level: LevelOfCare
    serves: str
    rows: list = field(default_factory=list)

    @property
    def serves_label(self):
        return Serves(self.serves).label

    def count(self, index, *states):
        return sum(1 for row in self.rows if row.cells[index].state in states)

    @property
    def free_by_day(self):
        return [self.count(index, FREE) for index in range(len(self.rows[0].cells))] if self.rows else []


@dataclass
class ProgramDay:
    day: object
    in_use: int
    held: int
    leaving: int
    places: int

    @property
    def free(self):
        return max(self.places - self.in_use - self.held - self.leaving, 0)


@dataclass
class ProgramRow:
    program: Program
    days: list

    @property
    def free_now(self):
        return self.days[0].free > 0


@dataclass
class Board:
    days: list
    groups: list
    programs: list


def sex_for(inquiry):
    """Men or women for a bed, from the patient's sex assigned at birth (recorded "as used for bed
    assignment"); "" when it is not said or is neither (intersex): the coordinator decides."""
    return {Inquiry.SexAtBirth.MALE: Serves.MEN, Inquiry.SexAtBirth.FEMALE: Serves.WOMEN}.get(
        inquiry.patient_sex_at_birth, ""
    )


def level_for(inquiry):
    """The level the inquiry's person needs, as far as it is known: the pre-admission screen's level
    (confirmed by a clinician, else provisional: screening.services.level_status decides), else the
    level they asked about. One query; the screen's encrypted notes are not read."""
    screen = (
        Screen.objects.filter(inquiry=inquiry)
        .select_related(
            "confirmationsection__level",
            "confirmationsection__confirmed_by",
            "levelsection__chosen_level",
            "levelsection__proposed_level",
        )
        .defer("confirmationsection__note", "levelsection__reason")
        .first()
    )
    if screen is not None:
        _, level = level_status(screen)
        if level is not None:
            return level
    return inquiry.level


def build(*, sex="", level=None, accessible=False, first=None, days=DAYS, now=None):
    """The board from `first` (today by default) for `days` days, filtered: beds for `sex` (men or
    women: theirs and those for anyone), of `level`, accessible."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    first = first or today
    dates = [first + timedelta(days=n) for n in range(days)]
    last = dates[-1]
    bounds = {day: (start_of(day), start_of(day + timedelta(days=1))) for day in dates}

    beds = Bed.objects.prefetch_related(
        Prefetch("levels", queryset=LevelOfCare.objects.only("pk", "short_name", "name", "intensity_rank"))
    )
    programs = Program.objects.filter(is_active=True).select_related("level")
    if sex in SEX_LABELS:
        beds = beds.filter(serves__in=[sex, Serves.ANY])
    if level is not None:
        beds = beds.filter(levels=level)
        programs = programs.filter(level=level)
    if accessible:
        beds = beds.filter(accessible=True)
    beds = list(beds)

    stays = defaultdict(list)
    for stay in (
        Stay.objects.overlapping(first, last)
        .filter(bed__in=[bed.pk for bed in beds])
        .values_list("pk", "bed_id", "admitted_on", "discharged_on", "expected_discharge_on", named=True)
    ):
        stays[stay.bed_id].append(stay)
    holds = defaultdict(list)
    for held in (
        _live_holds(now, first, last)
        .filter(bed__in=[bed.pk for bed in beds])
        .values_list("bed_id", "held_at", "until", named=True)
    ):
        holds[held.bed_id].append(held)

    groups = {}
    for bed in beds:
        bed_levels = list(bed.levels.all())
        row_levels = [each for each in bed_levels if level is None or each.pk == level.pk]
        row = BedRow(
            bed, [Cell(day, *_bed_state(bed, day, bounds[day], stays[bed.pk], holds[bed.pk])) for day in dates], []
        )
        for each in row_levels:
            others = [other.short_name for other in bed_levels if other.pk != each.pk]
            key = (each.intensity_rank, each.pk, bed.serves)
            groups.setdefault(key, Group(each, bed.serves)).rows.append(BedRow(row.bed, row.cells, others))
    ordered = [groups[key] for key in sorted(groups, key=lambda key: (key[0], key[1], _serves_order(key[2])))]

    return Board(days=dates, groups=ordered, programs=_programs(list(programs), dates, bounds, now))


def _serves_order(serves):
    return [Serves.MEN, Serves.WOMEN, Serves.ANY].index(serves)


def _live_holds(now, first, last):
    """Holds still holding that touch the days first..last."""
    return Hold.objects.live(now).filter(held_at__lt=_day_end(last))


def _day_end(day):
    return start_of(day + timedelta(days=1))


def _held_on(held, bounds):
    """Whether the hold's time touches the day running from bounds[0] to bounds[1]."""
    return held.held_at < bounds[1] and held.until > bounds[0]


def _stay_state(stay, day):
    if stay.admitted_on > day or (stay.discharged_on is not None and day >= stay.discharged_on):
        return None
    if stay.expected_discharge_on is not None and day >= stay.expected_discharge_on:
        return LEAVING
    return OCCUPIED


def _bed_state(bed, day, bounds, stays, holds):
    """The bed's state on `day`, and the stay in it if any."""
    if bed.is_out_on(day):
        return OUT, None
    in_bed = {_stay_state(stay, day): stay.pk for stay in stays}
    if OCCUPIED in in_bed:
        return OCCUPIED, in_bed[OCCUPIED]
    if any(_held_on(held, bounds) for held in holds):
        return HELD, None
    if LEAVING in in_bed:
        return LEAVING, in_bed[LEAVING]
    return FREE, None


def _programs(programs, dates, bounds, now):
    first, last = dates[0], dates[-1]
    if not programs:
        return []
    ids = [program.pk for program in programs]
    stays = defaultdict(list)
    for stay in (
        Stay.objects.overlapping(first, last)
        .filter(program__in=ids)
        .values_list("program_id", "admitted_on", "discharged_on", "expected_discharge_on", named=True)
    ):
        stays[stay.program_id].append(stay)
    holds = defaultdict(list)
    for held in (
        _live_holds(now, first, last).filter(program__in=ids).values_list("program_id", "held_at", "until", named=True)
    ):
        holds[held.program_id].append(held)
    rows = []
    for program in programs:
        days = []
        for day in dates:
            states = [_stay_state(stay, day) for stay in stays[program.pk]]
            days.append(
                ProgramDay(
                    day=day,
                    in_use=states.count(OCCUPIED),
                    held=sum(1 for held in holds[program.pk] if _held_on(held, bounds[day])),
                    leaving=states.count(LEAVING),
                    places=program.places,
                )
            )
        rows.append(ProgramRow(program, days))
    return rows


def board_levels():
    """The levels with beds or programs, for the board's filter."""
    return (
        LevelOfCare.objects.filter(Q(beds__isnull=False) | Q(programs__isnull=False))
        .distinct()
        .order_by("intensity_rank")
    )
