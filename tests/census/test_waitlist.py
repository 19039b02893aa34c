"""The waitlist: joined from an inquiry, worked as a queue (priority, then oldest first), a priority a
clinician raises with a reason, follow-ups, leaving it; and when a bed or place frees up (discharge,
a hold released or expired), the owner of the next person waiting is e-mailed once, with a link only."""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.conf import settings
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from census import services, waitlist
from census.models import WaitlistEntry
from intake.models import AccessRecord, Note

from ..factories import (
    BedFactory,
    InquiryFactory,
    LevelFactory,
    NoteFactory,
    ProgramFactory,
    UserFactory,
    WaitlistEntryFactory,
)
from ..markup import admin_messages, captioned, cells, parse

pytestmark = pytest.mark.django_db

MORNING = datetime(2026, 12, 4, 18, 0, tzinfo=UTC)
URL = "/admin/census/waitlist/"


@pytest.fixture
def setting(time_machine):
    time_machine.move_to(MORNING, tick=False)
    detox = LevelFactory(short_name="Detox", lives_on_site=True, intensity_rank=1)
    people = {
        name: UserFactory(username=name, email=f"{name}@magnolia.example", group="Admissions")
        for name in ("ana", "ben", "cy")
    }
    clinician = UserFactory(username="dr-lee", group="Clinicians")
    return {"detox": detox, "clinician": clinician, **people}


def reached(**fields):
    inquiry = InquiryFactory(**fields)
    NoteFactory(inquiry=inquiry, outcome=Note.Outcome.REACHED)
    return inquiry


def waiting(setting, owner, days_ago, priority=0, **fields):
    return WaitlistEntryFactory(
        level=setting["detox"],
        owner=setting[owner],
        added_at=MORNING - timedelta(days=days_ago),
        priority=priority,
        priority_reason="Pregnant, using daily" if priority else "",
        **fields,
    )


def test_the_queue_is_priority_then_oldest_first(setting):
    newest, oldest, raised, middle = (
        waiting(setting, "ana", 1),
        waiting(setting, "ben", 9),
        waiting(setting, "cy", 2, priority=1),
        waiting(setting, "ana", 5),
    )
    ended = waiting(setting, "ben", 20, ended_at=MORNING, end_reason="went_elsewhere")
    assert list(waitlist.queue()) == [raised, oldest, middle, newest]
    assert ended not in waitlist.queue()


def test_a_clinician_raises_a_priority_with_a_reason_and_others_may_not(setting):
    entry = waiting(setting, "ana", 3)
    with pytest.raises(PermissionDenied):
        waitlist.set_priority(entry=entry, priority=2, reason="Withdrawal seizures before", by=setting["ana"])
    with pytest.raises(ValidationError) as refused:
        waitlist.set_priority(entry=entry, priority=2, reason="  ", by=setting["clinician"])
    assert refused.value.messages == ["Say why their priority is raised."]
    waitlist.set_priority(entry=entry, priority=2, reason="Withdrawal seizures before", by=setting["clinician"])
    assert (entry.priority, entry.priority_reason, entry.priority_set_by) == (
        2,
        "Withdrawal seizures before",
        setting["clinician"],
    )


def test_a_discharge_tells_the_next_persons_owner_once_with_a_link_only(setting, django_capture_on_commit_callbacks):
    bed = BedFactory(levels=[setting["detox"]])
    stay = services.admit(inquiry=reached(), level=setting["detox"], bed=bed, on=date(2026, 12, 1), by=setting["ana"])
    first = waiting(setting, "ben", 9, inquiry=InquiryFactory(name="Pat Quinn"))
    second = waiting(setting, "cy", 2)
    with django_capture_on_commit_callbacks(execute=True):
        services.discharge(stay=stay, on=date(2026, 12, 4), kind="completed", by=setting["ana"])
    (sent,) = mail.outbox
    assert sent.to == ["ben@magnolia.example"]
    assert sent.subject == "A place has freed up for someone you hold on the waitlist"
    assert sent.body == (
        "A bed or program place has freed up, and the next person waiting for it is one you hold "
        f"(waitlist entry #{first.pk}).\n\n"
        f"Open the waitlist (log in required):\n{settings.SITE_URL}/admin/census/waitlist/#entry-{first.pk}\n\n"
        "For privacy, this e-mail carries no details about the person.\n"
    )
    assert "Pat" not in sent.body and "Detox" not in sent.body
    first.refresh_from_db()
    assert first.notified_at == MORNING
    # The next bed freed tells the next person's owner, not the first's again.
    held = services.hold(inquiry=reached(), bed=bed, by=setting["ana"])
    with django_capture_on_commit_callbacks(execute=True):
        services.release(hold=held, by=setting["ana"])
    assert [message.to for message in mail.outbox] == [["ben@magnolia.example"], ["cy@magnolia.example"]]
    second.refresh_from_db()
    assert second.notified_at == MORNING


