"""Fields editors translate, a column per language (django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from .models import Accreditation, Picture, SiteSettings


@register(SiteSettings)
class SiteSettingsTranslation(TranslationOptions):
    fields = (
        "tagline", "hours", "languages", "payment", "services", "disclaimer", "crisis_text", "home_intro",
        # Added for issue 25 (where the center is, who it treats, costs and coverage).
        "getting_here", "ages_treated", "conditions_treated", "in_network", "medi_cal_elsewhere",
        "medicare_elsewhere", "self_pay", "payment_plans", "good_faith_estimate",
        "home_heading",
        "civil_rights_coordinator",  # issue 26: a title such as "Compliance officer" reads in each language
        # Issue 26: the licensing agency's name in the page's language.
        "licence_agency",
    )  # fmt: skip
    required_languages = ("en",)
    # Each language's column starts with the default in that language (the defaults are gettext's);
    # only an empty one falls back to English, not one equal to a default.
    fallback_undefined = ""


@register(Picture)
class PictureTranslation(TranslationOptions):
    fields = ("alt_text",)


@register(Accreditation)
class AccreditationTranslation(TranslationOptions):
    fields = ("body", "program")
    required_languages = ("en",)
