from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from intake.models import AccessRecord, Inquiry

MAX_DAYS = 100 * 365  # beyond this a date before year 1 would be asked for


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
            with transaction.atomic():
                AccessRecord.record(
                    None, doomed.values_list("pk", flat=True), AccessRecord.Action.PURGE, "purge_inquiries"
                )
                doomed.delete()
        self.stdout.write(f"{verb} {closed + spam} inquiries older than {days} days: {closed} closed, {spam} spam.")
