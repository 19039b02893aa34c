"""The freshness promise, checked as production runs: two worker processes, changes made from a third.

After a change commits, the next request to any worker shows it, in each of three set-ups: the
default (a shared cache folder, no Redis), Redis, and a Redis that does not answer. The inquiry rate
limit counts across workers where there is a cache to count in.
"""

import time
from datetime import datetime

import pytest
from django.utils import timezone

from ..workers import Shell, Visitor, Worker, empty_redis, redis_url, shell, site_env

pytestmark = pytest.mark.workers

REDIS_URL = redis_url(1)  # a Redis database of this test process's own, for the workers it starts
DEAD_REDIS_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1
SETUPS = {
    "shared-folder": lambda tmp: {"DJANGO_CACHE_DIR": str(tmp / "cache")},
    "redis": lambda tmp: {"REDIS_URL": REDIS_URL},
    "redis-down": lambda tmp: {"REDIS_URL": DEAD_REDIS_URL},
}


@pytest.fixture(scope="module", params=list(SETUPS))
def site(request, tmp_path_factory, collected_static, demo_database):
    setup = request.param
    if setup == "redis":
        empty_redis(REDIS_URL)
    tmp = tmp_path_factory.mktemp(setup)
    env = site_env(demo_database, f"workers_{setup.replace('-', '_')}", INTAKE_RATE_LIMIT="2/10m", **SETUPS[setup](tmp))
    workers = Worker.start(env, 2)
    yield Site(setup, env, workers)
    for worker in workers:
        worker.stop()


@pytest.fixture(autouse=True)
def editor(site):
    """The test's changes are made in one `manage.py shell`, which starts while the test warms pages."""
    site.shell = Shell(site.env)
    yield
    site.shell.close()


class Site:
    def __init__(self, setup, env, workers):
        self.setup, self.env, self.workers = setup, env, workers

    def change(self, code):
        """Runs `code` in the test's shell, another process than the workers; returns what it printed."""
        return self.shell.run(code)

    def every_worker(self, path):
        """The page as each worker answers it now."""
        return [worker.get(path) for worker in self.workers]


def warm(site, *paths):
    for path in paths:
        for response in site.every_worker(path):
            assert response.status == 200, path


def test_an_unpublished_level_is_gone_from_every_worker_at_once(site):
    pages = ["/", "/levels-of-care/", "/levels-of-care/compare/", "/contact/", "/levels-of-care/residential/"]
    warm(site, *pages)
    site.change(
        "from levels.models import LevelOfCare as L; l = L.objects.get(slug='residential');"
        "l.is_published = False; l.save()"
    )
    for response in site.every_worker("/levels-of-care/residential/"):
        assert response.status == 404
    for path in pages[:4]:
        for response in site.every_worker(path):
            assert "/levels-of-care/residential/" not in response.text and 'value="residential"' not in response.text
    site.change(
        "from levels.models import LevelOfCare as L; l = L.objects.get(slug='residential');"
        "l.is_published = True; l.save()"
    )
    assert [response.status for response in site.every_worker("/levels-of-care/residential/")] == [200, 200]


def test_an_article_moved_to_the_future_leaves_every_list_at_once(site):
    pages = [
        "/",
        "/faq/",
        "/faq/?q=intensive",
        "/faq/topic/treatment-programs/",
        "/levels-of-care/intensive-outpatient/",
    ]
    warm(site, *pages, "/faq/what-is-iop/", "/faq/feed/")
    assert all("/faq/what-is-iop/" in response.text for response in site.every_worker("/faq/"))
    site.change(
        "from datetime import timedelta; from django.utils import timezone; from faq.models import Article;"
        "a = Article.objects.get(slug='what-is-iop'); a.publish_at = timezone.now() + timedelta(days=1); a.save()"
    )
    for path in [*pages, "/faq/feed/"]:
        for response in site.every_worker(path):
            assert "/faq/what-is-iop/" not in response.text, path
    assert [response.status for response in site.every_worker("/faq/what-is-iop/")] == [404, 404]
    site.change(
        "from datetime import timedelta; from django.utils import timezone; from faq.models import Article;"
        "a = Article.objects.get(slug='what-is-iop'); a.publish_at = timezone.now() - timedelta(days=1); a.save()"
    )
    assert all("/faq/what-is-iop/" in response.text for response in site.every_worker("/faq/"))


def test_an_edited_question_shows_in_the_page_and_its_structured_data_at_once(site):
    warm(site, "/faq/what-is-iop/")
    site.change(
        "from faq.models import Question; q = Question.objects.get(article__slug='what-is-iop', position=1);"
        "q.question = 'What does IOP stand for, in plain words?'; q.save()"
    )
    for response in site.every_worker("/faq/what-is-iop/"):
        json_ld = response.text.split('<script type="application/ld+json">')[1].split("</script>")[0]
        assert "What does IOP stand for, in plain words?" in json_ld
        assert response.text.count("What does IOP stand for, in plain words?") == 3  # contents, heading, JSON-LD


