from django.contrib.auth.mixins import PermissionRequiredMixin
from django.shortcuts import get_object_or_404
from django.utils.functional import cached_property
from django.views.generic import DetailView, ListView

from core.models import SiteSettings

from .models import Article, Topic
from .search import clean_query, search_articles
from .structured_data import article_json_ld


class PublishedArticleMixin:
    def get_queryset(self):
        return Article.objects.published()


class ArticleListView(PublishedArticleMixin, ListView):
    template_name = "faq/article_list.html"
    context_object_name = "articles"
    paginate_by = 10

    def get_queryset(self):
        self.query = clean_query(self.request.GET.get("q"))
        articles = super().get_queryset().for_listing()
        if self.query:
            articles = search_articles(articles, self.query)
        return articles

    def get_context_data(self, **kwargs):
        return super().get_context_data(query=self.query, topics=Topic.objects.all(), **kwargs)


class TopicView(PublishedArticleMixin, ListView):
    template_name = "faq/topic.html"
    context_object_name = "articles"
    paginate_by = 10

    def get_queryset(self):
        self.topic = get_object_or_404(Topic, slug=self.kwargs["slug"])
        return super().get_queryset().for_listing().filter(topics=self.topic)

    def get_context_data(self, **kwargs):
        return super().get_context_data(topic=self.topic, **kwargs)


class ArticleDetailView(PublishedArticleMixin, DetailView):
    template_name = "faq/article_detail.html"
    context_object_name = "article"
    preview = False

    def get_queryset(self):
        return super().get_queryset().select_related("reviewer")

    def get_context_data(self, **kwargs):
        article = self.object
        canonical = self.request.build_absolute_uri(article.get_absolute_url())
        # Related articles are chosen on every request: one of them may be scheduled.
        related = (
            Article.objects.published()
            .filter(topics__articles=article)
            .exclude(pk=article.pk)
            .distinct()
            .order_by("-publish_at")
            .only("title", "slug", "publish_at")[:3]
        )
        return super().get_context_data(
            parts=ArticleParts(article, canonical),
            related_articles=related,
            canonical=canonical,
            preview=self.preview,
            **kwargs,
        )


class ArticleParts:
    """What the article's cached fragments show, loaded only when a fragment is rendered."""

    def __init__(self, article, canonical):
        self.article = article
        self.canonical = canonical

    @cached_property
    def questions(self):
        return list(self.article.questions.order_by("position"))

    @cached_property
    def topics(self):
        return list(self.article.topics.all())

    @cached_property
    def levels(self):
        return list(self.article.related_levels.published())

    @cached_property
    def json_ld(self):
        return article_json_ld(self.article, self.questions, self.canonical, SiteSettings.current())


class ArticlePreviewView(PermissionRequiredMixin, ArticleDetailView):
    """Staff see drafts and scheduled articles as they will look."""

    permission_required = "faq.view_article"
    preview = True

    def get_queryset(self):
        return Article.objects.select_related("reviewer")

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        response["X-Robots-Tag"] = "noindex"
        response["Cache-Control"] = "private, no-store"
        return response
