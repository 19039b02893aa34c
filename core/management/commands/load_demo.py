import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from core.demo.articles import ARTICLES, REVIEWER, TOPICS
from core.demo.inquiries import INQUIRIES
from core.demo.levels import LEVELS
from core.models import SiteSettings
from faq.models import Article, Question, Reviewer, Topic
from intake.forms import CONSENT_TEXT
from intake.models import Inquiry
from levels.models import LevelOfCare

DEMO_USERS = [
    ("admin", "Demo administrator", None, True),
    ("admissions", "Demo admissions coordinator", "Admissions", False),
    ("editor", "Demo content editor", "Content editors", False),
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
        site, _ = SiteSettings.objects.get_or_create(pk=1)
        site.save()  # refresh the cached copy
        levels = self.load_levels()
        self.load_articles(levels)
        self.load_inquiries(levels)
        self.stdout.write(
            f"Demo content ready: {len(levels)} levels of care, {len(ARTICLES)} articles, {len(INQUIRIES)} inquiries."
        )
        if admin:
            self.create_users()

    def load_levels(self):
        levels = {}
        for data in LEVELS:
            level, _ = LevelOfCare.objects.update_or_create(slug=data["slug"], defaults={**data, "is_published": True})
            levels[level.slug] = level
        chain = [data["slug"] for data in LEVELS]
        for upper, lower in zip(chain, chain[1:], strict=False):
            LevelOfCare.objects.filter(slug=upper).update(steps_down_to=levels[lower])
            LevelOfCare.objects.filter(slug=lower).update(steps_up_to=levels[upper])
        return levels

    def load_articles(self, levels):
        reviewer, _ = Reviewer.objects.update_or_create(name=REVIEWER["name"], defaults=REVIEWER)
        topics = {data["slug"]: Topic.objects.update_or_create(slug=data["slug"], defaults=data)[0] for data in TOPICS}
        now = timezone.now()
        for data in ARTICLES:
            published = now - timedelta(days=data["days_ago"])
            fields = {
                "title": data["title"],
                "introduction": data["introduction"],
                "closing": data["closing"],
                "status": Article.Status.PUBLISHED,
                "reviewer": reviewer,
                "last_reviewed": published.date(),
            }
            # A rerun keeps the original publish date.
            article, _ = Article.objects.update_or_create(
                slug=data["slug"], defaults=fields, create_defaults={**fields, "publish_at": published}
            )
            article.topics.set([topics[slug] for slug in data["topics"]])
            article.related_levels.set([levels[slug] for slug in data["levels"]])
            for position, (question, answer) in enumerate(data["questions"], start=1):
                Question.objects.update_or_create(
                    article=article, position=position, defaults={"question": question, "answer": answer}
                )
            article.questions.filter(position__gt=len(data["questions"])).delete()

    def load_inquiries(self, levels):
        now = timezone.now()
        for data in INQUIRIES:
            if Inquiry.objects.filter(name=data["name"]).exists():
                continue
            data = dict(data)
            created = now - timedelta(minutes=data.pop("minutes_ago"))
            level = levels.get(data.pop("level") or "")
            inquiry = Inquiry(level=level, consent_text=CONSENT_TEXT, created_at=created, **data)
            if inquiry.status not in (Inquiry.Status.NEW, Inquiry.Status.SPAM, Inquiry.Status.CLOSED):
                inquiry.first_contact_at = created + timedelta(minutes=12)
            if inquiry.status == Inquiry.Status.CLOSED:
                inquiry.first_contact_at = created + timedelta(minutes=9)
                inquiry.closed_at = created + timedelta(days=2)
            inquiry.save()

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
