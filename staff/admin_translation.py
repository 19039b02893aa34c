"""The admin's side of translated content: a field per language in forms, and which items still lack
their Spanish (a column and a filter on each list)."""

from functools import reduce
from operator import or_

from django.conf import settings
from django.contrib import admin
from django.db.models import BooleanField, Case, Exists, OuterRef, Q, Value, When
from modeltranslation.admin import TranslationAdmin

from core.languages import SPANISH, edited_translated_fields


def lacking_q(model, language=SPANISH):
    """Rows where a field editors write shows its English in `language` (languages.shows_english, in SQL)."""
    conditions = [
        Q(**{f"{name}_{settings.LANGUAGE_CODE}__gt": ""})
        & (Q(**{f"{name}_{language}__isnull": True}) | Q(**{f"{name}_{language}": ""}))
        for name in edited_translated_fields(model)
    ]
    return reduce(or_, conditions, Q(pk__in=[]))


class SpanishFilter(admin.SimpleListFilter):
    title = "Spanish translation"
    parameter_name = "spanish"

    def lookups(self, request, model_admin):
        return [("missing", "Missing or incomplete"), ("done", "Complete")]

    def queryset(self, request, queryset):
        if self.value() == "missing":
            return queryset.filter(lacks_spanish=True)
        if self.value() == "done":
            return queryset.filter(lacks_spanish=False)
        return queryset


class TranslatedAdmin(TranslationAdmin):
    """A ModelAdmin for a model with translated fields: each shows once per language ("[en]",
    "[es]"); the list says which rows lack Spanish. `translated_parts` names inlines whose rows must be
    translated too, as {related model: its foreign key to this model}."""

    translated_parts = {}

    def get_queryset(self, request):
        model = self.model
        lacking = lacking_q(model)
        for part, foreign_key in self.translated_parts.items():
            lacking |= Exists(part.objects.filter(lacking_q(part), **{foreign_key: OuterRef("pk")}))
        return (
            super()
            .get_queryset(request)
            .annotate(
                lacks_spanish=Case(When(lacking, then=Value(True)), default=Value(False), output_field=BooleanField())
            )
        )

    def get_list_display(self, request):
        return [*super().get_list_display(request), "spanish"]

    def get_list_filter(self, request):
        return [*super().get_list_filter(request), SpanishFilter]

    @admin.display(description="Spanish", boolean=True, ordering="lacks_spanish")
    def spanish(self, obj):
        return not obj.lacks_spanish
