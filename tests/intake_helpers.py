import re
import time
from datetime import timedelta

from django.utils import timezone

from intake.spam import sign_start


def form_data(**overrides):
    data = {
        "name": "Sam Rivera",
        "phone": "(818) 555-0134",
        "email": "sam@example.com",
        "preferred_contact": "call",
        "best_time": "evening",
        "inquiry_for": "myself",
        "level": "",
        "payment": "insurance",
        "insurance_carrier": "Blue Shield",
        "message": "I would like to know about evening programs.",
        "consent": "on",
        "website": "",
        "started": sign_start(time.time() - 30),
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


MEMBER_ID = "XKZ884211937"


def request_data(**overrides):
    base = form_data()
    data = {
        "name": "Sam Rivera", "phone": "(818) 555-0134", "email": "sam@example.com", "preferred_contact": "call",
        "carrier": "blue_shield", "carrier_other": "", "member_id": MEMBER_ID, "group_number": "GRP-5521",
        "subscriber": "self", "subscriber_name": "", **birth_date("03", "14", "1990"), "consent": "on",
        "website": "", "started": base["started"],
    }  # fmt: skip
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def birth_date(month, day, year):
    """What the insurance form's three date of birth boxes send."""
    return {"patient_birth_date_month": month, "patient_birth_date_day": day, "patient_birth_date_year": year}


def patient_birth_date(born):
    """What the inquiry page's three date of birth boxes send for the date `born` (None: empty boxes)."""
    parts = (born.month, born.day, born.year) if born else ("", "", "")
    names = ("month", "day", "year")
    return {f"patient_birth_date_{part}": str(value) for part, value in zip(names, parts, strict=True)}


def hidden_value(html, name):
    return re.search(rf'name="{name}" value="([^"]*)"', html).group(1)


INLINES = {
    f"{prefix}-{key}": value
    for prefix in ("notifications",)
    for key, value in {"TOTAL_FORMS": "0", "INITIAL_FORMS": "0", "MIN_NUM_FORMS": "0", "MAX_NUM_FORMS": "1000"}.items()
}


def inquiry_form(inquiry, seen="", **changes):
    """What the admin's change form of `inquiry` posts as it stands, with `changes`: no new note
    unless `changes` adds one; `seen` is the copy's time the page was opened with ("" for none)."""
    data = {
        "name": inquiry.name, "phone": str(inquiry.phone), "email": inquiry.email, "status": inquiry.status,
        "close_reason": inquiry.close_reason, "assigned_to": inquiry.assigned_to_id or "",
        "preferred_contact": inquiry.preferred_contact, "best_time": inquiry.best_time,
        "inquiry_for": inquiry.inquiry_for, "level": inquiry.level_id or "", "payment": inquiry.payment,
        "insurance_carrier": inquiry.insurance_carrier, "message": inquiry.message,
        "voicemail_ok": inquiry.voicemail_ok, "caller_relationship": inquiry.caller_relationship,
        "patient_name": inquiry.patient_name, "patient_gender_identity": inquiry.patient_gender_identity,
        "patient_sex_at_birth": inquiry.patient_sex_at_birth, "patient_language": inquiry.patient_language,
        "patient_pronouns": inquiry.patient_pronouns, **patient_birth_date(inquiry.patient_birth_date),
        "seen_updated_at": seen, **INLINES,
    }  # fmt: skip
    data.update(changes)
    return data


def assessment_details(assessor, starts_at=None, mode="video"):
    """What `services.move` needs for a move to *Assessment scheduled*: tomorrow at this time by default."""
    return {"starts_at": starts_at or timezone.now() + timedelta(days=1), "assessor": assessor, "mode": mode}


def assessment_form(assessor, starts_at, mode="video"):
    """What the inquiry page's assessment boxes send: the date and time in the center's time."""
    local = timezone.localtime(starts_at)
    return {
        "assessment_starts_at_0": local.strftime("%Y-%m-%d"),
        "assessment_starts_at_1": local.strftime("%H:%M:%S"),
        "assessment_assessor": str(assessor.pk),
        "assessment_mode": mode,
    }
