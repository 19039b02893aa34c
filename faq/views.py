from django.conf import settings
from django.db.models import Exists, OuterRef
from django.shortcuts import get_object_or_404
from django.utils.functional import cached_property
from django.utils.translation import get_language
from django.views.generic import DetailView, ListView

from core import content_version
from core.context_processors import site_settings
from core.languages import lacks_translation
from core.middleware import not_kept
from core.previews import StaffPreviewMixin
from core.versioned import VersionedCountMixin, VersionedObjectMixin
from levels.models import LevelOfCare

from .models import Article, Reviewer, Topic
from .search import clean_query, search_articles
from .structured_data import article_json_ld

RELATED_ARTICLES = 3


class ArticleListView(VersionedCountMixin, ListView):
    """All published articles, a search, or the articles about one level of care (?level=)."""

    template_name = "faq/article_list.html"
    context_object_name = "articles"
    paginate_by = 10

    def get_queryset(self):
        self.query = clean_query(self.request.GET.get("q"))
        slug = self.request.GET.get("level")
        # Only looked up when asked for: building the query costs a tenth of a millisecond.
        self.level = LevelOfCare.objects.published().with_slug(slug).first() if slug else None
        if slug and not self.level:
            not_kept(self.request)  # an address of the visitor's making, whose list is everyone's
        articles = Article.objects.published().for_listing()
        if self.level:
            articles = articles.filter(related_levels=self.level)
        if self.query:
            articles = search_articles(articles, self.query, content_version.for_request(self.request))
        # Names the cached list items and count; a search's are not kept (free text would fill the cache).
        self.list_name = "" if self.query else f"all:{self.level.pk if self.level else ''}"
        return articles

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            query=self.query, level=self.level, topics=Topic.objects.all(), list_name=self.list_name, **kwargs
        )


class TopicView(VersionedCountMixin, ListView):
    template_name = "faq/topic.html"
    context_object_name = "articles"
    paginate_by = 10

    def get_queryset(self):
        self.topic = get_object_or_404(Topic, slug=self.kwargs["slug"])
        self.list_name = f"topic:{self.topic.pk}"
        return Article.objects.published().for_listing().filter(topics=self.topic)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            topic=self.topic,
            page_item=self.topic,
            list_name=self.list_name,
            untranslated=lacks_translation(self.topic),
            **kwargs,
        )


class ArticleDetailView(VersionedObjectMixin, DetailView):
    template_name = "faq/article_detail.html"
    context_object_name = "article"
    preview = False

    def get_queryset(self):
        return Article.objects.published().select_related("reviewer__picture", "picture")

    def get_context_data(self, **kwargs):
        article = self.object
        canonical = self.request.build_absolute_uri(article.get_absolute_url())
        site = site_settings(self.request)
        return super().get_context_data(
            body=ArticleBody(article, canonical, site, self.request.build_absolute_uri),
            canonical=canonical,
            preview=self.preview,
            **kwargs,
        )


def related_articles(article):
    """The newest visible articles that share a topic with `article`."""
    shares_topic = Article.topics.through.objects.filter(
        article_id=OuterRef("pk"), topic__in=article.topics.through.objects.filter(article=article).values("topic")
    )
    return Article.objects.published().filter(Exists(shares_topic)).exclude(pk=article.pk).links()[:RELATED_ARTICLES]


class ArticleBody:
    """What the article's cached body and JSON-LD show, loaded only when a fragment is rendered."""

    def __init__(self, article, canonical, site, request_url):
        self.article = article
        self.canonical = canonical
        self.site = site
        self.request_url = request_url

    @cached_property
    def questions(self):
        return list(self.article.questions.order_by("position"))

    @cached_property
    def sources(self):
        return list(self.article.sources.all())

    @cached_property
    def topics(self):
        return list(self.article.topics.all())

    @cached_property
    def levels(self):
        return list(self.article.related_levels.published())

    @cached_property
    def related_articles(self):
        # Even unevaluated, this query costs as much to build as the rest of the view.
        return list(related_articles(self.article))

    @cached_property
    def untranslated(self):
        return lacks_translation(self.article, *self.questions)

    @cached_property
    def json_ld(self):
        reviewer_url = self.article.reviewer and self.request_url(self.article.reviewer.get_absolute_url())
        language = settings.LANGUAGE_CODE if self.untranslated else get_language()
        return article_json_ld(
            self.article, self.questions, self.sources, self.canonical, reviewer_url, self.site, language
        )


class ReviewerListView(ListView):
    template_name = "faq/reviewer_list.html"
    context_object_name = "reviewers"

    def get_queryset(self):
        return Reviewer.objects.all()


class ReviewerDetailView(ListView):
    """A reviewer's page: who they are, and the published articles they reviewed."""

    template_name = "faq/reviewer_detail.html"
    context_object_name = "articles"
    paginate_by = 20

    def get_queryset(self):
        self.reviewer = get_object_or_404(Reviewer.objects.select_related("picture"), slug=self.kwargs["slug"])
        return (
            Article.objects.published()
            .filter(reviewer=self.reviewer)
            .newest_first()
            .only("title", "slug", "publish_at", "last_reviewed")
            .with_translation()
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            reviewer=self.reviewer, page_item=self.reviewer, untranslated=lacks_translation(self.reviewer), **kwargs
        )


class ArticlePreviewView(StaffPreviewMixin, ArticleDetailView):
    """Staff see drafts and scheduled articles as they will look."""

    permission_required = "faq.view_article"

    def get_queryset(self):
        return Article.objects.with_visibility().select_related("reviewer__picture", "picture")
