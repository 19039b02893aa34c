import secrets

import reversion
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from demo.articles import ARTICLES, load_articles
from demo.census import load_census
from demo.history import load_history
from demo.inquiries import INQUIRIES, load_inquiries
from demo.levels import load_levels, review_levels
from demo.pages import load_pages
from demo.review import load_review
from demo.screening import load_screening
from demo.site import load_site
from demo.synonyms import load_synonyms
from demo.verifications import load_verifications

DEMO_USERS = [
    ("admin", "Demo administrator", None, True),
    ("admissions", "Demo admissions coordinator", "Admissions", False),
    ("editor", "Demo content editor", "Content editors", False),
    # Signs off changes to reviewed text as Dana Whitfield (demo/review.py).
    ("reviewer", "Demo clinical reviewer", "Reviewers", False),
    # Confirms the level of care the pre-admission screens recommend.
    ("clinician", "Demo clinician", "Clinicians", False),
]


class Command(BaseCommand):
    help = "Fill the database with the demo center's settings and content. Safe to run again."

    def add_arguments(self, parser):
        parser.add_argument("--admin", action="store_true", help="Also create demo staff logins (DEBUG only).")

    @transaction.atomic
    def handle(self, *args, admin=False, **options):
        if admin and not settings.DEBUG:
            raise CommandError(
                "Refusing to create demo logins with DEBUG off: create real accounts with createsuperuser."
            )
        if admin:
            self.create_users()  # first, so the demo admissions work has someone doing it
        load_site()
        with reversion.create_revision():  # the content's first saved version, to restore later
            reversion.set_comment("Demo content")
            levels = load_levels()
            load_articles(levels)
            load_synonyms()
            review_levels(levels)  # by the reviewers the articles brought
            pages = load_pages()
        load_review()  # after the first version, so that the change waiting is not part of it
        load_inquiries(levels)
        verifications = load_verifications(levels)
        screens = load_screening(levels)  # after the verifications, which a payer links to
        history = load_history(levels)
        beds, stays = load_census(levels)
        self.stdout.write(
            f"Demo content ready: {len(levels)} levels of care, {len(ARTICLES)} articles, {pages} pages, "
            f"{len(INQUIRIES)} inquiries ({verifications} new insurance verifications)"
            f" and {history} more over the past 90 days; {screens} pre-admission screens;"
            f" {beds} beds and {stays} stays in the census."
        )

    def create_users(self):
        User = get_user_model()
        for username, full_name, group_name, superuser in DEMO_USERS:
            if User.objects.filter(username=username).exists():
                self.stdout.write(f"Login “{username}” already exists; its password is unchanged.")
                continue
            password = secrets.token_urlsafe(12)
            first, _, last = full_name.partition(" ")
            user = User.objects.create_user(
                username, password=password, first_name=first, last_name=last, is_staff=True, is_superuser=superuser
            )
            if group_name:
                user.groups.add(Group.objects.get(name=group_name))
            self.stdout.write(self.style.SUCCESS(f"Created login “{username}” ({full_name}) with password: {password}"))
