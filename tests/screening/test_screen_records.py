"""The screen's records: made with its sections, removed with its inquiry by the purge, and its
free-text answers and dates unreadable in the database's rows."""

from datetime import datetime, timedelta
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from intake.models import Inquiry
from screening import services
from screening.models import SECTIONS, Screen, Substance, SubstanceUse

from ..factories import InquiryFactory, UserFactory

pytestmark = pytest.mark.django_db

CENTER = ZoneInfo("America/Los_Angeles")


def test_opening_a_screen_makes_every_section_once():
    inquiry = InquiryFactory()
    user = UserFactory(group="Admissions")
    screen = services.open_screen(inquiry, user)
    again = services.open_screen(inquiry, user)
    assert again.pk == screen.pk
    assert [type(section) for section in services.sections_of(again).values()] == list(SECTIONS.values())
    assert Screen.objects.count() == 1


def test_the_substances_list_is_loaded_by_its_migration():
    assert list(Substance.objects.values_list("name", "withdrawal_red_flag")) == [
        ("Alcohol", True),
        ("Opioids (including fentanyl)", False),
        ("Benzodiazepines", True),
        ("Stimulants (methamphetamine, cocaine)", False),
        ("Cannabis", False),
        ("Other", False),
    ]


def test_purge_removes_the_screen_with_its_inquiry():
    old = timezone.now() - timedelta(days=400)
    closed = InquiryFactory(status=Inquiry.Status.CLOSED, close_reason="no_response", closed_at=old)
    kept = InquiryFactory(phone="+18185550123", email="kept@example.com")
    user = UserFactory()
    for inquiry in (closed, kept):
        screen = services.open_screen(inquiry, user)
        SubstanceUse.objects.create(section=screen.substancesection, substance=Substance.objects.first())
    call_command("purge_inquiries", stdout=StringIO())
    assert list(Screen.objects.values_list("inquiry_id", flat=True)) == [kept.pk]
    assert list(SubstanceUse.objects.values_list("section__screen__inquiry_id", flat=True)) == [kept.pk]


def test_free_text_answers_and_dates_are_encrypted_at_rest():
    screen = services.open_screen(InquiryFactory(), UserFactory())
    sections = services.sections_of(screen)
    sections["reason"].reason = "Drinking-every-morning"
    sections["reason"].save()
    sections["withdrawal"].current_symptoms = "Shaking-hands"
    sections["withdrawal"].save()
    sections["medical"].conditions, sections["medical"].medications = "Hepatitis-C", "Gabapentin-300"
    sections["medical"].prescribers = "Dr-Okafor"
    sections["medical"].save()
    sections["mental_health"].history, sections["mental_health"].current_treatment = "Depression-dx", "Therapist-weekly"
    sections["mental_health"].save()
    sections["legal"].details = "DUI-2024"
    sections["legal"].save()
    sections["living"].details = "Couch-surfing"
    sections["living"].save()
    sections["payer"].notes = "Aetna-PPO"
    sections["payer"].save()
    sections["level"].reason = "Prefers-evenings"
    sections["level"].save()
    sections["confirmation"].note = "Agree-IOP"
    sections["confirmation"].save()
    SubstanceUse.objects.create(
        section=sections["substances"],
        substance=Substance.objects.first(),
        amount="Fifth-a-day",
        last_use=datetime(2026, 12, 4, 21, 30, tzinfo=CENTER),
    )
    typed = [
        "Drinking-every-morning", "Shaking-hands", "Hepatitis-C", "Gabapentin-300", "Dr-Okafor", "Depression-dx",
        "Therapist-weekly", "DUI-2024", "Couch-surfing", "Aetna-PPO", "Prefers-evenings", "Agree-IOP", "Fifth-a-day",
        "2026-12-05", "2026-12-04",
    ]  # fmt: skip
    columns = {
        "screening_reasonsection": ["reason"],
        "screening_withdrawalsection": ["current_symptoms"],
        "screening_medicalsection": ["conditions", "medications", "prescribers"],
        "screening_mentalhealthsection": ["history", "current_treatment"],
        "screening_legalsection": ["details"],
        "screening_livingsection": ["details"],
        "screening_payersection": ["notes"],
        "screening_levelsection": ["reason"],
        "screening_confirmationsection": ["note"],
        "screening_substanceuse": ["amount", "last_use"],
    }
    raw = b""
    with connection.cursor() as cursor:
        for table, names in columns.items():
            cursor.execute(f"SELECT {', '.join(names)} FROM {table}")  # noqa: S608 (our own names)
            raw += b" ".join(bytes(value) for row in cursor.fetchall() for value in row)
    assert raw  # something was read
    assert [text for text in typed if text.encode() in raw] == []
    use = SubstanceUse.objects.get()
    assert (use.amount, use.last_use) == ("Fifth-a-day", datetime(2026, 12, 4, 21, 30, tzinfo=CENTER))
