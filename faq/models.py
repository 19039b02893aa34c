import re
from datetime import timedelta

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy, pgettext_lazy

from common.dates import add_months
from common.markdown import html_to_text, per_language, render_fields
from common.text import fold, shorten
from core.languages import has_translation_annotation
from core.links import validate_internal_links
from core.models import picture_field


class Topic(models.Model):
    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    description = models.CharField(max_length=200, blank=True, help_text="One line shown on the topic's page.")

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("faq:topic", kwargs={"slug": self.slug})


# Credentials that make a review medical; the others (LMFT, LCSW, PsyD, PhD, LPCC, LMHC, CADC...)
# make it clinical. Read once, when a reviewer is saved without a kind chosen.
MEDICAL_CREDENTIALS = {"MD", "DO", "NP", "FNP", "PMHNP", "APRN", "PA", "PA-C", "RN", "BSN", "MSN", "PHARMD", "DNP"}


def review_kind_for(credentials):
    """The kind of review someone with `credentials` (“MD, board certified…”, “LMFT”) gives."""
    words = set()
    for word in re.split(r"[\s,;/()]+", credentials or ""):
        word = word.replace(".", "").upper()  # M.D., Pharm.D.
        words.update({word, *word.split("-")})  # PA-C as written; MD-PhD, RN-BC, PMHNP-BC by their parts
    return Reviewer.Kind.MEDICAL if words & MEDICAL_CREDENTIALS else Reviewer.Kind.CLINICAL


REVIEWER_ROLES = {
    "medical": pgettext_lazy("reviewedBy jobTitle", "Medical reviewer"),
    "clinical": pgettext_lazy("reviewedBy jobTitle", "Clinical reviewer"),
}


class Reviewer(models.Model):
    """A clinician on staff who checks articles for medical or clinical accuracy; each has a public
    page, and signs off changes with their own account (review/)."""

    class Kind(models.TextChoices):
        # The labels are what pages say before the reviewer's name.
        MEDICAL = "medical", gettext_lazy("Medically reviewed by")
        CLINICAL = "clinical", gettext_lazy("Clinically reviewed by")

    name = models.CharField(max_length=100)
    slug = models.SlugField(max_length=100, unique=True, help_text="The address of their page.")
    credentials = models.CharField(
        max_length=80,
        help_text="Degrees and licences as they should appear, e.g. “MD, board certified in addiction medicine” "
        "or “LMFT”.",
    )
    specialty = models.CharField(
        max_length=120, blank=True, help_text="What they know best, e.g. “Addiction medicine” or “Family therapy”."
    )
    bio = models.TextField(blank=True, help_text="Two or three sentences about their background.")
    picture = picture_field("photo", "A portrait, shown on their page and beside the articles they reviewed.")
    kind = models.CharField(
        "kind of review",
        max_length=10,
        choices=Kind.choices,
        blank=True,
        help_text="“Medically reviewed” for MD, DO, NP, PA, RN, PharmD; “Clinically reviewed” for LMFT, LCSW, "
        "PsyD, PhD, LPCC, LMHC, CADC. Left empty, it follows the credentials.",
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reviewer_profile",
        verbose_name="account",
        help_text="Their sign-in, in the Reviewers group: approving a change names this profile.",
    )

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return f"{self.name}, {self.credentials}"

    def save(self, *args, **kwargs):
        if not self.kind:
            self.kind = review_kind_for(self.credentials)
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "kind"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("faq:reviewer", kwargs={"slug": self.slug})

    @property
    def review_label(self):
        """“Medically reviewed by” or “Clinically reviewed by”, in the active language."""
        return self.Kind(self.kind or review_kind_for(self.credentials)).label

    @property
    def role_label(self):
        """“Medical reviewer” or “Clinical reviewer”: their page's title and their jobTitle in JSON-LD."""
        return REVIEWER_ROLES[self.kind or review_kind_for(self.credentials)]


def set_review_due(instance, save_kwargs):
    """Before a save: the next review's date, from the last review and the interval (articles', levels' and pages')."""
    instance.review_due_on = instance.last_reviewed and add_months(
        instance.last_reviewed, instance.review_interval_months
    )
    if save_kwargs.get("update_fields") is not None:
        save_kwargs["update_fields"] = {*save_kwargs["update_fields"], "review_due_on"}


# The review-due list warns this many days ahead.
REVIEW_NOTICE_DAYS = 30


