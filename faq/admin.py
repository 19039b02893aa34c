from django import forms
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.db import models
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from modeltranslation.admin import TranslationStackedInline

from common.markdown import per_language
from core.links import external_links_display
from review.admin_hold import ReviewHoldMixin
from staff.admin_base import StaffAdmin
from staff.admin_claims import where
from staff.admin_content import ContentAdmin
from staff.admin_translation import TranslatedAdmin
from staff.admin_widgets import LabelledDateTimeMixin
from staff.groups import reviewer_accounts
from staff.markdown_preview import MarkdownPreviewMixin

from .models import Article, ArticleDueForReview, Question, Reviewer, Source, Synonym, Topic


class QuestionInline(MarkdownPreviewMixin, TranslationStackedInline):
    model = Question
    markdown_fields = ["answer"]
    classes = ["ordered-inline"]
    extra = 0
    fields = ["position", "question", "answer"]
    ordering = ["position"]


class SourceInline(admin.StackedInline):  # stacked: each box has its own label
    model = Source
    classes = ["ordered-inline"]
    extra = 0
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    fields = ["position", "title", "publisher", "url", "published_on"]
    ordering = ["position", "pk"]
    verbose_name_plural = "sources (numbered under the article and cited in its structured data)"


class ReviewFilter(admin.SimpleListFilter):
    title = "medical review"
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return [("due", "Overdue or due within 30 days"), ("current", "Up to date"), ("never", "Never reviewed")]

    def queryset(self, request, queryset):
        due = Article.objects.review_due(timezone.localdate())
        if self.value() == "due":
            return queryset.filter(pk__in=due.values("pk"))
        if self.value() == "current":
            return queryset.exclude(pk__in=due.values("pk")).exclude(last_reviewed__isnull=True)
        if self.value() == "never":
            return queryset.filter(last_reviewed__isnull=True)
        return queryset


