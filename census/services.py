"""The census's rules: holding, admitting, discharging (and stepping down), and the waitlist.

Each function is one call that does all of it in one transaction. A bed is booked under a lock
(census/locking.py) and checked against the times already taken; on PostgreSQL the exclusion
constraint refuses what slipped past. A program never takes more people at once than its places.
A bed or place that frees up tells the waitlist (census/waitlist.py), once the change is committed.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from intake.models import AccessRecord, Inquiry
from intake.services import pipeline

from . import waitlist
from .board import sex_for
from .locking import locked
from .models import Bed, BedTime, Hold, Serves, Stay, WaitlistEntry, default_until, moment


class AlreadyTaken(ValidationError):
    """The bed or place is held or occupied for (part of) that time."""


def _taken(place):
    if isinstance(place, Bed):
        return AlreadyTaken(f"Bed {place} is already held or occupied. Choose another bed.")
    return AlreadyTaken(f"{place} has no place free: every place is already held or occupied.")


def _bed_is_free(bed, starts_at, ends_at=None, *, ignore=()):
    clash = BedTime.objects.filter(bed=bed).filter(Q(ends_at__isnull=True) | Q(ends_at__gt=starts_at))
    if ends_at is not None:
        clash = clash.filter(starts_at__lt=ends_at)
    return not clash.exclude(pk__in=ignore).exists()


def program_in_use(program, now=None):
    """People in the program now, and places held for others."""
    now = now or timezone.now()
    staying = Stay.objects.filter(program=program, discharged_on__isnull=True).count()
    return staying + Hold.objects.live(now).filter(program=program).count()


def _insert_bed_time(place, **fields):
    try:
        with transaction.atomic():
            return BedTime.objects.create(bed=place, **fields)
    except IntegrityError as error:  # PostgreSQL's exclusion constraint
        if "census_bedtime_no_overlap" in str(error):
            raise _taken(place) from error
        raise


def _check_place(bed, program):
    if (bed is None) == (program is None):
        raise ValidationError("Choose a bed or a program place.")
    return bed or program


def _check_fits(inquiry, bed):
    """A bed for men or for women is not given to someone the inquiry records otherwise (when it
    records the patient's sex assigned at birth: see census.board.sex_for)."""
    sex = sex_for(inquiry)
    if bed is not None and sex and bed.serves not in (Serves.ANY, sex):
        raise ValidationError(f"Bed {bed} is for {bed.get_serves_display().lower()}.")


def hold(*, inquiry, bed=None, program=None, by, until=None, now=None):
    """Hold a bed or a program place for `inquiry` until `until` (a day from now by default). An
    AlreadyTaken error, with nothing saved, when it is held or occupied meanwhile."""
    place = _check_place(bed, program)
    now = now or timezone.now()
    until = until or default_until(now)
    if bed is not None and not bed.in_service:
        raise ValidationError(f"Bed {bed} is out of service.")
    _check_fits(inquiry, bed)
    with locked(type(place), place.pk):
        if bed is not None:
            if not _bed_is_free(bed, now, until):
                raise _taken(bed)
        elif program_in_use(program, now) >= program.places:
            raise _taken(program)
        held = Hold.objects.create(inquiry=inquiry, bed=bed, program=program, held_at=now, until=until, held_by=by)
        if bed is not None:
            _insert_bed_time(bed, starts_at=now, ends_at=until, hold=held)
        AccessRecord.record(by, [inquiry.pk], AccessRecord.Action.CHANGE, f"held {place}")
    return held


def release(*, hold, by, now=None):
    """Release a hold by hand: its bed or place is free again and the waitlist is told."""
    now = now or timezone.now()
    with transaction.atomic():
        released = Hold.objects.live(now).filter(pk=hold.pk).update(released_at=now, released_by=by)
        if not released:
            return False
        BedTime.objects.filter(hold=hold).update(ends_at=now)
        AccessRecord.record(by, [hold.inquiry_id], AccessRecord.Action.CHANGE, f"released the hold on {hold.place}")
        waitlist.place_freed(hold.bed, hold.program)
    hold.refresh_from_db()
    return True


def notice_expired_holds(now=None):
    """Holds whose time passed and nobody noticed yet: each noticed once (the periodic task and the next
    read of the board may both come), and the waitlist told. How many."""
    now = now or timezone.now()
    count = 0
    for expired in Hold.objects.expired_unnoticed(now).select_related("bed", "program"):
        with transaction.atomic():
            claimed = Hold.objects.expired_unnoticed(now).filter(pk=expired.pk).update(expiry_noticed_at=now)
            if claimed:
                waitlist.place_freed(expired.bed, expired.program)
                count += 1
    return count


def admit(*, inquiry, level, bed=None, program=None, on, by, expected_discharge_on=None, now=None):
    """Admit `inquiry`'s person to `level` in a bed or program place on the day `on` (today or
    earlier): the stay starts, a live hold of theirs on that bed or program becomes it, the inquiry
    moves to Admitted through the pipeline (recorded on its timeline), and a waitlist entry for the
    level ends. A ValidationError, with nothing saved, when the place is taken or the move refused."""
    now = now or timezone.now()
    with transaction.atomic():
        stay = _start_stay(
            inquiry=inquiry,
            level=level,
            bed=bed,
            program=program,
            on=on,
            by=by,
            expected=expected_discharge_on,
            now=now,
        )
        if inquiry.status != Inquiry.Status.ADMITTED:
            pipeline.move(inquiry=inquiry, status=Inquiry.Status.ADMITTED, by=by, when=now)
        WaitlistEntry.objects.waiting().filter(inquiry=inquiry, level=level).update(
            ended_at=now, end_reason=WaitlistEntry.EndReason.ADMITTED
        )
        AccessRecord.record(by, [inquiry.pk], AccessRecord.Action.CHANGE, f"admitted to {stay.place}")
    return stay


def _start_stay(*, inquiry, level, bed, program, on, by, expected, now, stepped_down_from=None):
    place = _check_place(bed, program)
    if on > timezone.localdate(now):
        raise ValidationError("An admission is recorded on its day: hold the bed or place until then.")
    if program is not None and program.level_id != level.pk:
        raise ValidationError(f"{program} is not a {level.short_name} program.")
    if bed is not None and not bed.levels.filter(pk=level.pk).exists():
        raise ValidationError(f"Bed {bed} does not serve {level.short_name}.")
    _check_fits(inquiry, bed)
    if expected is not None and expected < on:
        raise ValidationError("The expected discharge comes before the admission.")
    starts_at = moment(on, now)
    with locked(type(place), place.pk):
        own_hold = Hold.objects.live(now).filter(inquiry=inquiry, bed=bed, program=program).order_by("held_at").first()
        if bed is not None:
            ignore = BedTime.objects.filter(hold=own_hold).values_list("pk", flat=True) if own_hold else []
            if not _bed_is_free(bed, starts_at, ignore=list(ignore)):
                raise _taken(bed)
        elif program_in_use(program, now) - (1 if own_hold else 0) >= program.places:
            raise _taken(program)
        stay = Stay.objects.create(
            inquiry=inquiry,
            level=level,
            bed=bed,
            program=program,
            admitted_on=on,
            admitted_at=starts_at,
            admitted_by=by,
            expected_discharge_on=expected,
            stepped_down_from=stepped_down_from,
        )
        if own_hold:
            own_hold.converted_to = stay
            own_hold.save(update_fields=["converted_to"])
            BedTime.objects.filter(hold=own_hold).delete()
        if bed is not None:
            _insert_bed_time(bed, starts_at=starts_at, stay=stay)
    return stay


def discharge(*, stay, on, kind, by, next_level=None, next_bed=None, next_program=None, next_expected=None, now=None):
    """Discharge `stay` on the day `on` as `kind`. Stepping down starts the next level's stay the same
    day for the same inquiry (nothing retyped) and returns it; otherwise returns None. The freed bed or
    place tells the waitlist."""
    now = now or timezone.now()
    if stay.discharged_on is not None:
        raise ValidationError("This stay has already ended.")
    if on < stay.admitted_on or on > timezone.localdate(now):
        raise ValidationError("The discharge date falls between the admission and today.")
    stepping_down = kind == Stay.DischargeKind.STEPPED_DOWN
    if stepping_down and next_level is None:
        raise ValidationError("Choose the level they step down to, and its bed or program.")
    ends_at = max(moment(on, now), stay.admitted_at)
    with transaction.atomic():
        updated = Stay.objects.filter(pk=stay.pk, discharged_on__isnull=True).update(
            discharged_on=on, discharged_at=ends_at, discharge_kind=kind, discharged_by=by, updated_at=now
        )
        if not updated:
            raise ValidationError("This stay has already ended.")
        BedTime.objects.filter(stay=stay).update(ends_at=ends_at)
        following = None
        if stepping_down:
            following = _start_stay(
                inquiry=stay.inquiry,
                level=next_level,
                bed=next_bed,
                program=next_program,
                on=on,
                by=by,
                expected=next_expected,
                now=now,
                stepped_down_from=stay,
            )
        AccessRecord.record(by, [stay.inquiry_id], AccessRecord.Action.CHANGE, f"discharged ({kind})")
        waitlist.place_freed(stay.bed, stay.program)
    stay.refresh_from_db()  # only now: a step-down refused leaves the caller's copy as it was
    return following


def set_expected_discharge(*, stay, on, by):
    if on is not None and on < stay.admitted_on:
        raise ValidationError("The expected discharge comes before the admission.")
    Stay.objects.filter(pk=stay.pk).update(expected_discharge_on=on, updated_at=timezone.now())
    stay.expected_discharge_on = on
    AccessRecord.record(by, [stay.inquiry_id], AccessRecord.Action.CHANGE, "expected discharge set")
    return stay
