from django.core.management.base import BaseCommand

from intake.notifications import retry_unsent


class Command(BaseCommand):
    help = "Queue again every admissions notification that has not been sent (run it from cron)."

    def handle(self, *args, **options):
        count = retry_unsent()
        self.stdout.write(f"Queued {count} unsent notification(s).")
