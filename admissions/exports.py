"""The CSV export of inquiries: its columns, and cells a spreadsheet cannot run as formulas (common/
spreadsheets.py).

Up to STREAM_AT_MOST inquiries are streamed straight to the person, row by row. More are written by a
background task into the private storage (`storages["private"]`), for the person who asked to fetch
from the export's page (admissions/export_views.py); the file and its row are deleted after a day
(`purge_expired`, run at each new export and by `manage.py purge_exports`). Either way each exported
inquiry is noted in the access log when it goes out to the person, in batches."""

import io
import logging
import tempfile
import uuid

from django.contrib import messages
from django.core.files import File
from django.core.files.storage import storages
from django.db import transaction
from django.db.models import CharField
from django.db.models.functions import Cast
from django.http import HttpResponseRedirect, StreamingHttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst
from django_tasks import task

from common.spreadsheets import SafeWriter
from intake.models import AccessRecord, Inquiry, InquiryExport, search_kind

logger = logging.getLogger(__name__)
BATCH = 2000
# A streamed export holds a web worker while it runs, about 0.11 ms a row (22 s for 200,000): 5,000
# rows take about half a second, a few percent of gunicorn's 30 s timeout, and the person gets their
# file at once. Anything larger is prepared in the background.
STREAM_AT_MOST = 5000
# Large exports one person may hold at once (each is a copy of up to every inquiry, kept a day).
EXPORTS_A_DAY = 5

# Column name: what is read for it. Plain values, not model objects: 200,000 rows must stream
# well inside the worker's timeout (a phone number object alone costs more than the rest of a row).
COLUMNS = {
    "id": "pk",
    "created_at": "created_at",
    "status": "status",
    "channel": "channel",
    "language": "language",
    "name": "name",
    "phone": "phone_text",
    "email": "email",
    "preferred_contact": "preferred_contact",
    "best_time": "best_time",
    "inquiry_for": "inquiry_for",
    "level": "level__short_name",
    "payment": "payment",
    "insurance_carrier": "insurance_carrier",
    "referral_source": "referral_source__name",
    "first_contact_at": "first_contact_at",
    "assigned_to": "assigned_to__username",
}
_NAMES = list(COLUMNS.values())
_LEVEL = _NAMES.index("level__short_name")
_TIMES = [_NAMES.index("created_at"), _NAMES.index("first_contact_at")]
_PHONE = _NAMES.index("phone_text")


def export_response(inquiries, request, model_admin):
    """What the inbox's export action answers: the CSV itself for a few inquiries; for more, the
    page of an export being prepared in the background."""
    ids = list(inquiries.order_by("pk").values_list("pk", flat=True))
    if len(ids) <= STREAM_AT_MOST:
        return csv_response(Inquiry.objects.filter(pk__in=ids), request.user)
    mine = InquiryExport.objects.of(request.user)
    waiting = mine.filter(state=InquiryExport.State.PREPARING).order_by("requested_at").first()
    if waiting is not None:
        # One at a time each: a second click would only queue a second copy behind the first.
        messages.warning(
            request, "Your earlier export is still being prepared: here it is. Ask again when it is ready."
        )
        return HttpResponseRedirect(waiting.get_absolute_url())
    if mine.count() >= EXPORTS_A_DAY:
        messages.error(
            request,
            f"You have asked for {EXPORTS_A_DAY} large exports in the last day, the most kept for one person. "
            "Download one from Your exports, or ask again once the oldest is deleted.",
        )
        return HttpResponseRedirect(reverse("admin:intake_inquiry_exports"))
    export = request_export(request.user, ids, describe_filters(request, model_admin))
    return HttpResponseRedirect(export.get_absolute_url())


def describe_filters(request, model_admin):
    """The inbox filters behind the selection, in the words of the list's own filters ("Status: Open
    (not closed, admitted or referred)", "Channel: Phone"), for the export's record; a search by its
    kind only, never its text."""
    changelist = model_admin.get_changelist_instance(request)
    parts = []
    for spec in changelist.filter_specs:
        choices = list(spec.choices(changelist))
        chosen = [choice["display"] for choice in choices if choice["selected"]]
        # A filter left as it was (Django's "All", "Any date") narrows nothing: not worth saying.
        if chosen and chosen[0] != choices[0]["display"] or spec.title == "status":
            parts.append(f"{capfirst(str(spec.title))}: {', '.join(str(display) for display in chosen)}")
    if request.GET.get("q"):
        parts.append(f"search for {search_kind(request.GET['q'])}")
    across = request.POST.get("select_across") == "1"
    parts.append("every matching inquiry" if across else "the inquiries ticked")
    return "; ".join(parts)[:300]


# Streamed


class _Line:
    """A file-like object csv.writer writes one line into, to hand it straight on."""

    def write(self, text):
        return text


