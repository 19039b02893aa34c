"""The CSV export of inquiries: its columns, cells a spreadsheet cannot run as formulas (common/
spreadsheets.py), and a response streamed row by row, so 200,000 inquiries take no more memory than
fifty."""

import logging

from django.db.models import CharField
from django.db.models.functions import Cast
from django.http import StreamingHttpResponse
from django.utils import timezone

from common.spreadsheets import SafeWriter
from intake.models import AccessRecord

logger = logging.getLogger(__name__)
BATCH = 2000

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


class _Line:
    """A file-like object csv.writer writes one line into, to hand it straight on."""

    def write(self, text):
        return text


def csv_response(inquiries, user):
    """A streamed CSV download of `inquiries`; every exported row is noted in the access log as it
    goes out, in batches."""
    response = StreamingHttpResponse(_rows(inquiries, user), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="inquiries-{timezone.localtime():%Y%m%d-%H%M}.csv"'
    response["Cache-Control"] = "no-store"
    return response


def _rows(inquiries, user):
    writer = SafeWriter(_Line())
    yield writer.writerow(COLUMNS)
    exported = []
    rows = inquiries.annotate(phone_text=Cast("phone", CharField())).order_by("pk").values_list(*COLUMNS.values())
    names = list(COLUMNS.values())
    level = names.index("level__short_name")
    times = [names.index("created_at"), names.index("first_contact_at")]
    for row in rows.iterator(chunk_size=BATCH):
        exported.append(row[0])
        cells = list(row)
        for index in times:
            cells[index] = timezone.localtime(row[index]).isoformat() if row[index] else ""
        cells[level] = cells[level] or "not sure"
        yield writer.writerow(cells)
        if len(exported) == BATCH:
            AccessRecord.record(user, exported, AccessRecord.Action.EXPORT)
            exported = []
    AccessRecord.record(user, exported, AccessRecord.Action.EXPORT)
    logger.info("user %s exported inquiries", getattr(user, "pk", None))
