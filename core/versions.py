"""What changed between the saved versions of an object (django-reversion), in words an editor
reads on the History page: each field that changed, and for the parts saved with it (an article's
questions) each one added, removed or changed."""

from dataclasses import dataclass, field

import reversion
from django.contrib.contenttypes.models import ContentType
from django.utils.text import Truncator
from reversion.models import Version


@dataclass
class Entry:
    version: Version
    changes: list = field(default_factory=list)


def _short(value):
    if value in (None, "", []):
        return "empty"
    return Truncator(str(value)).chars(120)


def keep_versions(model, **options):
    """Register `model` with django-reversion from an app's ready(): after django-modeltranslation has
    added each language's column (so that versions keep and restore them), and in place of the
    registration the admin's VersionAdmin made on its own when the admin was loaded."""
    if reversion.is_registered(model):
        reversion.unregister(model)
    reversion.register(model, **options)


def history(obj, fields, parts=()):
    """Versions of `obj`, newest first, each with what it changed from the one before.

    `fields`: {field name: label} of the object; `parts`: for each kind of object saved with it,
    (model, {field: label}, name_field), such as (Question, {"question": "question", "answer":
    "answer"}, "position")."""
    versions = (
        Version.objects.get_for_object(obj).select_related("revision__user").order_by("revision__date_created", "pk")
    )
    part_types = [ContentType.objects.get_for_model(part[0]) for part in parts]
    entries, before = [], None
    for version in versions:
        now = version.field_dict
        children = [{} for _ in parts]
        if parts:
            by_type = {part_type.pk: found for part_type, found in zip(part_types, children, strict=True)}
            for child in version.revision.version_set.filter(content_type__in=part_types):
                by_type[child.content_type_id][child.object_id] = child.field_dict
        entry = Entry(version)
        if before is None:
            entry.changes.append("First saved version.")
        else:
            entry.changes += _field_changes(before[0], now, fields)
            for part, old, new in zip(parts, before[1], children, strict=True):
                entry.changes += _part_changes(old, new, part)
            entry.changes = entry.changes or ["Saved with no change to what is shown here."]
        entries.append(entry)
        before = (now, children)
    return entries[::-1]


def _field_changes(old, new, fields):
    return [
        f"{label}: “{_short(old.get(name))}” → “{_short(new.get(name))}”"
        for name, label in fields.items()
        if old.get(name) != new.get(name)
    ]


def _part_changes(old, new, parts):
    model, fields, name_field = parts
    noun = model._meta.verbose_name
    changes = []
    for key in sorted(set(old) | set(new), key=lambda k: (new.get(k) or old[k]).get(name_field) or 0):
        latest = new.get(key) or old[key]
        title = latest.get(next(iter(fields)))
        where = f"{noun.capitalize()} {latest.get(name_field)}"
        if key not in old:
            changes.append(f"{where} added: “{_short(title)}”")
        elif key not in new:
            changes.append(f"{where} removed: “{_short(title)}”")
        else:
            changes += [f"{where}, {change}" for change in _field_changes(old[key], new[key], fields)]
    return changes
