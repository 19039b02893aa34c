from datetime import timedelta

import factory
from django.apps import apps as django_apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from faq.models import Article, Question, Reviewer, Source, Topic
from intake.forms import CONSENT_TEXT
from intake.models import Inquiry, Note, ReferralContact, ReferralSource
from levels.models import LevelOfCare
from pages.models import Page
from staff.groups import ensure_staff_groups


class LevelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LevelOfCare

    name = factory.Sequence(lambda n: f"Program {n}")
    slug = factory.Sequence(lambda n: f"program-{n}")
    short_name = factory.Sequence(lambda n: f"P{n}")
    asam_level = "2.1"
    summary = "A program for testing."
    description = "What it is."
    who_it_fits = "Who it fits."
    typical_week = "A week."
    hours_min = 9
    hours_max = 19
    days_min = 3
    days_max = 5
    weeks_min = 8
    weeks_max = 12
    intensity_rank = factory.Sequence(lambda n: n + 100)
    is_published = True


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic

    name = factory.Sequence(lambda n: f"Topic {n}")
    slug = factory.Sequence(lambda n: f"topic-{n}")


class ReviewerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Reviewer

    name = "Jordan Lee"
    slug = factory.Sequence(lambda n: f"reviewer-{n}")
    credentials = "MD"
    bio = "Addiction medicine physician."


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Article {n}")
    slug = factory.Sequence(lambda n: f"article-{n}")
    introduction = "An introduction."
    closing = "Call us."
    status = Article.Status.PUBLISHED
    publish_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))
    reviewer = factory.SubFactory(ReviewerFactory)
    last_reviewed = factory.LazyFunction(timezone.localdate)

    @factory.post_generation
    def questions(article, create, count, **kwargs):
        for position in range(1, (count or 0) + 1):
            QuestionFactory(article=article, position=position)


# An article no reviewer has signed off: an editor's save goes live at once (review/). For tests of
# something else than review that edit an article's text in the admin.
UNREVIEWED = {"status": Article.Status.DRAFT, "reviewer": None, "last_reviewed": None}


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Question

    article = factory.SubFactory(ArticleFactory)
    position = factory.Sequence(lambda n: n + 1)
    question = factory.Sequence(lambda n: f"Question number {n}?")
    answer = "An answer."


class InquiryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Inquiry

    name = "Test Person"
    phone = "+18185550199"
    email = "person@example.com"
    consent_text = CONSENT_TEXT


class NoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Note

    inquiry = factory.SubFactory(InquiryFactory)
    kind = Note.Kind.CALL


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    is_staff = True
    password = factory.PostGenerationMethodCall("set_password", "a-strong-test-pass")

    @factory.post_generation
    def group(user, create, name, **kwargs):
        if name:
            if not Group.objects.filter(name=name).exists():
                ensure_staff_groups(django_apps)  # a flushing (transactional) test removed them
            user.groups.add(Group.objects.get(name=name))
        user.save()


class ReferralSourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReferralSource

    name = factory.Sequence(lambda n: f"Valley Hospital {n}")
    kind = ReferralSource.Kind.HOSPITAL


class ReferralContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReferralContact

    source = factory.SubFactory(ReferralSourceFactory)
    name = factory.Sequence(lambda n: f"Case Manager {n}")
    role = "Discharge planner"


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source

    article = factory.SubFactory(ArticleFactory)
    position = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Source {n}")
    publisher = "SAMHSA"
    url = "https://www.samhsa.gov/"


class PageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Page

    title = factory.Sequence(lambda n: f"Page {n}")
    slug = factory.Sequence(lambda n: f"page-{n}")
    body = "Some words about the center.\n\n## A part of it\n\nMore words."
    is_published = True
    in_footer = True


# --- The census (census/) -------------------------------------------------------------------------


class BedFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "census.Bed"
        skip_postgeneration_save = True

    unit = "North"
    room = factory.Sequence(lambda n: f"{n + 1}")
    label = "A"

    @factory.post_generation
    def levels(bed, create, levels, **kwargs):
        if create and levels:
            bed.levels.set(levels)


class ProgramFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "census.Program"

    level = factory.SubFactory(LevelFactory, lives_on_site=False)
    name = factory.Sequence(lambda n: f"IOP group {n}")
    schedule = "Mon–Thu 9:00–12:00"
    places = 12


class WaitlistEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "census.WaitlistEntry"

    inquiry = factory.SubFactory(InquiryFactory)
    level = factory.SubFactory(LevelFactory)
    waiting_for = "a bed"
