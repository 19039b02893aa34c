"""Fields editors translate, a column per language (django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from .models import LevelOfCare


@register(LevelOfCare)
class LevelOfCareTranslation(TranslationOptions):
    fields = (
        "name",
        "short_name",
        "summary",
        "description",
        "who_it_fits",
        "typical_week",
        "description_html",
        "who_it_fits_html",
        "typical_week_html",
        "meta_description",
        "length_in_words",
    )
    required_languages = ("en",)
