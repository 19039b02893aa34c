from .models import Page


def footer_pages(request):
    """The pages the footer links, read only when its cached fragment is rendered."""
    return {"footer_pages": Page.objects.in_footer().only("title", "slug")}
