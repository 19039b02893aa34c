"""Fields editors translate, a column per language (django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from .models import Picture, SiteSettings


@register(SiteSettings)
class SiteSettingsTranslation(TranslationOptions):
    fields = ("tagline", "hours", "languages", "payment", "services", "disclaimer", "crisis_text", "home_intro")
    fields += ("home_heading",)
    required_languages = ("en",)
    # Each language's column starts with the default in that language (the defaults are gettext's);
    # only an empty one falls back to English, not one equal to a default.
    fallback_undefined = ""


@register(Picture)
class PictureTranslation(TranslationOptions):
    fields = ("alt_text",)
