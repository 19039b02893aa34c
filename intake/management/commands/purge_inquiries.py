from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from intake.models import AccessRecord, Inquiry, refresh_duplicates

MAX_DAYS = 100 * 365  # beyond this a date before year 1 would be asked for
BATCH = 1000


class Command(BaseCommand):
    help = "Delete closed and spam inquiries older than the retention period."

    def add_arguments(self, parser):
        parser.add_argument(
            "--older-than",
            type=int,
            metavar="DAYS",
            default=None,
            help=f"Retention in days (default: INTAKE_RETENTION_DAYS, now {settings.INTAKE_RETENTION_DAYS}).",
        )
        parser.add_argument("--dry-run", action="store_true", help="Say what would be deleted, delete nothing.")

    def handle(self, *args, older_than, dry_run, **options):
        days = settings.INTAKE_RETENTION_DAYS if older_than is None else older_than
        if not 1 <= days <= MAX_DAYS:
            raise CommandError(f"--older-than must be a number of days from 1 to {MAX_DAYS}.")
        doomed = Inquiry.objects.purgeable(timedelta(days=days))
        closed = doomed.filter(status=Inquiry.Status.CLOSED).count()
        spam = doomed.filter(status=Inquiry.Status.SPAM).count()
        verb = "Would delete" if dry_run else "Deleted"
        if not dry_run:
            self.purge(doomed)
        self.stdout.write(f"{verb} {closed + spam} inquiries older than {days} days: {closed} closed, {spam} spam.")

    def purge(self, doomed):
        """In batches, each its own transaction: memory stays bounded and a stop keeps what is done."""
        while True:
            with transaction.atomic():
                batch = list(doomed.values_list("pk", "phone", "email").order_by("pk")[:BATCH])
                if not batch:
                    return
                pks = [pk for pk, _, _ in batch]
                AccessRecord.record(None, pks, AccessRecord.Action.PURGE, "purge_inquiries")
                Inquiry.objects.filter(pk__in=pks).delete()
                refresh_duplicates([(str(phone or ""), email) for _, phone, email in batch])
