from django.utils.functional import cached_property
from django.views.generic import DetailView, ListView

from core.languages import lacks_translation
from core.versioned import VersionedObjectMixin

from .models import LevelOfCare

# A level's page links this many of its articles, then to the full list.
LEVEL_ARTICLES = 6


class PublishedLevelMixin:
    def get_queryset(self):
        return LevelOfCare.objects.published()


class LevelListView(PublishedLevelMixin, ListView):
    template_name = "levels/level_list.html"
    context_object_name = "levels"


class LevelCompareView(PublishedLevelMixin, ListView):
    template_name = "levels/level_compare.html"
    context_object_name = "levels"


class LevelDetailView(VersionedObjectMixin, PublishedLevelMixin, DetailView):
    template_name = "levels/level_detail.html"
    context_object_name = "level"

    def get_queryset(self):
        return super().get_queryset().select_related("picture", "reviewer")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            neighbours=Neighbours(self.object),
            articles=LinkedArticles(self.object),
            untranslated=lacks_translation(self.object),
            **kwargs,
        )


class LinkedArticles:
    """The newest articles about a level, loaded only when the cached list is rendered."""

    def __init__(self, level):
        self.level = level

    @cached_property
    def _found(self):
        # One more than is shown, to know whether to link to the rest.
        return list(self.level.articles.published().links()[: LEVEL_ARTICLES + 1])

    @property
    def shown(self):
        return self._found[:LEVEL_ARTICLES]

    @property
    def more(self):
        return len(self._found) > LEVEL_ARTICLES


class Neighbours:
    """The published levels one step up and down, loaded only when the cached body is rendered.

    A link to an unpublished neighbour would lead to a 404, so it is left out.
    """

    def __init__(self, level):
        self.level = level

    @cached_property
    def _published(self):
        ids = [pk for pk in (self.level.steps_up_to_id, self.level.steps_down_to_id) if pk]
        return {other.pk: other for other in LevelOfCare.objects.published().filter(pk__in=ids)} if ids else {}

    @property
    def up(self):
        return self._published.get(self.level.steps_up_to_id)

    @property
    def down(self):
        return self._published.get(self.level.steps_down_to_id)
