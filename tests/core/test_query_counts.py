"""SQL queries per public page: fixed whatever the amount of content.

Each page is rendered twice with the whole-page cache off: cold (nothing rendered yet; site settings
already cached, as they are after the first request) and warm (its cached fragments in place).
Every page reads the content version (one query); a page's object and a list's count are kept under it
(core/versioned.py). With the whole-page cache on, a kept page costs that one query alone.
"""

from datetime import date

import pytest
from django.db import transaction

from core import content_version
from core.models import SiteSettings

from ..factories import ArticleFactory, LevelFactory, PageFactory, ReviewerFactory, TopicFactory

pytestmark = pytest.mark.django_db

# path: (cold, warm); cold also reads the pages linked in the footer
BUDGET = {
    "/": (4, 1),  # cold: the levels, the three newest articles
    "/levels-of-care/": (3, 1),
    "/levels-of-care/compare/": (3, 1),
    "/levels-of-care/level-1/": (5, 1),  # cold: the level, its neighbours and articles
    "/faq/": (6, 1),  # cold: the count, the topic menu, the page, its topics
    # A search's items are never kept: + the articles found and their topics; cold: + the synonym list
    # (faq/search.py), kept under the content version.
    "/faq/?q=article": (7, 4),
    "/faq/topic/topic-a/": (6, 2),  # + the topic; cold: the count, the page, its topics
    "/faq/article-0/": (8, 1),  # cold: the article, questions, sources, topics, levels, related articles
    "/contact/": (3, 1),  # cold: the levels in the form
    "/contact/?level=level-1": (4, 2),  # + the chosen level
    "/contact/thanks/": (2, 1),
    "/insurance/verify/": (2, 1),
    "/faq/reviewers/": (3, 2),  # + the reviewers
    "/about/": (3, 1),  # cold: the page
    "/costs-and-coverage/": (2, 1),  # all from the site settings
    "/faq/?q=teen": (5, 2),  # a search that finds nothing: no articles nor topics to read for its items
}
# The same pages in Spanish cost the same: each language is columns of the same rows.
BUDGET.update({f"/es{path}": budget for path, budget in list(BUDGET.items())})


@pytest.fixture(scope="module", params=[1, 12], ids=["little content", "much content"])
def _content(request, django_db_setup, django_db_blocker):
    """The content, built once per size for every page and rolled back after the module (tests
    run inside it, each in a savepoint of its own)."""
    size = request.param
    with django_db_blocker.unblock(), transaction.atomic():
        # Reviewed, as the articles are: the reviewer comes in the page's own query.
        review = {"reviewer": ReviewerFactory(), "last_reviewed": date(2026, 1, 31)}
        levels = [LevelFactory(slug=f"level-{i}", intensity_rank=i, **review) for i in range(1, 5 + size)]
        for upper, lower in zip(levels, levels[1:], strict=False):
            upper.steps_down_to = lower
            upper.save()
        topic_a, topic_b = TopicFactory(slug="topic-a"), TopicFactory(slug="topic-b")
        for i in range(size + 2):
            article = ArticleFactory(slug=f"article-{i}", title=f"Article {i}", questions=3 * size)
            article.topics.add(topic_a, topic_b)
            article.related_levels.add(*levels[:3])
        for i in range(size):
            PageFactory(slug="about" if i == 0 else f"page-{i}", picture=None, **review)
        yield
        transaction.set_rollback(True)


@pytest.fixture
def content(_content):
    # The site settings are in the cache, as after the first request (each test starts with it empty).
    SiteSettings.current(content_version.current())


@pytest.mark.parametrize("path", BUDGET)
def test_queries_per_page_are_fixed(client, content, django_assert_num_queries, settings, path):
    settings.WHOLE_PAGE_CACHE = False
    cold, warm = BUDGET[path]
    with django_assert_num_queries(cold):
        assert client.get(path).status_code == 200
    with django_assert_num_queries(warm):
        assert client.get(path).status_code == 200


@pytest.mark.parametrize("path", BUDGET)
def test_a_kept_page_costs_one_query(client, content, django_assert_num_queries, path):
    client.get("/")  # the first-visit cookies, so pages set none
    first = client.get(path)
    # A page with a form is never kept whole (its token and time stamp are the visitor's own), nor a
    # search (free text would fill the cache).
    english = path.removeprefix("/es")
    kept = not english.startswith(("/contact/?", "/faq/?q=")) and english not in ("/contact/", "/insurance/verify/")
    with django_assert_num_queries(1 if kept else BUDGET[path][1]):
        second = client.get(path)
    assert second.get("X-Page-Cache") == ("hit" if kept else None)
    assert second.content == first.content or not kept
