from django.core.management.base import BaseCommand

from intake.follow_ups import send_due


class Command(BaseCommand):
    help = "Remind owners of follow-ups that are due (a safety net for the task queue; run from cron)."

    def handle(self, *args, **options):
        self.stdout.write(f"Queued {send_due()} follow-up reminder(s).")
