from django.apps import AppConfig


class FaqConfig(AppConfig):
    name = "faq"
    verbose_name = "Questions and answers"

    def ready(self):
        from core import content_version, links, redirects, versions
        from review import reviewed

        from .models import SEARCH_ONLY_FIELDS, Article, Question, Reviewer, Source, Synonym, Topic
        from .search import connect_search_vectors

        # After django-modeltranslation added the language columns, so that versions keep them.
        versions.keep_versions(Article, exclude=[*SEARCH_ONLY_FIELDS, "review_due_on"], follow=["questions", "sources"])
        versions.keep_versions(Question)
        versions.keep_versions(Source)
        content_version.watch(Article, Question, Source, Topic, Reviewer, Synonym)
        links.register("faq:reviewer", lambda slug: Reviewer.objects.filter(slug=slug).exists())
        redirects.keep_old_addresses(Article)
        links.register("faq:detail", lambda slug: Article.objects.published().filter(slug=slug).exists())
        links.register("faq:topic", lambda slug: Topic.objects.filter(slug=slug).exists())
        links.register("faq:preview", lambda slug: False)  # staff only: visitors get a 404
        reviewed.register(
            Article,
            fields=["title", "introduction", "closing", "meta_description"],
            parts={
                "questions": ["position", "question", "answer"],
                "sources": ["position", "title", "publisher", "url", "published_on"],
            },
        )
        content_version.schedule(Article.objects.next_publication)
        connect_search_vectors()
