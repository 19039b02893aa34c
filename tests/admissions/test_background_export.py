"""Large inquiry exports are prepared by a background task into the private storage, fetched by the
person who asked (logged like any export), and deleted after a day (admissions/exports.py)."""

import csv
import io
import logging
import re
from datetime import timedelta
from pathlib import Path

import pytest
import time_machine
from cryptography.fernet import Fernet
from django.contrib.auth.models import Permission
from django.core.files.storage import storages
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.utils import dateformat, timezone
from django_tasks_db.models import DBTaskResult
from pytest_django.asserts import assertContains

from admissions import exports
from intake.encryption import fernet
from intake.models import AccessRecord, Inquiry, InquiryExport

from ..factories import InquiryFactory, LevelFactory, UserFactory

CHANGELIST = "/admin/intake/inquiry/"
EXPORTS = "/admin/intake/inquiry/exports/"
BEING_PREPARED = (
    "Your export of 3 inquiries is being prepared. This page shows when it is ready by itself; you may also leave "
    f'it and come back from <a href="{EXPORTS}">Your exports</a>.'
)
OPEN_ONLY = "Status: Open (not closed, admitted or referred)"
DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def exporter(username):
    user = UserFactory(username=username, group="Admissions")
    user.user_permissions.add(Permission.objects.get(codename="export_inquiry"))
    return user


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def export_all(client, query=""):
    """The inbox's export action on every inquiry the list shows with `query`."""
    return client.post(
        CHANGELIST + query, {"action": "export_csv", "select_across": "1", "index": "0", "_selected_action": "1"}
    )


def rows_of(content):
    return list(csv.reader(io.StringIO(content.decode())))


def downloaded(response):
    return b"".join(response.streaming_content)


@pytest.fixture(autouse=True)
def _small_threshold(monkeypatch):
    # Two inquiries still stream; three or more are prepared in the background.
    monkeypatch.setattr(exports, "STREAM_AT_MOST", 2)


