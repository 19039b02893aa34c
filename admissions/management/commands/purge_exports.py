from django.core.management.base import BaseCommand

from admissions.exports import purge_expired


class Command(BaseCommand):
    help = "Delete the inquiry exports (their files and records) asked for over a day ago."

    def handle(self, *args, **options):
        self.stdout.write(f"Deleted {purge_expired()} exports older than a day.")
