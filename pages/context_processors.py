from django.conf import settings
from django.utils.functional import SimpleLazyObject

from .models import Page


def footer_pages(request):
    """The pages the footer links, read only when its cached fragment is rendered."""
    # Each language's title: the footer shows the page's, or English with lang="en" where it has none.
    titles = [f"title_{code}" for code, _ in settings.LANGUAGES]
    # Lazy: even unevaluated, the query costs a tenth of a millisecond to build on every page.
    return {"footer_pages": SimpleLazyObject(lambda: list(Page.objects.in_footer().only("slug", *titles)))}
