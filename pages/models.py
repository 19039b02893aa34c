from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone

from common.markdown import render_fields
from core.links import validate_internal_links
from core.models import picture_field
from faq.models import set_review_due


class PageQuerySet(models.QuerySet):
    def published(self):
        """Pages a visitor may see: the one rule for pages, links, the sitemap and the footer."""
        return self.filter(is_published=True)

    def in_footer(self):
        return self.published().filter(in_footer=True).order_by("footer_position", "title")


class Page(models.Model):
    """A simple page of the center's own: about us, notices, policies."""

    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=100, unique=True, help_text="The page's web address: /slug/.")
    summary = models.CharField(
        "description", max_length=160, blank=True, help_text="For search results and link previews; 160 characters."
    )
    body = models.TextField(help_text="Markdown.", validators=[validate_internal_links])
    body_html = models.TextField(editable=False, default="")
    effective_on = models.DateField(
        "effective date",
        null=True,
        blank=True,
        help_text="For a notice (such as the Notice of Privacy Practices): the date it takes effect, shown at the "
        "top of the page as “Effective date: …”. Leave empty for other pages.",
    )
    is_published = models.BooleanField("published", default=False)
    in_footer = models.BooleanField("linked in the footer", default=False)
    footer_position = models.PositiveSmallIntegerField(
        "footer order", default=0, help_text="Smaller numbers come first."
    )
    picture = picture_field()
    shows_center_profile = models.BooleanField(
        "show the center's licence and accreditations",
        default=False,
        help_text="Adds an “Accreditation and licensing” part under the text, from the site settings.",
    )
    shows_civil_rights_contact = models.BooleanField(
        "show how to file a civil rights grievance",
        default=False,
        help_text="Adds the civil rights coordinator (from the site settings), the U.S. Office for Civil Rights "
        "and free language help in 15 languages under the text: for the nondiscrimination notice.",
    )
    # Medical review, the same fields as an article's (faq.Article).
    reviewer = models.ForeignKey(
        "faq.Reviewer",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reviewed_pages",
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

    objects = PageQuerySet.as_manager()

    class Meta:
        ordering = ["footer_position", "title"]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        render_fields(self, kwargs, {"body_html": "body"})
        set_review_due(self, kwargs)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("pages:detail", kwargs={"slug": self.slug})

    def get_preview_url(self):
        return reverse("pages:preview", kwargs={"slug": self.slug})

    def clean(self):
        # A page's address must not be one the site already answers (/faq/, /contact/, ...).
        # /es/ is the Spanish site.
        taken = self.slug in {code for code, _ in settings.LANGUAGES}
        if self.slug and (taken or any(_answered_elsewhere(path) for path in (f"/{self.slug}/", f"/{self.slug}"))):
            raise ValidationError({"slug": f"/{self.slug}/ is already a part of the site: choose another address."})
        if self.last_reviewed and self.last_reviewed > timezone.localdate():
            raise ValidationError({"last_reviewed": "A review date cannot be in the future."})


def _answered_elsewhere(path):
    try:
        return resolve(path).view_name != "pages:detail"
    except Resolver404:
        return False
