"""Restore one object from a saved version: the object and what it follows (an article's questions and
sources) as they were then, and nothing else. A version saved by `load_demo` or by the list's quick
edit holds several objects; django-reversion's own restore (`Revision.revert`) brings back every one
of them, undoing colleagues' later work on objects nobody chose."""

from collections import Counter, defaultdict

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ObjectDoesNotExist
from django.db import IntegrityError, transaction
from django.db.models.deletion import Collector
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext, ngettext
from reversion.errors import RevertError
from reversion.revisions import _follow_relations_recursive


def restore(version, versions, prepare=None):
    """Put `version`'s object and what it follows back as saved: `versions`, from held_for(version).

    `prepare(obj)` runs first on the object as it is now (to move aside rows whose unique positions
    the restored ones take back). What the object follows now but did not then is deleted."""
    current = version._model._default_manager.using(version.db).filter(pk=version.object_id).first()
    if current is not None:
        if prepare is not None:
            prepare(current)
        kept = {(held.content_type_id, held.object_id) for held in versions}
        added_since = defaultdict(list)
        for item in _follow_relations_recursive(current):
            if (ContentType.objects.get_for_model(item).pk, str(item.pk)) not in kept:
                added_since[type(item)].append(item)
        collector = Collector(using=version.db)
        for items in added_since.values():
            collector.collect(items)
        collector.delete()
    _revert_in_turn(versions)
    return versions


def _revert_in_turn(versions):
    """Parents first; a row that needs one restored later is tried again after it."""
    waiting = list(versions)
    while waiting:
        failed = []
        for version in waiting:
            try:
                with transaction.atomic(using=version.db):
                    version.revert()
            except (IntegrityError, ObjectDoesNotExist):
                failed.append(version)
        if len(failed) == len(waiting):
            raise RevertError(
                gettext("“%(item)s” could not be restored: something it needs no longer exists. Nothing was changed.")
                % {"item": failed[0].object_repr}
            )
        waiting = failed


def describe(version, restored):
    """What restoring `version` brings back, and how many other objects were saved with it."""
    model = version._model._meta
    parts = Counter(held._model for held in restored[1:])
    counted = [
        f"{count} {part._meta.verbose_name if count == 1 else part._meta.verbose_name_plural}"
        for part, count in parts.items()
    ]
    what = {
        "kind": model.verbose_name,
        "name": version.object_repr,
        "when": date_format(timezone.localtime(version.revision.date_created), "N j, Y, P"),
    }
    if counted:
        what["parts"] = " and ".join([", ".join(counted[:-1]), counted[-1]] if len(counted) > 1 else counted)
        text = gettext("the %(kind)s “%(name)s” as saved on %(when)s, with its %(parts)s") % what
    else:
        text = gettext("the %(kind)s “%(name)s” as saved on %(when)s") % what
    return text, version.revision.version_set.count() - len(restored)


def left_alone(others):
    """What a restore said about the rest of the version it came from."""
    if not others:
        return ""
    return ngettext(
        "The %(count)s other item saved in that version was left as it is.",
        "The %(count)s other items saved in that version were left as they are.",
        others,
    ) % {"count": others}