class ArticleQuerySet(models.QuerySet):
    def published(self):
        """Articles a visitor may see: published, and their publish time has come.

        The one rule: pages, search, feeds, sitemaps, links, the admin and the preview all ask it.
        """
        return self.filter(status=Article.Status.PUBLISHED, publish_at__lte=timezone.now())

    def next_publication(self, now):
        """When the next scheduled article goes live, or None: `published()` changes then by itself."""
        return (
            self.filter(status=Article.Status.PUBLISHED, publish_at__gt=now)
            .order_by("publish_at")
            .values_list("publish_at", flat=True)
            .first()
        )

    def with_visibility(self):
        """Each article with `is_visible`: whether `published()` includes it now."""
        return self.annotate(is_visible=Exists(self.model.objects.published().filter(pk=OuterRef("pk"))))

    def newest_first(self):
        return self.order_by("-publish_at", "-pk")

    def links(self):
        """Just enough to link to articles, newest first, and to say which are English only."""
        return self.newest_first().only("title", "slug", "publish_at").with_translation()

    def with_translation(self):
        """Each article with whether it is written in Spanish (languages.has_translation), without
        loading its text."""
        return self.annotate(**has_translation_annotation(self.model))

    def for_listing(self):
        return self.newest_first().select_related("reviewer").prefetch_related("topics")

    def review_due(self, today, within_days=REVIEW_NOTICE_DAYS):
        """Articles whose medical review is overdue or due within `within_days` of `today`, and
        published ones never reviewed; the most overdue first."""
        return self.filter(
            models.Q(review_due_on__lte=today + timedelta(days=within_days))
            | models.Q(status=Article.Status.PUBLISHED, last_reviewed__isnull=True)
        ).order_by(models.F("review_due_on").asc(nulls_first=True), "pk")


# Read only inside the database, by search.
SEARCH_ONLY_FIELDS = ["search_vector", "search_vector_es", "search_text", "search_text_es"]