def test_an_expired_hold_noticed_by_the_board_tells_the_waitlist_once(
    setting, client, time_machine, django_capture_on_commit_callbacks
):
    program = ProgramFactory(level=LevelFactory(short_name="IOP", intensity_rank=5), places=1)
    services.hold(inquiry=reached(), program=program, by=setting["ana"])
    entry = WaitlistEntryFactory(level=program.level, program=program, owner=setting["cy"])
    time_machine.move_to(MORNING + timedelta(hours=25), tick=False)
    client.force_login(setting["ana"])
    with django_capture_on_commit_callbacks(execute=True):
        client.get("/admin/census/")
        client.get("/admin/census/")
    assert [message.to for message in mail.outbox] == [["cy@magnolia.example"]]
    entry.refresh_from_db()
    assert entry.notified_at is not None


def test_admission_takes_them_off_the_waitlist(setting):
    inquiry = reached()
    entry = waiting(setting, "ana", 3, inquiry=inquiry)
    services.admit(
        inquiry=inquiry,
        level=setting["detox"],
        bed=BedFactory(levels=[setting["detox"]]),
        on=date(2026, 12, 4),
        by=setting["ana"],
    )
    entry.refresh_from_db()
    assert (entry.ended_at, entry.end_reason) == (MORNING, "admitted")


def test_joining_from_the_inquiry_and_working_the_queue(setting, client):
    inquiry = reached(level=setting["detox"])
    client.force_login(setting["ana"])
    assert client.get(f"/admin/census/waitlist/add/?inquiry={inquiry.pk}").status_code == 200
    response = client.post(
        "/admin/census/waitlist/add/",
        {"inquiry": inquiry.pk, "level": setting["detox"].pk, "waiting_for": "a women's detox bed"},
        follow=True,
    )
    entry = WaitlistEntry.objects.get()
    assert admin_messages(response) == [f"Inquiry #{inquiry.pk} is on the waitlist for Detox."]
    assert (entry.owner, entry.added_by, entry.waiting_for) == (setting["ana"], setting["ana"], "a women's detox bed")
    older = waiting(setting, "ben", 4)
    rows = cells(captioned(parse(client.get(URL)), "The waitlist in the order it is worked."))
    assert rows == [
        ["1", f"#{older.inquiry_id}", "Detox", "a bed", "Nov 30", "4", "Routine", "ben", "—", "—"],
        ["2", f"#{inquiry.pk}", "Detox", "a women's detox bed", "Dec 4", "0", "Routine", "ana", "—", "—"],
    ]
    again = client.post(
        "/admin/census/waitlist/add/", {"inquiry": inquiry.pk, "level": setting["detox"].pk, "waiting_for": "x"}
    )
    assert again.context["form"].non_field_errors() == [f"Inquiry #{inquiry.pk} is already waiting for Detox."]

    response = client.post(
        f"/admin/census/waitlist/{entry.pk}/",
        {
            "form": "follow_up",
            "follow_up_at": "2026-12-05T09:00",
            "follow_up_step": "Call about a bed",
            "owner": setting["ben"].pk,
        },
        follow=True,
    )
    assert admin_messages(response) == ["The follow-up is saved."]
    entry.refresh_from_db()
    assert (entry.follow_up_step, entry.owner) == ("Call about a bed", setting["ben"])
    # Coordinators do not set priorities: the form is not theirs, and a sent one changes nothing.
    client.post(f"/admin/census/waitlist/{entry.pk}/", {"form": "priority", "priority": 2, "reason": "x"})
    entry.refresh_from_db()
    assert entry.priority == 0
    response = client.post(
        f"/admin/census/waitlist/{entry.pk}/", {"form": "end", "reason": "went_elsewhere"}, follow=True
    )
    assert admin_messages(response) == [f"Inquiry #{inquiry.pk} is off the waitlist."]
    details = set(AccessRecord.objects.values_list("action", "detail"))
    assert {("list", "waitlist"), ("change", "joined the waitlist"), ("change", "left the waitlist")} <= details


