"""The content version: what every cached piece of a public page is named by.

Each app names the models visitors read (`watch`); any save or delete of one, or a change to one of
their many-to-many links, moves the version on in the same transaction. Apps also say when what
visitors see changes by itself (`schedule`: a scheduled article going live); the first request after
that moment moves the version on too. A page reads the version once (one indexed query) and looks its
fragments up under it, so after a change commits, or a scheduled time comes, the next request to any
worker renders from the database. The number never lives only in the cache: a cache that was down,
emptied or restarted can hold old fragments, but never under the current version.

Changes made with QuerySet.update() send no signals: call `bump()` after them.
"""

import time

from django.db import connection
from django.db.models import F
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone

from .models import ContentVersion

ROW = 1
# Functions of `now` giving the next time after it that content changes by itself, or None. Filled
# once, by the apps' ready().
_schedules = []


def current():
    # Every page asks this first: one plain statement, with the scheduled time compared in the database.
    table = ContentVersion._meta.db_table
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT number, next_change_at <= %s FROM {table} WHERE id = %s", [now, ROW])
        row = cursor.fetchone()
    if row is None:
        return 0
    number, time_has_come = row
    if time_has_come:
        bump()
        number = ContentVersion.objects.filter(pk=ROW).values_list("number", flat=True).first()
    return number


def for_request(request):
    """The version, read once per request."""
    if not hasattr(request, "content_version"):
        request.content_version = current()
    return request.content_version


def bump(**kwargs):
    if kwargs.get("action", "post_").startswith("pre_"):
        return  # m2m_changed sends pre_ and post_ signals; the post_ one is enough
    now = timezone.now()
    next_change_at = min(filter(None, (next_change(now) for next_change in _schedules)), default=None)
    moved = ContentVersion.objects.filter(pk=ROW).update(
        number=F("number") + 1, changed_at=now, next_change_at=next_change_at
    )
    if not moved:
        # A new or flushed database: start from the clock, so the number never repeats one that
        # fragments still in the cache were named by.
        ContentVersion.objects.get_or_create(
            pk=ROW,
            defaults={"number": time.time_ns() // 1000, "changed_at": now, "next_change_at": next_change_at},
        )


def watch(*models):
    """Move the version on whenever one of `models` changes."""
    for model in models:
        label = model._meta.label
        post_save.connect(bump, sender=model, dispatch_uid=f"content-version-save-{label}")
        post_delete.connect(bump, sender=model, dispatch_uid=f"content-version-delete-{label}")
        for field in model._meta.local_many_to_many:
            m2m_changed.connect(
                bump, sender=field.remote_field.through, dispatch_uid=f"content-version-m2m-{label}-{field.name}"
            )


def schedule(next_change):
    """Move the version on at the times `next_change(now)` gives (the next one after `now`, or None)."""
    if next_change not in _schedules:
        _schedules.append(next_change)