class ArticleManager(models.Manager.from_queryset(ArticleQuerySet)):
    def get_queryset(self):
        # The search vector is only read inside the database.
        return super().get_queryset().defer(*SEARCH_ONLY_FIELDS)


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"

    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True, help_text="The article's web address.")
    introduction = models.TextField(help_text="Opening paragraphs. Markdown.", validators=[validate_internal_links])
    closing = models.TextField(
        blank=True, help_text="The closing call to reach out. Markdown.", validators=[validate_internal_links]
    )
    # Rendered from the Markdown above at every save.
    introduction_html = models.TextField(editable=False, default="")
    closing_html = models.TextField(editable=False, default="")
    teaser = models.CharField(
        max_length=160, editable=False, default="", help_text="The meta description, or the introduction's start."
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    publish_at = models.DateTimeField(
        "publish date",
        default=timezone.now,
        help_text="A published article stays hidden until this time.",
    )
    topics = models.ManyToManyField(Topic, blank=True, related_name="articles")
    related_levels = models.ManyToManyField(
        "levels.LevelOfCare", blank=True, related_name="articles", verbose_name="related levels of care"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewer = models.ForeignKey(
        Reviewer,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="articles",
        verbose_name="medical reviewer",
    )
    last_reviewed = models.DateField(
        null=True, blank=True, help_text="When the reviewer last checked it. Needed to publish."
    )
    review_interval_months = models.PositiveSmallIntegerField(
        "review every",
        default=12,
        validators=[MinValueValidator(1), MaxValueValidator(36)],
        help_text="Months between medical reviews (1 to 36).",
    )
    # last_reviewed + review_interval_months, kept at save so the review-due list is one indexed query.
    review_due_on = models.DateField("review due", null=True, editable=False, db_index=True)
    meta_description = models.CharField(max_length=160, blank=True, help_text="For search results; 160 characters.")
    picture = picture_field()
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Kept up to date by faq.search on PostgreSQL; unused (empty) on SQLite.
    search_vector = SearchVectorField(null=True, editable=False)
    # The same in Spanish (Spanish stemming, Spanish text where there is some, English where not).
    search_vector_es = SearchVectorField(null=True, editable=False)
    # Kept up to date by faq.search elsewhere (SQLite); empty on PostgreSQL: the text search looks in,
    # folded (lower case, no accents), English and Spanish.
    search_text = models.TextField(editable=False, default="")
    search_text_es = models.TextField(editable=False, default="")

    objects = ArticleManager()

    # An article is written in Spanish (unmarked in Spanish lists and feeds, with a Spanish alternate
    # for search engines) when its title and its introduction are: the questions may still lack some
    # answers, which its page then notes. See core.languages.has_translation.
    TRANSLATION_REQUIRES = ("title", "introduction")

    class Meta:
        ordering = ["-publish_at", "-pk"]
        indexes = [models.Index(fields=["status", "publish_at"], name="faq_article_published_idx")]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        render_fields(self, kwargs, {"introduction_html": "introduction", "closing_html": "closing"})
        for teaser, meta_description, introduction_html in per_language(
            self, "teaser", "meta_description", "introduction_html"
        ):
            text = getattr(self, meta_description) or shorten(html_to_text(getattr(self, introduction_html)))
            setattr(self, teaser, text)
        set_review_due(self, kwargs)
        if kwargs.get("update_fields") is not None:
            teasers = [names[0] for names in per_language(self, "teaser")]
            kwargs["update_fields"] = {*kwargs["update_fields"], "teaser", *teasers, "review_due_on"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("faq:detail", kwargs={"slug": self.slug})

    def get_preview_url(self):
        return reverse("faq:preview", kwargs={"slug": self.slug})

    def clean(self):
        # Keyed on status, the one of these fields the article list's quick edit shows too.
        if self.status == self.Status.PUBLISHED and not (self.reviewer_id and self.last_reviewed):
            raise ValidationError(
                {
                    "status": "An article is published only after its medical review: choose the medical "
                    "reviewer and the date they last reviewed it, or keep it a draft."
                }
            )
        if self.last_reviewed and self.last_reviewed > timezone.localdate():
            raise ValidationError({"last_reviewed": "A review date cannot be in the future."})


class Question(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField(help_text="Order within the article, starting at 1.")
    question = models.CharField(max_length=300)
    answer = models.TextField(help_text="Markdown.", validators=[validate_internal_links])
    answer_html = models.TextField(editable=False, default="")

    class Meta:
        ordering = ["article", "position"]
        constraints = [
            models.UniqueConstraint(fields=["article", "position"], name="faq_question_unique_position"),
        ]

    def __str__(self):
        return self.question

    def save(self, *args, **kwargs):
        render_fields(self, kwargs, {"answer_html": "answer"})
        super().save(*args, **kwargs)
        self._touch_article()

    def get_absolute_url(self):
        return f"{self.article.get_absolute_url()}#{self.anchor}"

    def delete(self, *args, **kwargs):
        result = super().delete(*args, **kwargs)
        self._touch_article()
        return result

    def _touch_article(self):
        # A question is part of its article: the article counts as changed (sitemaps, stale edits).
        Article.objects.filter(pk=self.article_id).update(updated_at=timezone.now())

    @property
    def anchor(self):
        return f"q{self.position}"

    @property
    def answer_text(self):
        return html_to_text(self.answer_html)


class ArticleDueForReview(Article):
    """The admin's review-due list (faq/admin.py): articles seen from their medical review."""

    class Meta:
        proxy = True
        verbose_name = "article due for review"
        verbose_name_plural = "articles due for review"


class Source(models.Model):
    """A work an article relies on, numbered under it and cited in its structured data."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="sources")
    position = models.PositiveSmallIntegerField(help_text="Its number in the list under the article, from 1.")
    title = models.CharField(max_length=300)
    publisher = models.CharField(max_length=200, help_text="Who published it, e.g. “SAMHSA” or a journal.")
    url = models.URLField("address", max_length=500, blank=True, help_text="Where to read it, if it is online.")
    published_on = models.DateField("date", null=True, blank=True, help_text="When it was published or updated.")

    class Meta:
        ordering = ["article", "position", "pk"]

    def __str__(self):
        return self.title


class Synonym(models.Model):
    """A word or phrase visitors search with, and the words the articles use for it: a search for
    one also finds articles with any of the others (faq.search)."""

    language = models.CharField(max_length=5, choices=settings.LANGUAGES, help_text="The searches it applies to.")
    phrase = models.CharField(
        "word or phrase",
        max_length=100,
        help_text="What visitors type, e.g. “aseguranza” or “cuanto cuesta”. Capitals and accents do not matter.",
    )
    meaning = models.CharField(
        "means",
        max_length=200,
        help_text="Words the articles use for it, separated by spaces, e.g. “seguro” or “costo precio pagar”: "
        "a search finds articles with any of them.",
    )

    class Meta:
        ordering = ["language", "phrase"]
        constraints = [models.UniqueConstraint(fields=["language", "phrase"], name="faq_synonym_unique_phrase")]

    def __str__(self):
        return f"{self.phrase} → {self.meaning}"

    def save(self, *args, **kwargs):
        # Kept as searches are compared: folded, single spaces (so "Cuánto  cuesta" is "cuanto cuesta").
        self.phrase = " ".join(fold(self.phrase).split())
        super().save(*args, **kwargs)

    def clean(self):
        phrase = " ".join(fold(self.phrase).split())
        duplicate = Synonym.objects.filter(language=self.language, phrase=phrase).exclude(pk=self.pk)
        if phrase and duplicate.exists():
            raise ValidationError({"phrase": "This word or phrase is already in the list for this language."})
        if not self.meaning.split():
            raise ValidationError({"meaning": "Write at least one word."})
