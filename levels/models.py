from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, slug_re
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from common.markdown import render_fields
from core.links import validate_internal_links
from core.models import picture_field
from faq.models import set_review_due

# Stored HTML: {html field: the Markdown field it is rendered from at every save}.
RENDERED_FIELDS = {
    "description_html": "description",
    "who_it_fits_html": "who_it_fits",
    "typical_week_html": "typical_week",
}


class LevelOfCareQuerySet(models.QuerySet):
    def published(self):
        """Levels a visitor may see: the one rule for pages, links, forms and sitemaps."""
        return self.filter(is_published=True)

    def with_slug(self, slug):
        """The level at `slug`, as a visitor typed it: text that is no slug (a NUL, say, which
        PostgreSQL cannot compare) finds nothing."""
        return self.filter(slug=slug) if slug_re.fullmatch(slug or "") else self.none()


def _min_not_above_max(low, high):
    return Q(**{f"{high}__isnull": True}) | Q(**{f"{low}__lte": F(high)})


class LevelOfCare(models.Model):
    class Supervision(models.TextChoices):
        ROUND_THE_CLOCK = "24h", pgettext_lazy("supervision", "24-hour medical supervision")
        DAILY = "daily", pgettext_lazy("supervision", "Daily medical oversight")
        SCHEDULED = "scheduled", pgettext_lazy("supervision", "Scheduled medical visits")

    name = models.CharField(max_length=100, help_text="Full name, e.g. “Intensive outpatient program”.")
    slug = models.SlugField(max_length=100, unique=True, help_text="The web address of the level's page.")
    short_name = models.CharField(max_length=30, help_text="What people call it, e.g. “IOP”.")
    asam_level = models.CharField(
        "ASAM level", max_length=20, blank=True, help_text="The ASAM Criteria label, e.g. “2.1”."
    )
    summary = models.CharField(max_length=200, help_text="One plain sentence shown in lists.")
    # The figures of the Intensity part go in these texts as placeholders ([[hours_per_week]]...,
    # core/placeholders.py): one place for each, so the text cannot contradict the "At a glance" box.
    description = models.TextField(help_text="What this level is. Markdown.", validators=[validate_internal_links])
    who_it_fits = models.TextField(help_text="Who this level suits. Markdown.", validators=[validate_internal_links])
    typical_week = models.TextField(
        "what a week looks like", help_text="A typical week. Markdown.", validators=[validate_internal_links]
    )
    # Rendered from the Markdown above at every save.
    description_html = models.TextField(editable=False, default="")
    who_it_fits_html = models.TextField(editable=False, default="")
    typical_week_html = models.TextField(editable=False, default="")
    hours_min = models.PositiveSmallIntegerField(
        "weekly hours (min)", null=True, blank=True, help_text="Leave empty for round-the-clock care."
    )
    hours_max = models.PositiveSmallIntegerField("weekly hours (max)", null=True, blank=True)
    days_min = models.PositiveSmallIntegerField("days a week (min)", validators=[MinValueValidator(1)], default=1)
    days_max = models.PositiveSmallIntegerField("days a week (max)", null=True, blank=True)
    weeks_min = models.PositiveSmallIntegerField("typical length in weeks (min)", null=True, blank=True)
    weeks_max = models.PositiveSmallIntegerField("typical length in weeks (max)", null=True, blank=True)
    length_in_words = models.CharField(
        "typical length in words",
        max_length=100,
        blank=True,
        help_text="When weeks do not fit, e.g. “several days to about a week”; leave the weeks empty then. "
        "Shown in the box and the comparison, and in the texts as [[typical_length]].",
    )
    lives_on_site = models.BooleanField(default=False, help_text="The patient stays at the facility.")
    supervision = models.CharField(
        "medical supervision", max_length=20, choices=Supervision.choices, default=Supervision.SCHEDULED
    )
    work_or_school_fits = models.BooleanField(
        "full-time work or school fits", default=False, help_text="A full-time job or school fits around it."
    )
    intensity_rank = models.PositiveSmallIntegerField(
        unique=True, help_text="1 is the most intensive; lists are ordered by this."
    )
    is_published = models.BooleanField("published", default=False)
    picture = picture_field("picture", "Shown at the top of the level's page.")
    meta_description = models.CharField(max_length=160, blank=True, help_text="For search results; 160 characters.")
    steps_down_to = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="steps_up_from",
        help_text="The usual next, less intensive level.",
    )
    steps_up_to = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="steps_down_from",
        help_text="Where someone goes if they need more support.",
    )
    # Medical review, the same fields as an article's (faq.Article).
    reviewer = models.ForeignKey(
        "faq.Reviewer",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reviewed_levels",
        verbose_name="medical reviewer",
    )
    last_reviewed = models.DateField(
        null=True, blank=True, help_text="When the reviewer last checked it. Shown on the page with the next review."
    )
    review_interval_months = models.PositiveSmallIntegerField(
        "review every",
        default=12,
        validators=[MinValueValidator(1), MaxValueValidator(36)],
        help_text="Months between medical reviews (1 to 36).",
    )
    # last_reviewed + review_interval_months, kept at save: the "next review due" date.
    review_due_on = models.DateField("review due", null=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    objects = LevelOfCareQuerySet.as_manager()

    class Meta:
        ordering = ["intensity_rank"]
        verbose_name = "level of care"
        verbose_name_plural = "levels of care"
        constraints = [
            models.CheckConstraint(
                condition=_min_not_above_max("hours_min", "hours_max"), name="level_hours_min_le_max"
            ),
            models.CheckConstraint(condition=_min_not_above_max("days_min", "days_max"), name="level_days_min_le_max"),
            models.CheckConstraint(
                condition=_min_not_above_max("weeks_min", "weeks_max"), name="level_weeks_min_le_max"
            ),
            models.CheckConstraint(
                condition=Q(hours_min__gte=0) | Q(hours_min__isnull=True), name="level_hours_not_negative"
            ),
            models.CheckConstraint(condition=Q(days_max__lte=7), name="level_days_at_most_seven"),
            models.CheckConstraint(condition=~Q(steps_down_to=F("pk")), name="level_not_own_step_down"),
            models.CheckConstraint(condition=~Q(steps_up_to=F("pk")), name="level_not_own_step_up"),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        render_fields(self, kwargs, RENDERED_FIELDS)
        set_review_due(self, kwargs)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("levels:detail", kwargs={"slug": self.slug})

    def get_contact_url(self):
        return f"{reverse('intake:contact')}?level={self.slug}"

    @property
    def shows_short_name(self):
        """Whether the short name adds anything beside the name: not "Medical detox (Detox)", where it is
        one of the name's own words (issue 26, item 9), but "Partial hospitalization program (PHP)"."""
        words = self.name.lower().split()
        return bool(self.short_name) and self.short_name.lower() not in words

    def clean(self):
        errors = {}
        for low, high in (("hours_min", "hours_max"), ("days_min", "days_max"), ("weeks_min", "weeks_max")):
            lo, hi = getattr(self, low), getattr(self, high)
            if lo is not None and hi is not None and lo > hi:
                errors[high] = "Must not be below the minimum."
        if self.length_in_words and (self.weeks_min is not None or self.weeks_max is not None):
            # One place for the length: the box and the texts ([[typical_length]]) show the same.
            # Filed under the weeks: the form has the words only per language (length_in_words_en...).
            errors["weeks_min"] = "Give the typical length in weeks or in words, not both: clear one."
        if self.days_max is not None and self.days_max > 7:
            errors["days_max"] = "A week has seven days."
        if self.pk and self.steps_down_to_id == self.pk:
            errors["steps_down_to"] = "A level cannot step down to itself."
        if self.pk and self.steps_up_to_id == self.pk:
            errors["steps_up_to"] = "A level cannot step up to itself."
        if self.last_reviewed and self.last_reviewed > timezone.localdate():
            errors["last_reviewed"] = "A review date cannot be in the future."
        if errors:
            raise ValidationError(errors)

    @staticmethod
    def _span(low, high, unit):
        if low is None:
            return ""
        if high is None:
            return _("%(low)s+ %(unit)s") % {"low": low, "unit": unit}
        if high == low:
            return f"{low} {unit}"
        return _("%(low)s to %(high)s %(unit)s") % {"low": low, "high": high, "unit": unit}

    @property
    def hours_display(self):
        if self.hours_min is None:
            return _("Round the clock")
        return self._span(self.hours_min, self.hours_max, _("hours a week"))

    @property
    def days_display(self):
        return self._span(self.days_min, self.days_max, _("days a week"))

    @property
    def length_display(self):
        if self.length_in_words:
            return self.length_in_words[:1].upper() + self.length_in_words[1:]
        return self._span(self.weeks_min, self.weeks_max, _("weeks")) or _("Varies with need")

    @property
    def setting_display(self):
        return _("Lives on site") if self.lives_on_site else _("Lives at home or in sober living")

    @property
    def meta_text(self):
        return self.meta_description or self.summary
