"""What changed between the saved versions of an object (django-reversion), in words an editor
reads on the History page: each field that changed, and for the parts saved with it (an article's
questions) each one added, removed or changed."""

from dataclasses import dataclass, field

import reversion
from django.contrib.contenttypes.models import ContentType
from django.db.models import ForeignObjectRel
from django.utils.text import Truncator
from reversion.models import Version
from reversion.revisions import _get_options


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


def held_for(version):
    """`version` and, among the versions saved with it, those of what its object follows (an article's
    questions and sources, and theirs in turn), parents first. A version saved by `load_demo` or the
    list's quick edit also holds other objects: those are not this one's."""
    saved_with = [held for held in version.revision.version_set.all() if held.pk != version.pk]
    found, queue = [version], [version]
    while queue:
        parent = queue.pop(0)
        for child in [held for held in saved_with if _follows(parent, held)]:
            saved_with.remove(child)
            found.append(child)
            queue.append(child)
    return found


def _follows(parent, child):
    model = parent._model
    for name in _get_options(model).follow:
        relation = _followed_field(model, name)
        if relation is None or relation.related_model is not child._model:
            continue
        if relation.concrete and relation.many_to_many:
            if child.object_id in {str(pk) for pk in parent.field_dict.get(relation.attname) or ()}:
                return True
        elif relation.concrete:  # a foreign key of the parent
            if str(parent.field_dict.get(relation.attname)) == child.object_id:
                return True
        elif isinstance(relation, ForeignObjectRel):  # a key to the parent, such as a question's article
            key = relation.field
            parent_key = str(parent.field_dict.get(key.target_field.attname, parent.object_id))
            value = child.field_dict.get(key.attname)
            if key.many_to_many and parent_key in {str(pk) for pk in value or ()}:
                return True
            if not key.many_to_many and str(value) == parent_key:
                return True
    return False


def _followed_field(model, name):
    """The relation a registration's `follow` names: a field's name, or a reverse relation's accessor."""
    for relation in model._meta.get_fields():
        if not relation.is_relation:
            continue
        if (relation.get_accessor_name() if isinstance(relation, ForeignObjectRel) else relation.name) == name:
            return relation
    return None


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
            for child in held_for(version)[1:]:
                if child.content_type_id in by_type:
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
