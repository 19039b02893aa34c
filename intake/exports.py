"""The CSV export of inquiries: its columns, and cells a spreadsheet cannot run as formulas."""

import csv

from django.http import HttpResponse
from django.utils import timezone

COLUMNS = {
    "id": lambda i: i.pk,
    "created_at": lambda i: i.created_at.isoformat(),
    "status": lambda i: i.status,
    "name": lambda i: i.name,
    "phone": lambda i: str(i.phone or ""),
    "email": lambda i: i.email,
    "preferred_contact": lambda i: i.preferred_contact,
    "best_time": lambda i: i.best_time,
    "inquiry_for": lambda i: i.inquiry_for,
    "level": lambda i: i.level.short_name if i.level else "not sure",
    "payment": lambda i: i.payment,
    "insurance_carrier": lambda i: i.insurance_carrier,
    "first_contact_at": lambda i: i.first_contact_at.isoformat() if i.first_contact_at else "",
    "assigned_to": lambda i: i.assigned_to or "",
}


def csv_response(inquiries):
    """A CSV download of `inquiries`, and the ids it holds."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="inquiries-{timezone.localtime():%Y%m%d-%H%M}.csv"'
    writer = csv.writer(response)
    writer.writerow(COLUMNS)
    exported = []
    for inquiry in inquiries.select_related("level", "assigned_to"):
        exported.append(inquiry.pk)
        writer.writerow([csv_safe(cell(inquiry)) for cell in COLUMNS.values()])
    return response, exported


def csv_safe(value):
    """Stop spreadsheet programs from running a cell as a formula."""
    text = str(value)
    return f"'{text}" if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
