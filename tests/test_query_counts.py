"""SQL queries per public page: fixed whatever the amount of content.

Each page is counted twice: cold (nothing rendered yet; site settings already cached, as they are
after the first request) and warm (its cached fragments in place). Every page but the thanks page
reads the content version (one query); the warm figure is what a page costs in steady state.
"""

import pytest

from core import content_version
from core.models import SiteSettings

from .factories import ArticleFactory, LevelFactory, TopicFactory

pytestmark = pytest.mark.django_db

# path: (cold, warm)
BUDGET = {
    "/": (3, 2),  # + the three newest articles; cold: the levels
    "/levels-of-care/": (2, 1),
    "/levels-of-care/compare/": (2, 1),
    "/levels-of-care/level-1/": (4, 3),  # + the level, its articles; cold: its neighbours
    "/faq/": (5, 4),  # + count, the page, its topics; cold: the topic menu
    "/faq/?q=article": (5, 4),
    "/faq/topic/topic-a/": (5, 5),  # + the topic, count, the page, its topics
    "/faq/article-0/": (6, 3),  # + the article, related articles; cold: questions, topics, levels
    "/contact/": (2, 1),  # cold: the levels in the form
    "/contact/?level=level-1": (3, 2),  # + the chosen level
    "/contact/thanks/": (1, 1),
}


@pytest.fixture(params=[1, 12], ids=["little content", "much content"])
def content(request):
    size = request.param
    levels = [LevelFactory(slug=f"level-{i}", intensity_rank=i) for i in range(1, 5 + size)]
    for upper, lower in zip(levels, levels[1:], strict=False):
        upper.steps_down_to = lower
        upper.save()
    topic_a, topic_b = TopicFactory(slug="topic-a"), TopicFactory(slug="topic-b")
    for i in range(size + 2):
        article = ArticleFactory(slug=f"article-{i}", title=f"Article {i}", questions=3 * size)
        article.topics.add(topic_a, topic_b)
        article.related_levels.add(*levels[:3])
    SiteSettings.current(content_version.current())


@pytest.mark.parametrize("path", BUDGET)
def test_queries_per_page_are_fixed(client, content, django_assert_num_queries, path):
    cold, warm = BUDGET[path]
    with django_assert_num_queries(cold):
        assert client.get(path).status_code == 200
    with django_assert_num_queries(warm):
        assert client.get(path).status_code == 200
