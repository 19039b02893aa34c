from django.apps import AppConfig


class FaqConfig(AppConfig):
    name = "faq"
    verbose_name = "Questions and answers"

    def ready(self):
        from core import content_version, redirects

        from .models import Article, Question, Reviewer, Topic
        from .search import connect_search_vectors

        content_version.watch(Article, Question, Topic, Reviewer)
        redirects.keep_old_addresses(Article)
        content_version.schedule(Article.objects.next_publication)
        connect_search_vectors()