def csv_response(inquiries, user):
    """A streamed CSV download of `inquiries`; every exported row is noted in the access log as it
    goes out, in batches."""
    response = StreamingHttpResponse(_streamed(inquiries, user), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{file_name(timezone.now())}"'
    response["Cache-Control"] = "no-store"
    return response


def file_name(when):
    return f"inquiries-{timezone.localtime(when):%Y%m%d-%H%M}.csv"


def _streamed(inquiries, user):
    """The CSV's lines; each batch of rows is noted in the access log before it goes out, so a download
    cut short never leaves rows that were sent unrecorded."""
    writer = SafeWriter(_Line())
    yield writer.writerow(COLUMNS)
    batch = []
    for pk, cells in _rows(inquiries):
        batch.append((pk, writer.writerow(cells)))
        if len(batch) == BATCH:
            yield _recorded(batch, user)
            batch = []
    yield _recorded(batch, user)
    logger.info("user %s exported inquiries", getattr(user, "pk", None))


def _recorded(batch, user):
    AccessRecord.record(user, [pk for pk, _ in batch], AccessRecord.Action.EXPORT)
    return "".join(line for _, line in batch)


def _rows(inquiries):
    """(number, cells) of each inquiry, in order of number, read BATCH at a time."""
    rows = inquiries.annotate(phone_text=Cast("phone", CharField())).order_by("pk").values_list(*_NAMES)
    for row in rows.iterator(chunk_size=BATCH):
        cells = list(row)
        for index in _TIMES:
            cells[index] = timezone.localtime(row[index]).isoformat() if row[index] else ""
        cells[_LEVEL] = cells[_LEVEL] or "not sure"
        cells[_PHONE] = _dialable(cells[_PHONE])
        yield row[0], cells


def _dialable(phone):
    """A US number as dialers and spreadsheets read it, "(818) 555-0101": written "+18185550101" it
    would reach the sheet as "'+18185550101", since the formula guard must escape a leading "+".
    Numbers from elsewhere keep their "+" (and so the guard's apostrophe)."""
    if phone and len(phone) == 12 and phone.startswith("+1"):
        return f"({phone[2:5]}) {phone[5:8]}-{phone[8:]}"
    return phone or ""


# Prepared in the background


def request_export(user, ids, filters):
    """Records an export of the inquiries numbered `ids` and queues its preparation once committed."""
    export = InquiryExport.objects.create(requested_by=user, inquiry_ids=ids, row_count=len(ids), filters=filters)
    transaction.on_commit(lambda: _enqueue(export.pk))
    return export


def _enqueue(export_id):
    try:
        prepare_export.enqueue(export_id)  # the number only: the task reads the rest from the row
    except Exception as error:
        logger.error("export %s could not be queued: %s", export_id, type(error).__name__)
        _fail(export_id, "it could not be queued")


# Below the default: a new inquiry's alert or a follow-up reminder waiting in the same queue goes first.
@task(priority=-10)
def prepare_export(export_id):
    """Writes the export's CSV into the private storage and marks it ready (or failed, saying why).
    Expired exports are purged first, here in the task worker: a storage slow to delete never holds
    a web worker."""
    purge_expired()
    export = InquiryExport.objects.filter(pk=export_id, state=InquiryExport.State.PREPARING).first()
    if export is None:
        return "skipped"  # purged, or done already
    user = export.requested_by
    if user is None or not user.is_active or not user.has_perm("intake.export_inquiry"):
        _fail(export_id, "the person who asked may no longer export inquiries")
        return "refused"
    try:
        name, written = _write(export.inquiry_ids)
    except Exception as error:
        # The kind of error only: its text could quote a row.
        logger.warning("export %s failed: %s", export_id, type(error).__name__)
        _fail(export_id, _failure(error))
        return "failed"
    ready = InquiryExport.objects.filter(pk=export_id, state=InquiryExport.State.PREPARING)
    if not ready.update(
        state=InquiryExport.State.READY,
        file_name=name,
        inquiry_ids=written,
        row_count=len(written),
        finished_at=timezone.now(),
    ):
        storages["private"].delete(name)  # purged while it was being written
        return "skipped"
    logger.info("export %s ready: %s rows", export_id, len(written))
    return "ready"


def _write(ids):
    """The CSV of these inquiries (those still there) saved in the private storage: its name there and
    the numbers written, in order. Written to a temporary file first, so memory stays bounded here."""
    written = []
    with tempfile.TemporaryFile() as raw:
        text = io.TextIOWrapper(raw, encoding="utf-8", newline="")
        writer = SafeWriter(text)
        writer.writerow(COLUMNS)
        for start in range(0, len(ids), BATCH):
            for pk, cells in _rows(Inquiry.objects.filter(pk__in=ids[start : start + BATCH])):
                written.append(pk)
                writer.writerow(cells)
        text.flush()
        text.detach()  # leaves `raw` open for the storage to read
        raw.seek(0)
        name = storages["private"].save(f"exports/{uuid.uuid4().hex}.csv", File(raw))
    return name, written


def _failure(error):
    """Why an export failed, in words a coordinator can act on."""
    if isinstance(error, OSError):
        return "the private file store did not answer or refused the file"
    return f"something unexpected stopped it (logged as {type(error).__name__})"


def _fail(export_id, reason):
    InquiryExport.objects.filter(pk=export_id, state=InquiryExport.State.PREPARING).update(
        state=InquiryExport.State.FAILED, failure=reason[:100], finished_at=timezone.now()
    )


def purge_expired(now=None):
    """Deletes the exports asked for over a day ago, file first: a file that cannot be deleted now
    keeps its row, so the next purge tries again. How many were deleted."""
    storage, deleted = storages["private"], 0
    for export in InquiryExport.objects.expired(now).only("pk", "file_name"):
        try:
            if export.file_name:
                storage.delete(export.file_name)
        except Exception as error:
            logger.error("the file of export %s could not be deleted: %s", export.pk, type(error).__name__)
            continue
        export.delete()
        deleted += 1
    return deleted
