"""Fill the stored search digits and duplicate flags of existing inquiries, and on PostgreSQL index
names and e-mail addresses for the admin's "contains" search (trigram indexes)."""

from datetime import timedelta

import phonenumbers
from django.db import migrations
from django.db.models import BooleanField, Case, Exists, OuterRef, Value, When

WINDOW = timedelta(days=30)  # a frozen copy of intake.models.DUPLICATE_WINDOW

# The admin's search asks for UPPER(column::text) LIKE UPPER('%…%'); these indexes answer it.
TRIGRAM_INDEXES = {
    "intake_inquiry_name_trgm": "name",
    "intake_inquiry_email_trgm": "email",
}


def fill(apps, schema_editor):
    Inquiry = apps.get_model("intake", "Inquiry")
    batch = []
    for inquiry in Inquiry.objects.only("pk", "phone", "email").iterator(chunk_size=2000):
        national = ""
        if inquiry.phone:
            national = str(phonenumbers.parse(str(inquiry.phone), "US").national_number)
        inquiry.phone_national, inquiry.phone_last7 = national, national[-7:]
        inquiry.email = (inquiry.email or "").strip().lower()
        batch.append(inquiry)
        if len(batch) == 2000:
            Inquiry.objects.bulk_update(batch, ["phone_national", "phone_last7", "email"])
            batch = []
    Inquiry.objects.bulk_update(batch, ["phone_national", "phone_last7", "email"])
    nearby = Inquiry.objects.filter(
        created_at__gte=OuterRef("created_at") - WINDOW, created_at__lte=OuterRef("created_at") + WINDOW
    ).exclude(pk=OuterRef("pk"))
    # Each lookup only when there is something to look for (see InquiryQuerySet.refresh_duplicate_flags).
    by_email = Case(
        When(email="", then=Value(False)),
        default=Exists(nearby.filter(email=OuterRef("email"))),
        output_field=BooleanField(),
    )
    flag = Case(
        When(phone="", then=by_email),
        When(Exists(nearby.filter(phone=OuterRef("phone"))), then=Value(True)),
        default=by_email,
        output_field=BooleanField(),
    )
    Inquiry.objects.update(has_duplicate=flag)


def add_trigram_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, column in TRIGRAM_INDEXES.items():
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON intake_inquiry USING gin (UPPER({column}::text) gin_trgm_ops)"
        )


def drop_trigram_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in TRIGRAM_INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("intake", "0006_channels_referrals_follow_ups")]

    operations = [
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.RunPython(add_trigram_indexes, drop_trigram_indexes),
    ]