def test_a_new_helpline_shows_at_once_and_deleted_settings_fall_back_to_the_defaults(site):
    warm(site, "/", "/faq/what-is-iop/", "/levels-of-care/")
    site.change("from core.models import SiteSettings as S; s = S.objects.get();s.helpline = '+13235550199'; s.save()")
    for path in ["/", "/faq/what-is-iop/", "/levels-of-care/"]:
        for response in site.every_worker(path):
            assert 'href="tel:+13235550199"' in response.text and "(323) 555-0199" in response.text, path
            assert "tel:+18184312224" not in response.text, path
    site.change("from core.models import SiteSettings as S; S.objects.all().delete()")
    for response in site.every_worker("/"):
        assert 'href="tel:+18184312224"' in response.text and "(323) 555-0199" not in response.text
    site.change("from core.models import SiteSettings as S; S.objects.get_or_create(pk=1)")


def test_a_deleted_topic_and_article_are_gone_at_once(site):
    site.change(
        "from faq.models import Article, Topic; t = Topic.objects.create(name='Short-lived', slug='short-lived');"
        "a = Article(title='Soon deleted', slug='soon-deleted', introduction='x', status='published'); a.save();"
        "a.topics.add(t)"
    )
    warm(site, "/faq/", "/faq/topic/short-lived/", "/faq/soon-deleted/")
    assert all("Short-lived" in response.text for response in site.every_worker("/faq/"))
    site.change("from faq.models import Article, Topic; Article.objects.get(slug='soon-deleted').delete()")
    assert [response.status for response in site.every_worker("/faq/soon-deleted/")] == [404, 404]
    site.change("from faq.models import Topic; Topic.objects.get(slug='short-lived').delete()")
    assert [response.status for response in site.every_worker("/faq/topic/short-lived/")] == [404, 404]
    for response in site.every_worker("/faq/"):
        assert "Short-lived" not in response.text and "Soon deleted" not in response.text


def test_a_scheduled_article_appears_at_its_time(site):
    # The time is taken in the shell, once it has started (a busy machine takes seconds to start one);
    # eight seconds leave room for warming both workers on a loaded machine before it comes.
    saved = site.change(
        "from datetime import timedelta; from django.utils import timezone; from faq.models import Article;"
        "at = timezone.now() + timedelta(seconds=8);"
        "Article(title='Right on time', slug='right-on-time', introduction='x', status='published',"
        " publish_at=at).save(); print(at.isoformat())",
    )
    at = datetime.fromisoformat(saved.strip())
    warm(site, "/", "/faq/")
    assert all("Right on time" not in response.text for response in site.every_worker("/faq/"))
    assert [response.status for response in site.every_worker("/faq/right-on-time/")] == [404, 404]
    time.sleep(max(0, (at - timezone.now()).total_seconds()) + 0.1)
    for path in ["/", "/faq/"]:
        assert all("Right on time" in response.text for response in site.every_worker(path)), path
    assert [response.status for response in site.every_worker("/faq/right-on-time/")] == [200, 200]


def test_the_rate_limit_counts_across_workers(site):
    visitor = Visitor()
    statuses = []
    for worker in [*site.workers, site.workers[0]]:  # the limit is 2 in 10 minutes
        form = visitor.get(worker.url + "/contact/")
        data = {
            "csrfmiddlewaretoken": form.hidden("csrfmiddlewaretoken"),
            "started": form.hidden("started"),
            "name": f"Limit test {len(statuses)}",
            "phone": "(818) 555-0134",
            "preferred_contact": "call",
            "best_time": "any",
            "inquiry_for": "myself",
            "payment": "not_sure",
            "consent": "on",
        }
        statuses.append(visitor.post(worker.url + "/contact/", data).status)
    count = "from intake.models import Inquiry; print(Inquiry.objects.filter(name__startswith='Limit test').count())"
    stored = int(site.change(count))
    if site.setup == "redis-down":
        # Nothing to count in: every inquiry is taken, as losing one is worse than some spam.
        assert statuses == [302, 302, 302] and stored == 3
    else:
        assert statuses == [302, 302, 429] and stored == 2


def test_a_change_made_by_a_process_that_cannot_reach_the_cache_shows_at_once(site, tmp_path):
    """As when Redis was away during an edit and came back: the workers' cache still holds the old
    fragments, but the version that names them has moved on in the database."""
    warm(site, "/levels-of-care/outpatient/")
    elsewhere = {"REDIS_URL": DEAD_REDIS_URL} if site.setup.startswith("redis") else {"DJANGO_CACHE_DIR": str(tmp_path)}
    shell(
        {**site.env, **elsewhere},
        "from levels.models import LevelOfCare as L; l = L.objects.get(slug='outpatient');"
        "l.summary = 'Changed out of sight of the cache.'; l.save()",
    )
    for response in site.every_worker("/levels-of-care/outpatient/"):
        assert "Changed out of sight of the cache." in response.text
