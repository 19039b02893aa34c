from django.core.management.base import BaseCommand

from intake.assessment_reminders import send_due


class Command(BaseCommand):
    help = "Remind assessors of assessments within the next day (a safety net for the task queue; run from cron)."

    def handle(self, *args, **options):
        self.stdout.write(f"Queued {send_due()} assessment reminder(s).")
