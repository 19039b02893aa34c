"""Run from cron (every few minutes), as send_follow_up_reminders: waitlist follow-ups due whose
reminder the task queue missed are queued again."""

from django.core.management.base import BaseCommand

from census.waitlist import send_due_reminders


class Command(BaseCommand):
    help = "Queue the reminders of waitlist follow-ups that are due and not yet reminded."

    def handle(self, *args, **options):
        count = send_due_reminders()
        self.stdout.write(f"{count} waitlist reminder{'s' if count != 1 else ''} queued.")
