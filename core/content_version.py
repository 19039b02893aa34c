"""The content version: what every cached piece of a public page is named by.

Each app names the models visitors read (`watch`); any save or delete of one, or a change to one of
their many-to-many links, moves the version on in the same transaction. A page reads the version
once (one indexed query) and looks its fragments up under it, so after a change commits, the next
request to any worker renders from the database. The number never lives only in the cache: a cache
that was down, emptied or restarted can hold old fragments, but never under the current version.

Changes made with QuerySet.update() send no signals: call `bump()` after them.
"""

import time

from django.db.models import F
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone

from .models import ContentVersion

ROW = 1


def current():
    number = ContentVersion.objects.filter(pk=ROW).values_list("number", flat=True).first()
    return 0 if number is None else number


def for_request(request):
    """The version, read once per request."""
    if not hasattr(request, "content_version"):
        request.content_version = current()
    return request.content_version


def bump(**kwargs):
    if kwargs.get("action", "post_").startswith("pre_"):
        return  # m2m_changed sends pre_ and post_ signals; the post_ one is enough
    now = timezone.now()
    if not ContentVersion.objects.filter(pk=ROW).update(number=F("number") + 1, changed_at=now):
        # A new or flushed database: start from the clock, so the number never repeats one that
        # fragments still in the cache were named by.
        ContentVersion.objects.get_or_create(pk=ROW, defaults={"number": time.time_ns() // 1000, "changed_at": now})


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
