"""SQL queries per public page: fixed whatever the amount of content, and at most 5.

Each page is counted twice: cold (nothing rendered yet; site settings already cached, as they are
after the first request) and warm (its cached fragments in place). The page cache is off.
"""

import pytest

from core.models import SiteSettings

from .factories import ArticleFactory, LevelFactory, TopicFactory

pytestmark = pytest.mark.django_db

# path: (cold, warm)
BUDGET = {
    "/": (2, 0),
    "/levels-of-care/": (1, 0),
    "/levels-of-care/compare/": (1, 0),
    "/levels-of-care/level-1/": (3, 0),
    "/faq/": (4, 0),
    "/faq/?q=article": (4, 0),
    "/faq/topic/topic-a/": (4, 1),
    "/faq/article-0/": (5, 0),
    "/contact/": (1, 0),
    "/contact/?level=level-1": (2, 0),
    "/contact/thanks/": (0, 0),
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
    SiteSettings.current()


@pytest.mark.parametrize("path", BUDGET)
def test_queries_per_page_are_fixed(client, content, django_assert_num_queries, path):
    cold, warm = BUDGET[path]
    assert max(cold, warm) <= 5
    with django_assert_num_queries(cold):
        assert client.get(path).status_code == 200
    with django_assert_num_queries(warm):
        assert client.get(path).status_code == 200
