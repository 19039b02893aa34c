from django.contrib.auth.mixins import PermissionRequiredMixin
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.functional import cached_property
from django.views.generic import DetailView, ListView

from core.fragments import kept
from core.models import SiteSettings

from .listing import visible_articles, visible_now, worth_keeping
from .models import Article, Topic
from .search import clean_query, search_articles
from .structured_data import article_json_ld


class ArticleListView(ListView):
    template_name = "faq/article_list.html"
    context_object_name = "articles"
    paginate_by = 10

    def get_queryset(self):
        self.query = clean_query(self.request.GET.get("q"))
        if self.query:
            query = self.query
            return visible_articles(f"search:{query}", lambda: search_articles(Article.objects.latest(), query))
        return visible_articles("all", Article.objects.latest)

    def get_context_data(self, **kwargs):
        return super().get_context_data(query=self.query, topics=Topic.objects.all(), **kwargs)


class TopicView(ListView):
    template_name = "faq/topic.html"
    context_object_name = "articles"
    paginate_by = 10

    def get_queryset(self):
        topic = self.topic = get_object_or_404(Topic, slug=self.kwargs["slug"])
        return visible_articles(f"topic:{topic.pk}", lambda: Article.objects.latest().filter(topics=topic))

    def get_context_data(self, **kwargs):
        return super().get_context_data(topic=self.topic, **kwargs)


class ArticleDetailView(DetailView):
    template_name = "faq/article_detail.html"
    context_object_name = "article"
    preview = False

    def get_object(self, queryset=None):
        article, self.related_candidates = article_and_related(self.kwargs["slug"])
        if article is None or not article.is_live:
            raise Http404("No published article here")
        return article

    def get_context_data(self, **kwargs):
        article = self.object
        canonical = self.request.build_absolute_uri(article.get_absolute_url())
        return super().get_context_data(
            parts=ArticleParts(article, canonical),
            # Chosen at each request from the candidates: one of them may be scheduled.
            related_articles=visible_now(self.related_candidates, 3),
            canonical=canonical,
            preview=self.preview,
            **kwargs,
        )


def article_and_related(slug):
    """An article (whatever its state) and the published articles that share a topic with it.

    Both change only when content is saved, so they are kept; whether each is visible yet is
    decided at every request, from its publish time. A missing article is not kept: anyone can
    ask for any address.
    """
    return kept(f"article-and-related:{slug}", lambda: _load_article_and_related(slug)) or (None, [])


def _load_article_and_related(slug):
    article = Article.objects.select_related("reviewer").filter(slug=slug).first()
    if article is None:
        return None
    return article, worth_keeping(_related_articles(article), 3)


def _related_articles(article):
    return (
        Article.objects.filter(status=Article.Status.PUBLISHED, topics__articles=article)
        .exclude(pk=article.pk)
        .distinct()
        .links()
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

    def get_object(self, queryset=None):
        article = get_object_or_404(Article.objects.select_related("reviewer"), slug=self.kwargs["slug"])
        self.related_candidates = list(_related_articles(article).filter(publish_at__lte=timezone.now())[:3])
        return article

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        response["X-Robots-Tag"] = "noindex"
        response["Cache-Control"] = "private, no-store"
        return response
