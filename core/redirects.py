"""Addresses never break: when a published page's slug changes, its old address answers with a
permanent redirect to the new one, also after a second change (older addresses are pointed at the
newest, never at each other).

Django's own redirects app needs the sites framework, which would give the sitemaps a fixed host
instead of the request's; this is the same idea in one small model (core.Redirect) and a
middleware that looks an address up only when it would answer 404."""

from django.conf import settings
from django.contrib import messages
from django.db.models.signals import post_save, pre_save
from django.http import HttpResponsePermanentRedirect
from django.utils import translation

from .languages import split_language_prefix
from .models import Redirect


def keep_old_addresses(*models):
    """For models with get_absolute_url() and a published() queryset: connect the two signals."""
    for model in models:
        pre_save.connect(_note_old_address, sender=model, dispatch_uid=f"redirects-pre-{model._meta.label}")
        post_save.connect(_redirect_old_address, sender=model, dispatch_uid=f"redirects-post-{model._meta.label}")


def _note_old_address(sender, instance, **kwargs):
    instance._old_address = None
    if instance.pk is None:
        return
    before = sender.objects.published().filter(pk=instance.pk).first()  # only what visitors could reach
    with translation.override(settings.LANGUAGE_CODE):  # kept as English addresses
        if before is not None and before.get_absolute_url() != instance.get_absolute_url():
            instance._old_address = before.get_absolute_url()


def _redirect_old_address(sender, instance, **kwargs):
    with translation.override(settings.LANGUAGE_CODE):
        old, new = getattr(instance, "_old_address", None), instance.get_absolute_url()
    if not old:
        return
    Redirect.objects.filter(new_path=old).update(new_path=new)  # one hop from every older address
    Redirect.objects.filter(old_path=new).delete()  # back at an address it had before: no loop
    Redirect.objects.update_or_create(old_path=old, defaults={"new_path": new})
    instance._old_address, instance._moved_from = None, old


class AnnounceMovedAddressMixin:
    """For a ModelAdmin: say so when a save moved a published page to a new address."""

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        moved_from = getattr(obj, "_moved_from", None)
        if moved_from:
            messages.info(
                request,
                f"The address changed. Its old address {moved_from} now sends visitors and search engines to "
                f"{obj.get_absolute_url()} (a permanent redirect), so no link to it breaks.",
            )


class OldAddressRedirectMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code != 404 or request.method not in ("GET", "HEAD"):
            return response
        # Addresses are kept as English ones: a Spanish address is looked up without its /es.
        prefix, old = split_language_prefix(request.path)
        new = Redirect.objects.filter(old_path=old).values_list("new_path", flat=True).first()
        if new is None:
            return response
        query = request.META.get("QUERY_STRING", "")
        return HttpResponsePermanentRedirect(f"{prefix}{new}?{query}" if query else f"{prefix}{new}")
