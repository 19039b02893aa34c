"""Run from cron (every few minutes): holds whose time passed free their bed or place, and the
waitlist's next person's owner is told. The board notices them too when it is next opened."""

from django.core.management.base import BaseCommand

from census.services import notice_expired_holds


class Command(BaseCommand):
    help = "Notice holds whose time has passed and tell the waitlist (once each)."

    def handle(self, *args, **options):
        count = notice_expired_holds()
        self.stdout.write(f"{count} expired hold{'s' if count != 1 else ''} noticed.")
