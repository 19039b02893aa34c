from django.views.generic import DetailView, ListView

from .models import LevelOfCare


class PublishedLevelMixin:
    def get_queryset(self):
        return LevelOfCare.objects.published()


class LevelListView(PublishedLevelMixin, ListView):
    template_name = "levels/level_list.html"
    context_object_name = "levels"


class LevelCompareView(PublishedLevelMixin, ListView):
    template_name = "levels/level_compare.html"
    context_object_name = "levels"


class LevelDetailView(PublishedLevelMixin, DetailView):
    template_name = "levels/level_detail.html"
    context_object_name = "level"

    def get_queryset(self):
        return super().get_queryset().select_related("steps_down_to", "steps_up_to")

    def get_context_data(self, **kwargs):
        level = self.object
        return super().get_context_data(
            # A link to an unpublished neighbour would lead to a 404, so it is left out.
            step_down=_published_or_none(level.steps_down_to),
            step_up=_published_or_none(level.steps_up_to),
            articles=level.articles.published().links(),
            **kwargs,
        )


def _published_or_none(level):
    return level if level is not None and level.is_published else None
