"""A substance's last use is a moment that happened: not in the future, not before 1900, and not at a
time the clocks skipped (2:00 to 3:00 on the morning they go forward); each refused beside its box."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from screening.models import Substance, SubstanceUse

from ..markup import one, select, texts

pytestmark = pytest.mark.django_db

CENTER = ZoneInfo("America/Los_Angeles")
SOON = timezone.localtime(timezone.now() + timedelta(hours=1), CENTER)
TOMORROW = timezone.localdate(timezone.now() + timedelta(days=1), CENTER)
AGO = timezone.localtime(timezone.now() - timedelta(hours=1), CENTER).replace(second=0, microsecond=0)


def save_last_use(client, inquiry, date, time=""):
    alcohol = Substance.objects.get(name="Alcohol")
    page = client.get(f"/admin/screening/screen/{inquiry.pk}/")
    data = {field.attrs["name"]: field.attrs["value"] for field in select(page, "#substances input[type=hidden]")}
    data.update({f"s{alcohol.pk}_used": "on", f"s{alcohol.pk}_last_date": date, f"s{alcohol.pk}_last_time": time})
    return client.post(f"/admin/screening/screen/{inquiry.pk}/save/substances/", data), alcohol


@pytest.mark.parametrize(
    ("date", "time", "box", "error"),
    [
        (f"{TOMORROW:%Y-%m-%d}", "", "last_date", "Last use must be in the past, not after now."),
        (f"{SOON:%Y-%m-%d}", f"{SOON:%H:%M}", "last_date", "Last use must be in the past, not after now."),
        ("9999-12-31", "23:59", "last_date", "Last use must be in the past, not after now."),
        ("1899-12-31", "", "last_date", "Last use must be after 1900."),
        ("0001-01-01", "", "last_date", "Last use must be after 1900."),
        (
            "2026-03-08",
            "02:30",
            "last_time",
            "There was no 02:30 on Mar 8, 2026 here: the clocks went forward an hour. Check the time.",
        ),
    ],
)
def test_an_impossible_last_use_is_refused(admissions_client, inquiry, date, time, box, error):
    response, alcohol = save_last_use(admissions_client, inquiry, date, time)
    assert response.status_code == 200
    assert texts(response, f"#substances #id_substances_s{alcohol.pk}_{box}-error") == [error]
    assert one(response, f"#id_substances_s{alcohol.pk}_last_date").attrs["value"] == date
    assert SubstanceUse.objects.count() == 0


@pytest.mark.parametrize(
    ("date", "time", "stored"),
    [
        (f"{AGO:%Y-%m-%d}", f"{AGO:%H:%M}", AGO),
        ("1900-01-01", "", datetime(1900, 1, 1, tzinfo=CENTER)),
        ("2026-03-08", "03:00", datetime(2026, 3, 8, 3, 0, tzinfo=CENTER)),
        ("2026-11-01", "01:30", datetime(2026, 11, 1, 1, 30, tzinfo=CENTER)),  # the first 1:30 of two
    ],
)
def test_a_real_last_use_is_saved(admissions_client, inquiry, date, time, stored):
    response, _ = save_last_use(admissions_client, inquiry, date, time)
    assert response.status_code == 302
    # An ambiguous time (the 1:30 that comes twice) equals nothing in another zone: compared in UTC.
    assert SubstanceUse.objects.get().last_use == stored.astimezone(UTC)
