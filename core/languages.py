"""The site's two languages, and what content translated per field needs around it.

Fields registered with django-modeltranslation (each app's translation.py) get a column per
language; the original column stays, and is kept equal to the English one at every save so that
nothing reading it (a constraint, a raw query) ever sees a Spanish or stale value.
"""

from django.conf import settings
from django.db.models import BooleanField, Case, Q, Value, When
from django.db.models.signals import pre_save
from django.utils import translation
from modeltranslation.translator import NotRegistered, translator

SPANISH = "es"


def split_language_prefix(path):
    """("/es", "/faq/x/") for a Spanish address, ("", path) for an English one."""
    language = translation.get_language_from_path(path)
    prefix = f"/{language}" if language and language != settings.LANGUAGE_CODE else ""
    return prefix, path.removeprefix(prefix)


def translated_fields(model):
    try:
        return list(translator.get_options_for_model(model).fields)
    except NotRegistered:
        return []


def edited_translated_fields(model):
    """Translated fields editors write (not those made from them at save, such as stored HTML)."""
    return [name for name in translated_fields(model) if model._meta.get_field(name).editable]


def shows_english(instance, name, language):
    """Whether the translated field `name` shows its English in `language`: it has English text and
    none of its own."""
    return bool(getattr(instance, f"{name}_{settings.LANGUAGE_CODE}")) and not getattr(instance, f"{name}_{language}")


# Text for search engines only: a page with all it shows in Spanish needs no note for these.
NOT_SHOWN = {"meta_description"}


# What lacks_translation says: all of the page's text shows its English, or part of it.
ALL, PART = "all", "part"


def lacks_translation(*instances, language=None, not_shown=()):
    """Whether fields these show have English text and none in `language` (the active one): "" for
    none, PART for some, ALL when every one does. The page then shows English for them, with a note.
    `not_shown`: more fields the page does not show."""
    language = language or translation.get_language()
    if language == settings.LANGUAGE_CODE:
        return ""
    skipped = NOT_SHOWN | set(not_shown)
    shown = [
        (instance, name)
        for instance in instances
        for name in edited_translated_fields(type(instance))
        if name not in skipped and getattr(instance, f"{name}_{settings.LANGUAGE_CODE}")
    ]
    english = sum(shows_english(instance, name, language) for instance, name in shown)
    return "" if not english else ALL if english == len(shown) else PART


def has_translation(instance, language=SPANISH):
    """Whether `instance` is written in `language`, as lists, feeds, sitemaps and page heads say (an
    item without it is marked "in English" and has no alternate in that language). A model naming its
    `TRANSLATION_REQUIRES` fields (an article: title and introduction) needs text in each of them; any
    other needs some of the text it shows. A list that loads only links annotates it in SQL
    (`has_translation_annotation`)."""
    if language == settings.LANGUAGE_CODE:
        return True
    annotated = instance.__dict__.get(_annotation_name(language))
    if annotated is not None:
        return annotated
    required = getattr(type(instance), "TRANSLATION_REQUIRES", None)
    if required is None:
        return lacks_translation(instance, language=language) != ALL
    return all(getattr(instance, f"{name}_{language}") for name in required)


def has_translation_annotation(model, language=SPANISH):
    """has_translation for a model with `TRANSLATION_REQUIRES`, as a queryset annotation (**kwargs)."""
    condition = Q(**{f"{name}_{language}__gt": "" for name in model.TRANSLATION_REQUIRES})
    has_it = Case(When(condition, then=Value(True)), default=Value(False), output_field=BooleanField())
    return {_annotation_name(language): has_it}


def _annotation_name(language):
    return f"has_translation_{language}"


def _keep_original_english(sender, instance, **kwargs):
    for name in translated_fields(sender):
        instance.__dict__[name] = getattr(instance, f"{name}_{settings.LANGUAGE_CODE}")


def connect():
    # Every model, proxies included (a save through a proxy names the proxy as sender).
    pre_save.connect(_keep_original_english, dispatch_uid="original-english")
