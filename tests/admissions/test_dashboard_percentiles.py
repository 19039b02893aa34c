"""The dashboard's percentiles: nearest rank (the time at rank ⌈p·n⌉ of n sorted), by one code path on
PostgreSQL and SQLite alike, checked against a plain Python reckoning on awkward sizes, ties and
inquiries with no time yet."""

import math
import random
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from admissions.dashboard.figures import figures
from intake.models import Inquiry

from ..factories import InquiryFactory

pytestmark = pytest.mark.django_db

LA = ZoneInfo("America/Los_Angeles")
NOW = datetime(2026, 6, 15, 12, 0, tzinfo=LA)
CHANNELS = ["website", "phone", "walk_in", "email", "referral"]


def nearest_rank(minutes, percent):
    ordered = sorted(minutes)
    return ordered[math.ceil(len(ordered) * percent / 100) - 1] if ordered else None


def make(channels, seed=7):
    """Inquiries of each channel, some with no first attempt or reach, with repeated times; the minutes
    each channel's times took."""
    rng = random.Random(seed)
    attempts, reaches = {}, {}
    for channel, size in channels.items():
        for _ in range(size):
            created = NOW - timedelta(hours=rng.randint(1, 200))
            attempt = rng.choice([None, 3, 3, 7.5, rng.randint(1, 600)])
            reach = None if attempt is None or rng.random() < 0.3 else attempt + rng.choice([0, 12, 12, 90])
            InquiryFactory(
                channel=channel,
                created_at=created,
                first_contact_at=created + timedelta(minutes=attempt) if attempt is not None else None,
                first_reached_at=created + timedelta(minutes=reach) if reach is not None else None,
            )
            for times, value in ((attempts, attempt), (reaches, reach)):
                times.setdefault(channel, [])
                if value is not None:
                    times[channel].append(value)
    return attempts, reaches


def period():
    with time_machine.travel(NOW, tick=False):
        return figures(date(2026, 5, 17), date(2026, 6, 15))


def test_percentiles_match_nearest_rank_for_every_group_and_the_total():
    sizes = {"website": 23, "phone": 10, "walk_in": 1, "email": 2, "referral": 11}
    attempts, reaches = make(sizes)
    result = period()
    channels = {row.group: row for row in result.breakdowns["channel"][1]}
    labels = dict(Inquiry.Channel.choices)
    for channel, size in sizes.items():
        row = channels[labels[channel]]
        assert row.inquiries == size
        assert (row.attempt_times, row.reach_times) == (len(attempts[channel]), len(reaches[channel]))
        expected = [nearest_rank(times[channel], p) for times in (attempts, reaches) for p in (50, 90)]
        assert [row.attempt_median, row.attempt_p90, row.reach_median, row.reach_p90] == expected, channel
    everyone = {name: [t for ts in times.values() for t in ts] for name, times in (("a", attempts), ("r", reaches))}
    total = result.total
    assert [total.attempt_median, total.attempt_p90, total.reach_median, total.reach_p90] == [
        nearest_rank(everyone[name], p) for name in ("a", "r") for p in (50, 90)
    ]


def test_a_group_with_no_times_has_no_percentiles():
    make({"phone": 3}, seed=1)
    InquiryFactory(channel="email", created_at=NOW - timedelta(hours=1))
    email = {row.group: row for row in period().breakdowns["channel"][1]}["E-mail"]
    assert (email.inquiries, email.attempt_times, email.attempt_median, email.reach_p90) == (1, 0, None, None)


def test_the_queries_do_not_grow_with_the_groups():
    make({"website": 3, "phone": 3}, seed=2)
    with CaptureQueriesContext(connection) as few:
        period()
    make(dict.fromkeys(CHANNELS, 4), seed=3)
    with CaptureQueriesContext(connection) as many:
        period()
    assert len(many) == len(few)