@pytest.fixture(scope="class")
def people(django_db_setup, django_db_blocker):
    """The people and inquiries, built once for the class and rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        level = LevelFactory(short_name="IOP")
        data = {
            "owner": exporter("owner"),
            "colleague": exporter("colleague"),
            "no_export": UserFactory(username="no-export", group="Admissions"),
            "open": [
                InquiryFactory(name="Ana Open", level=level),
                InquiryFactory(name="=HYPERLINK(evil)", email="bob@example.com"),
                InquiryFactory(name="Cy Contacted", status=Inquiry.Status.CONTACTED),
            ],
            "spam": InquiryFactory(name="Spam Bot", status=Inquiry.Status.SPAM),
        }
        yield data
        transaction.set_rollback(True)


@pytest.mark.django_db
class TestPreparedExport:
    def request_export(self, client, django_capture_on_commit_callbacks, query=""):
        with django_capture_on_commit_callbacks(execute=True):
            response = export_all(client, query)
        export = InquiryExport.objects.get()
        assert response.status_code == 302 and response["Location"] == f"{EXPORTS}{export.pk}/"
        return export

    def test_the_owner_downloads_exactly_the_rows_and_each_is_logged(self, people, django_capture_on_commit_callbacks):
        owner = signed_in(people["owner"])
        with django_capture_on_commit_callbacks(execute=False) as queued:
            response = export_all(owner)
        export = InquiryExport.objects.get()
        assert response.status_code == 302 and response["Location"] == f"{EXPORTS}{export.pk}/"
        waiting = owner.get(response["Location"])
        assert waiting.status_code == 200
        assert export.filters == f"{OPEN_ONLY}; every matching inquiry" and export.row_count == 3
        # Looked at again by a script that updates the state in place: the page itself never reloads.
        assert 'http-equiv="refresh"' not in waiting.content.decode()
        contains_once(waiting, '<script src="/static/admin-staff/export-status.js" defer></script>')
        state = re.search(r'<div id="export-state"([^>]*)>\s*<p>(.*?)</p>', waiting.content.decode(), re.S)
        assert state.group(1) == ' role="status" aria-live="polite" data-preparing="yes" data-look-again-seconds="5"'
        assert state.group(2) == BEING_PREPARED
        contains_once(waiting, f'<a class="button" href="{EXPORTS}{export.pk}/">Check again</a>')

        for callback in queued:  # the task runs (the immediate backend: at once)
            callback()
        export.refresh_from_db()
        assert export.state == InquiryExport.State.READY and export.row_count == 3
        numbers = sorted(inquiry.pk for inquiry in people["open"])
        assert export.inquiry_ids == numbers  # the spam, outside the inbox's default filter, left out
        ready = owner.get(export.get_absolute_url())
        assert 'http-equiv="refresh"' not in ready.content.decode()
        contains_once(ready, f'<a class="button" href="{EXPORTS}{export.pk}/download/">Download the CSV</a>')
        assert not AccessRecord.objects.filter(action=AccessRecord.Action.EXPORT).exists()  # not downloaded yet

        # Stored encrypted: what is on disk is a Fernet token of the CSV.
        on_disk = (Path(storages["private"].location) / export.file_name).read_bytes()
        assert b"Ana Open" not in on_disk
        content = fernet().decrypt(on_disk)

        response = owner.get(f"{EXPORTS}{export.pk}/download/")
        assert response.status_code == 200
        assert response["Content-Type"] == "text/csv; charset=utf-8"
        stamp = timezone.localtime(export.requested_at)
        assert response["Content-Disposition"] == f'attachment; filename="inquiries-{stamp:%Y%m%d-%H%M}.csv"'
        assert "no-store" in [part.strip() for part in response["Cache-Control"].split(",")]
        body = downloaded(response)
        assert body == content
        rows = rows_of(body)
        assert rows[0] == list(exports.COLUMNS)
        assert [row[0] for row in rows[1:]] == [str(pk) for pk in numbers]
        name, level, status = (rows[0].index(column) for column in ("name", "level", "status"))
        assert [(row[name], row[level], row[status]) for row in rows[1:]] == [
            ("Ana Open", "IOP", "new"),
            ("'=HYPERLINK(evil)", "not sure", "new"),  # the formula guard
            ("Cy Contacted", "not sure", "contacted"),
        ]
        records = AccessRecord.objects.filter(action=AccessRecord.Action.EXPORT)
        assert sorted(records.values_list("user", "inquiry_ref")) == [(people["owner"].pk, pk) for pk in numbers]

        # The same bytes as the export streamed for the same inquiries.
        streamed = exports.csv_response(Inquiry.objects.filter(pk__in=numbers), people["owner"])
        assert downloaded(streamed) == body

    def test_nobody_else_reaches_it(self, people, django_capture_on_commit_callbacks, client):
        export = self.request_export(signed_in(people["owner"]), django_capture_on_commit_callbacks)
        page, download = export.get_absolute_url(), f"{EXPORTS}{export.pk}/download/"
        colleague = signed_in(people["colleague"])
        assert colleague.get(page).status_code == 404
        assert colleague.get(download).status_code == 404
        assert export.get_absolute_url() not in colleague.get(EXPORTS).content.decode()
        no_export = signed_in(people["no_export"])
        assert no_export.get(page).status_code == 403
        assert no_export.get(download).status_code == 403
        assert client.get(download).status_code == 302  # to the sign-in page
        assert not AccessRecord.objects.filter(action=AccessRecord.Action.EXPORT).exists()
        owner = signed_in(people["owner"])
        assert owner.get(f"{EXPORTS}{export.pk + 1}/").status_code == 404
        assert owner.get(f"{EXPORTS}99999999999999999999/download/").status_code == 404
        # Its owner, once the export permission is withdrawn, neither.
        people["owner"].user_permissions.clear()
        assert signed_in(people["owner"]).get(download).status_code == 403

    def test_the_inbox_filters_are_kept_and_a_search_only_by_its_kind(self, people, django_capture_on_commit_callbacks):
        owner = signed_in(people["owner"])
        export = self.request_export(owner, django_capture_on_commit_callbacks, "?status=all&q=%40example.com")
        assert export.filters == "Status: All but spam; search for an e-mail address; every matching inquiry"
        assert export.inquiry_ids == sorted(inquiry.pk for inquiry in people["open"])
        assert "@example.com" not in str(InquiryExport.objects.values().get())

    def test_a_few_inquiries_still_stream(self, people):
        owner = signed_in(people["owner"])
        ticked = [inquiry.pk for inquiry in people["open"][:2]]
        response = owner.post(CHANGELIST, {"action": "export_csv", "_selected_action": ticked})
        assert response.streaming and response["Content-Type"] == "text/csv; charset=utf-8"
        assert [row[0] for row in rows_of(downloaded(response))[1:]] == [str(pk) for pk in ticked]
        assert sorted(AccessRecord.objects.values_list("inquiry_ref", flat=True)) == ticked
        assert not InquiryExport.objects.exists()

    def test_nothing_is_prepared_for_someone_no_longer_allowed(self, people, django_capture_on_commit_callbacks):
        owner = signed_in(people["owner"])
        with django_capture_on_commit_callbacks(execute=False) as queued:
            export_all(owner)
        people["owner"].user_permissions.clear()
        for callback in queued:
            callback()
        export = InquiryExport.objects.get()
        assert (export.state, export.failure, export.file_name) == (
            InquiryExport.State.FAILED,
            "the person who asked may no longer export inquiries",
            "",
        )

    def test_a_failure_is_shown_as_such(self, people, django_capture_on_commit_callbacks, monkeypatch, caplog):
        def full_disk(ids):
            raise OSError(28, "No space left on device: Ana Open")

        monkeypatch.setattr(exports, "_write", full_disk)
        owner = signed_in(people["owner"])
        with caplog.at_level(logging.INFO):
            export = self.request_export(owner, django_capture_on_commit_callbacks)
        export.refresh_from_db()
        assert export.state == InquiryExport.State.FAILED and export.file_name == ""
        page = owner.get(export.get_absolute_url())
        assert 'http-equiv="refresh"' not in page.content.decode()
        contains_once(
            page,
            '<p class="errornote">Your export could not be prepared: the private file store did not answer or refused '
            "the file. "
            f'Nothing was kept. Export again from the <a href="{CHANGELIST}">inbox</a>; if it fails again, tell '
            "whoever runs the server.</p>",
        )
        assert owner.get(f"{EXPORTS}{export.pk}/download/")["Location"] == export.get_absolute_url()
        assert "Ana Open" not in caplog.text and f"export {export.pk} failed: OSError" in caplog.text

    def test_a_file_that_cannot_be_read_is_said_so(self, people, django_capture_on_commit_callbacks):
        owner = signed_in(people["owner"])
        export = self.request_export(owner, django_capture_on_commit_callbacks)
        export.refresh_from_db()
        storages["private"].delete(export.file_name)
        response = owner.get(f"{EXPORTS}{export.pk}/download/", follow=True)
        assert response.redirect_chain == [(export.get_absolute_url(), 302)]
        contains_once(
            response,
            '<li class="error">The file is no longer there. Export again from the inbox.</li>',
        )
        assert not AccessRecord.objects.filter(action=AccessRecord.Action.EXPORT).exists()

    def test_a_file_under_a_key_the_site_no_longer_has_is_said_so(
        self, people, django_capture_on_commit_callbacks, settings
    ):
        owner = signed_in(people["owner"])
        export = self.request_export(owner, django_capture_on_commit_callbacks)
        settings.FERNET_KEYS = [Fernet.generate_key().decode()]
        response = owner.get(f"{EXPORTS}{export.pk}/download/", follow=True)
        assert response.redirect_chain == [(export.get_absolute_url(), 302)]
        contains_once(
            response,
            '<li class="error">The file was written under an encryption key the site no longer has. Export again '
            "from the inbox.</li>",
        )
        assert not AccessRecord.objects.filter(action=AccessRecord.Action.EXPORT).exists()

    def test_after_a_day_the_file_and_its_record_are_deleted(self, people, django_capture_on_commit_callbacks):
        old = self.request_export(signed_in(people["owner"]), django_capture_on_commit_callbacks)
        old.refresh_from_db()
        storage = storages["private"]
        assert storage.exists(old.file_name)
        with time_machine.travel(timezone.now() + timedelta(hours=23), tick=False):
            assert call_command_output("purge_exports") == "Deleted 0 exports older than a day.\n"
            assert signed_in(people["owner"]).get(old.get_absolute_url()).status_code == 200
        with time_machine.travel(timezone.now() + timedelta(hours=24, minutes=1), tick=False):
            owner = signed_in(people["owner"])
            assert owner.get(old.get_absolute_url()).status_code == 404  # expired: no longer offered
            with django_capture_on_commit_callbacks(execute=True):
                export_all(owner)  # a new export purges the old one first
            assert not InquiryExport.objects.filter(pk=old.pk).exists() and not storage.exists(old.file_name)
            new = InquiryExport.objects.get()
        with time_machine.travel(timezone.now() + timedelta(hours=48, minutes=2), tick=False):
            assert call_command_output("purge_exports") == "Deleted 1 exports older than a day.\n"
        assert not InquiryExport.objects.exists() and not storage.exists(new.file_name)

    def test_the_list_shows_only_ones_own_exports(self, people, django_capture_on_commit_callbacks):
        export = self.request_export(signed_in(people["owner"]), django_capture_on_commit_callbacks)
        listed = signed_in(people["owner"]).get(EXPORTS)
        stamp = dateformat.format(timezone.localtime(export.requested_at), "M j, g:i A")
        assert listed.status_code == 200
        assertContains(
            listed,
            f'<tr><td class="export-asked"><a href="{EXPORTS}{export.pk}/">{stamp}</a></td><td>3</td>'
            f'<td><a href="{EXPORTS}{export.pk}/download/">Download</a></td>'
            f"<td>{OPEN_ONLY}; every matching inquiry</td></tr>",
            count=1,
            html=True,
        )
        inbox = signed_in(people["owner"]).get(CHANGELIST)
        contains_once(inbox, f'<li><a href="{EXPORTS}">Your exports</a></li>')
        assert f'href="{EXPORTS}"' not in signed_in(people["no_export"]).get(CHANGELIST).content.decode()


def contains_once(response, html):
    assertContains(response, html, count=1, html=True)


def call_command_output(name):
    out = io.StringIO()
    call_command(name, stdout=out)
    return out.getvalue()


# The worker manages its own database connections, so this test commits for real.
@pytest.mark.django_db(transaction=True)
def test_the_database_queue_and_its_worker_prepare_it(settings):
    settings.TASKS = DB_TASKS
    owner = exporter("owner")
    numbers = [InquiryFactory(name=f"Person {n}").pk for n in range(3)]
    client = signed_in(owner)
    response = export_all(client)
    export = InquiryExport.objects.get()
    task = DBTaskResult.objects.get()
    assert task.args_kwargs == {"args": [export.pk], "kwargs": {}}  # the number only
    assert export.state == InquiryExport.State.PREPARING
    assertContains(client.get(response["Location"]), f"<p>{BEING_PREPARED}</p>", count=1, html=True)
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    export.refresh_from_db()
    assert export.state == InquiryExport.State.READY
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"
    rows = rows_of(downloaded(client.get(f"{EXPORTS}{export.pk}/download/")))
    assert [row[0] for row in rows[1:]] == [str(pk) for pk in numbers]
    assert sorted(AccessRecord.objects.filter(action="export").values_list("inquiry_ref", flat=True)) == numbers


@pytest.mark.django_db
class TestHowMuchOnePersonAsks:
    def test_a_second_ask_while_one_is_prepared_leads_to_the_first(self, people, django_capture_on_commit_callbacks):
        owner = signed_in(people["owner"])
        with django_capture_on_commit_callbacks(execute=False):
            export_all(owner)
            again = export_all(owner)
        first = InquiryExport.objects.get()  # one only
        assert again.status_code == 302 and again["Location"] == f"{EXPORTS}{first.pk}/"
        shown = [str(message) for message in owner.get(again["Location"]).context["messages"]]
        assert shown == ["Your earlier export is still being prepared: here it is. Ask again when it is ready."]

    def test_five_a_day_each_at_most(self, people, django_capture_on_commit_callbacks):
        owner = signed_in(people["owner"])
        for _ in range(exports.EXPORTS_A_DAY):
            with django_capture_on_commit_callbacks(execute=True):
                export_all(owner)
        refused = export_all(owner)
        assert refused.status_code == 302 and refused["Location"] == EXPORTS
        assert InquiryExport.objects.count() == exports.EXPORTS_A_DAY
        shown = [str(message) for message in owner.get(EXPORTS).context["messages"]]
        assert shown == [
            "You have asked for 5 large exports in the last day, the most kept for one person. Download one from "
            "Your exports, or ask again once the oldest is deleted."
        ]
        # A colleague's own allowance is untouched.
        with django_capture_on_commit_callbacks(execute=True):
            assert export_all(signed_in(people["colleague"]))["Location"].startswith(EXPORTS)


def test_a_streamed_export_cut_short_has_recorded_every_row_it_sent(admissions_user, monkeypatch):
    monkeypatch.setattr(exports, "BATCH", 2)
    numbers = [InquiryFactory(name=f"Row {n}").pk for n in range(5)]
    lines = exports._streamed(Inquiry.objects.all(), admissions_user)
    header, first_batch = next(lines), next(lines)  # the reader stops after the first batch
    assert header.startswith("id,created_at,")
    assert len(first_batch.splitlines()) == 2
    assert sorted(AccessRecord.objects.values_list("inquiry_ref", flat=True)) == sorted(numbers)[:2]