@admin.register(Article)
class ArticleAdmin(ReviewHoldMixin, LabelledDateTimeMixin, ContentAdmin):
    markdown_fields = ["introduction", "closing"]
    translated_parts = {Question: "article"}

    class Media:
        js = ["admin-staff/ordering.js"]

    list_display = [
        "title", "status", "publish_at", "visibility", "pending_review", "reviewer", "last_reviewed", "review_due_on"
    ]  # fmt: skip
    list_filter = ["status", ReviewFilter, "topics", "reviewer"]
    list_editable = ["status", "publish_at"]
    list_select_related = ["reviewer"]
    search_fields = ["title", "introduction", "questions__question"]
    date_hierarchy = "publish_at"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["picture"]
    readonly_fields = ["preview_link", "created_at", "updated_at", "links_elsewhere", "review_due_on"]
    inlines = [QuestionInline, SourceInline]
    version_fields = {
        "title": "Title", "slug": "Address", "picture": "Picture", "introduction": "Introduction", "closing": "Closing",
        "status": "Status", "publish_at": "Publish date", "reviewer": "Medical reviewer",
        "last_reviewed": "Last reviewed", "review_interval_months": "Review every (months)", "topics": "Topics",
        "related_levels": "Related levels", "meta_description": "Description for search engines",
    }  # fmt: skip
    version_parts = [
        (Question, {"question": "question", "answer": "answer", "position": "position"}, "position"),
        (Source, {"title": "title", "publisher": "publisher", "url": "address", "published_on": "date"}, "position"),
    ]
    fieldsets = [
        (None, {"fields": ["title", "slug", "picture", "introduction", "closing"]}),
        ("Publishing", {"fields": ["status", "publish_at", "preview_link", "author"]}),
        ("Medical review", {"fields": ["reviewer", "last_reviewed", "review_interval_months", "review_due_on"]}),
        ("Links", {"fields": ["topics", "related_levels", "links_elsewhere"]}),
        ("Search engines", {"fields": ["meta_description", "created_at", "updated_at"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).with_visibility()

    @admin.display(description="visible to visitors", ordering="is_visible")
    def visibility(self, article):
        # Whether visitors see it is Article.objects.published()'s answer (with_visibility).
        if article.is_visible:
            return "Yes"
        return "No (draft)" if article.status == Article.Status.DRAFT else "Scheduled"

    @admin.display(description="links to other sites (check they still work)")
    def links_elsewhere(self, article):
        answers = article.questions.values_list("answer_html", flat=True) if article.pk else []
        return external_links_display(article.introduction_html, article.closing_html, *answers)

    @admin.display(description="preview")
    def preview_link(self, article):
        if not article.pk:
            return "Save the article to preview it."
        return format_html(
            '<a href="{}" target="_blank" rel="noopener">Preview this article</a>', article.get_preview_url()
        )

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        # A few topics and five levels: ticking boxes is quicker, and readable by every screen reader
        # (Django's two-list filter widget labels icons a screen reader cannot name).
        kwargs["widget"] = forms.CheckboxSelectMultiple
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "author":
            # Only people who write: content editors and superusers, not admissions staff.
            kwargs["queryset"] = (
                get_user_model()
                .objects.filter(Q(groups__name="Content editors") | Q(is_superuser=True), is_active=True)
                .distinct()
                .order_by("username")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_changeform_initial_data(self, request):
        return {"author": request.user.pk, **super().get_changeform_initial_data(request)}

    def view_on_site(self, article):
        return article.get_preview_url()

    def save_formset(self, request, form, formset, change):
        if formset.model is Question and not self.holds_for_review(request):
            _park_questions(
                f.instance.pk
                for f in formset.initial_forms
                if f.instance.pk and ("position" in f.changed_data or f in formset.deleted_forms)
            )
        super().save_formset(request, form, formset, change)

    def claim_texts(self, article):
        texts = super().claim_texts(article)
        for question in article.questions.order_by("position"):
            for (html_field,) in per_language(question, "answer_html"):
                texts.append((where(f"Answer {question.position}", html_field), getattr(question, html_field)))
        return texts

    def prepare_restore(self, article):
        # A restored question takes back its old position, which another may hold now.
        _park_questions(article.questions.values_list("pk", flat=True))


def _park_questions(pks):
    """Swapping two positions would trip the unique constraint mid-save: park the moved ones first."""
    for offset, pk in enumerate(list(pks)):
        Question.objects.filter(pk=pk).update(position=PARKED_POSITION - offset)


PARKED_POSITION = 32000


@admin.register(Topic)
class TopicAdmin(StaffAdmin, TranslatedAdmin):
    list_display = ["name", "slug", "description"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Synonym)
class SynonymAdmin(StaffAdmin):
    """The words search adds to a visitor's: everyday words ("aseguranza") for the articles' own."""

    list_display = ["phrase", "meaning", "language"]
    list_filter = ["language"]
    search_fields = ["phrase", "meaning"]
    fields = ["language", "phrase", "meaning"]


@admin.register(Reviewer)
class ReviewerAdmin(StaffAdmin, TranslatedAdmin):
    list_display = ["name", "credentials", "kind", "specialty", "user", "article_count"]
    search_fields = ["name", "credentials", "specialty"]
    prepopulated_fields = {"slug": ["name"]}
    fields = ["name", "slug", "credentials", "kind", "specialty", "picture", "bio", "user"]
    autocomplete_fields = ["picture"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "user":
            # Only people who may sign changes off.
            kwargs["queryset"] = reviewer_accounts()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def view_on_site(self, reviewer):
        return reviewer.get_absolute_url()

    @admin.display(description="articles", ordering="article_total")
    def article_count(self, reviewer):
        return reviewer.article_total

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(article_total=Count("articles"))


@admin.register(ArticleDueForReview)
class ArticleDueForReviewAdmin(StaffAdmin):
    """The review-due list: what is overdue or due within 30 days, most overdue first."""

    list_display = ["title_link", "status", "reviewer", "last_reviewed", "review_interval_months", "due"]
    list_select_related = ["reviewer"]
    list_filter = ["reviewer"]
    search_fields = ["title"]
    list_display_links = None

    def get_queryset(self, request):
        return ArticleDueForReview.objects.review_due(timezone.localdate())

    def get_ordering(self, request):
        return ()  # review_due() orders, most overdue first

    @admin.display(description="article")
    def title_link(self, article):
        return format_html('<a href="{}">{}</a>', reverse("admin:faq_article_change", args=[article.pk]), article.title)

    @admin.display(description="review due")
    def due(self, article):
        if article.review_due_on is None:
            return "Never reviewed"
        days = (article.review_due_on - timezone.localdate()).days
        when = date_format(article.review_due_on, "F j, Y")
        if days < 0:
            return f"{when}: overdue by {-days} day{'s' if days != -1 else ''}"
        return f"{when}: today" if days == 0 else f"{when}: in {days} day{'s' if days != 1 else ''}"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
