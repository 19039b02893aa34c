from django.conf import settings

from .models import Page


def footer_pages(request):
    """The pages the footer links, read only when its cached fragment is rendered."""
    # Each language's title: the footer shows the page's, or English with lang="en" where it has none.
    titles = [f"title_{code}" for code, _ in settings.LANGUAGES]
    return {"footer_pages": Page.objects.in_footer().only("slug", *titles)}