def test_clinicians_reach_the_waitlist_and_raise_priority_and_editors_do_not(setting, client, editor_client):
    entry = waiting(setting, "ana", 3)
    assert editor_client.get(URL).status_code == 403
    client.force_login(setting["clinician"])
    assert client.get(URL).status_code == 200
    assert client.get("/admin/census/").status_code == 403  # the bed board is admissions'
    response = client.post(
        f"/admin/census/waitlist/{entry.pk}/", {"form": "priority", "priority": 1, "reason": "Pregnant"}, follow=True
    )
    assert admin_messages(response) == ["Priority set to raised."]
    entry.refresh_from_db()
    assert (entry.priority, entry.priority_reason) == (1, "Pregnant")


def test_a_waitlist_follow_up_reminds_its_owner_once_when_due(
    setting, time_machine, django_capture_on_commit_callbacks
):
    entry = waiting(setting, "ana", 3)
    with django_capture_on_commit_callbacks(execute=True):
        waitlist.set_follow_up(
            entry=entry,
            at=MORNING - timedelta(minutes=5),
            step="Call about a bed",
            owner=setting["ben"],
            by=setting["ana"],
        )
    (sent,) = mail.outbox
    assert (sent.to, sent.subject) == (["ben@magnolia.example"], f"Follow-up due: waitlist entry #{entry.pk}")
    assert sent.body == (
        f"A follow-up you own is due now on waitlist entry #{entry.pk}.\n\n"
        f"Open it (log in required):\n{settings.SITE_URL}/admin/census/waitlist/{entry.pk}/\n\n"
        "For privacy, this e-mail carries no details about the person.\n"
    )
    assert waitlist.send_due_reminders() == 0  # reminded: not again
    assert len(mail.outbox) == 1
    # A new time arms it again; the cron command sends what the queue could not defer.
    with django_capture_on_commit_callbacks(execute=True):
        waitlist.set_follow_up(
            entry=entry, at=MORNING + timedelta(hours=1), step="Call again", owner=setting["ben"], by=setting["ana"]
        )
    assert len(mail.outbox) == 1
    time_machine.move_to(MORNING + timedelta(hours=2), tick=False)
    assert waitlist.send_due_reminders() == 1
    assert len(mail.outbox) == 2


def test_a_freed_bed_for_men_passes_over_a_woman_waiting(setting, django_capture_on_commit_callbacks):
    bed = BedFactory(levels=[setting["detox"]], serves="men")
    stay = services.admit(inquiry=reached(), level=setting["detox"], bed=bed, on=date(2026, 12, 1), by=setting["ana"])
    woman = waiting(setting, "ana", 9, inquiry=InquiryFactory(patient_sex_at_birth="female"))
    man = waiting(setting, "ben", 2, inquiry=InquiryFactory(patient_sex_at_birth="male"))
    with django_capture_on_commit_callbacks(execute=True):
        services.discharge(stay=stay, on=date(2026, 12, 4), kind="completed", by=setting["ana"])
    assert [message.to for message in mail.outbox] == [["ben@magnolia.example"]]
    woman.refresh_from_db()
    man.refresh_from_db()
    assert (woman.notified_at, man.notified_at) == (None, MORNING)
