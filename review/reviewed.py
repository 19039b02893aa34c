"""What of each model is reviewed text, and reading it from or writing it to a row.

Apps register their models from ready(): `register(Article, fields=[...], parts={"questions": [...]})`.
A value is kept as JSON (dates as ISO text) for each language's column of a translated field."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from modeltranslation.utils import build_localized_fieldname

from core.languages import translated_fields

# Parked positions while parts are written back (a unique position may be taken for a moment).
PARKED_POSITION = 32000


@dataclass
class ReviewedText:
    fields: list  # the model's columns
    parts: dict  # {related accessor: [the part model's columns]}


_registry = {}


def register(model, fields, parts=None):
    _registry[model] = ReviewedText(
        fields=_columns(model, fields),
        parts={
            accessor: _columns(getattr(model, accessor).rel.related_model, names)
            for accessor, names in (parts or {}).items()
        },
    )


def reviewed_text(model):
    return _registry.get(model)


def _columns(model, names):
    translated = set(translated_fields(model))
    languages = [code for code, _ in settings.LANGUAGES]
    return [
        column
        for name in names
        for column in ([build_localized_fieldname(name, code) for code in languages] if name in translated else [name])
    ]


def needs_sign_off(item):
    """Whether a change to `item`'s text waits for a reviewer: it has been reviewed (a reviewer and a
    review date). Drafts too, so that unpublishing, editing and publishing again is no way round."""
    return reviewed_text(type(item)) is not None and bool(item.reviewer_id and item.last_reviewed)


def _plain(value):
    if isinstance(value, datetime.date):
        return value.isoformat()
    return "" if value is None else value


def field_values(item):
    return {column: _plain(getattr(item, column)) for column in reviewed_text(type(item)).fields}


def part_values(instances, columns):
    return [{"id": part.pk, **{column: _plain(getattr(part, column)) for column in columns}} for part in instances]


def snapshot(item):
    """The reviewed text of `item` as saved: its fields and its parts."""
    spec = reviewed_text(type(item))
    return {
        "fields": field_values(item),
        "parts": {
            accessor: part_values(getattr(item, accessor).order_by("position", "pk"), columns)
            for accessor, columns in spec.parts.items()
        },
    }


def set_fields(item, values):
    for column, value in values.items():
        field = item._meta.get_field(column)
        setattr(item, column, None if value == "" and field.null else field.to_python(value))


def write_parts(item, parts):
    """Make `item`'s parts those of `parts` (snapshot()'s form): kept ones updated, new ones added,
    the others deleted."""
    for accessor, rows in parts.items():
        manager = getattr(item, accessor)
        kept = [row["id"] for row in rows if row.get("id")]
        manager.exclude(pk__in=kept).delete()
        for offset, pk in enumerate(kept):
            manager.filter(pk=pk).update(position=PARKED_POSITION - offset)
        for row in rows:
            part = manager.filter(pk=row["id"]).first() if row.get("id") else None
            if part is None:
                part = manager.model(**{manager.field.name: item})
            set_fields(part, {column: value for column, value in row.items() if column != "id"})
            part.save()
