"""Fields editors translate, a column per language (django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from .models import Page


@register(Page)
class PageTranslation(TranslationOptions):
    fields = ("title", "summary", "body", "body_html")
    required_languages = ("en",)
