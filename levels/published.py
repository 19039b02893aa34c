"""Published levels looked up by slug, kept per process until content is saved (core.fragments)."""

from django.core.validators import slug_re

from core.fragments import kept

from .models import LevelOfCare


def published_level(slug, request=None):
    """The published level with this slug, or None."""
    if not slug_re.fullmatch(slug or ""):
        return None
    return kept(f"level:{slug}", lambda: LevelOfCare.objects.published().filter(slug=slug).first(), request)
