from django.apps import AppConfig


class FaqConfig(AppConfig):
    name = "faq"
    verbose_name = "Questions and answers"

    def ready(self):
        from .search import connect_search_vectors

        connect_search_vectors()
