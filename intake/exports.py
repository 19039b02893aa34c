"""The CSV export of inquiries: its columns, cells a spreadsheet cannot run as formulas, and a
response streamed row by row, so 200,000 inquiries take no more memory than fifty."""

import csv
import logging

from django.http import StreamingHttpResponse
from django.utils import timezone

from .models import AccessRecord

logger = logging.getLogger(__name__)
BATCH = 2000

COLUMNS = {
    "id": lambda i: i.pk,
    "created_at": lambda i: timezone.localtime(i.created_at).isoformat(),
    "status": lambda i: i.status,
    "channel": lambda i: i.channel,
    "name": lambda i: i.name,
    "phone": lambda i: str(i.phone or ""),
    "email": lambda i: i.email,
    "preferred_contact": lambda i: i.preferred_contact,
    "best_time": lambda i: i.best_time,
    "inquiry_for": lambda i: i.inquiry_for,
    "level": lambda i: i.level.short_name if i.level else "not sure",
    "payment": lambda i: i.payment,
    "insurance_carrier": lambda i: i.insurance_carrier,
    "referral_source": lambda i: i.referral_source or "",
    "first_contact_at": lambda i: timezone.localtime(i.first_contact_at).isoformat() if i.first_contact_at else "",
    "assigned_to": lambda i: i.assigned_to or "",
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
    writer = csv.writer(_Line())
    yield writer.writerow(COLUMNS)
    exported = []
    rows = inquiries.select_related("level", "assigned_to", "referral_source").order_by("pk")
    for inquiry in rows.iterator(chunk_size=BATCH):
        exported.append(inquiry.pk)
        yield writer.writerow([csv_safe(cell(inquiry)) for cell in COLUMNS.values()])
        if len(exported) == BATCH:
            AccessRecord.record(user, exported, AccessRecord.Action.EXPORT)
            exported = []
    AccessRecord.record(user, exported, AccessRecord.Action.EXPORT)
    logger.info("user %s exported inquiries", getattr(user, "pk", None))


def csv_safe(value):
    """Stop spreadsheet programs from running a cell as a formula."""
    text = str(value)
    return f"'{text}" if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
