from django import template
from django.db.models import prefetch_related_objects

register = template.Library()


@register.filter
def with_topics(articles):
    """The listed articles with their topics, loaded in one query when the list is rendered."""
    articles = list(articles)
    prefetch_related_objects(articles, "topics")
    return articles
