"""Versions in the admin (django-reversion's VersionAdmin): a History page that says what each
version changed, and a restore that brings back the object and the parts saved with it (and nothing
else the version holds), recorded as a new version by the person who restored it."""

from contextlib import nullcontext

from django.contrib import messages
from django.contrib.admin.utils import quote, unquote
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext
from reversion import set_comment
from reversion.admin import VersionAdmin
from reversion.errors import RevertError
from reversion.models import Version
from reversion.utils import mute_signals

from core.languages import SPANISH, translated_fields
from core.versions import held_for, history

from .version_restore import describe, left_alone, restore


def with_spanish(model, fields):
    """{field: label} with the Spanish of each translated field after it (the field itself is the
    English, kept equal to its English column)."""
    translated = set(translated_fields(model))
    labelled = {}
    for name, label in fields.items():
        labelled[name] = label
        if name in translated:
            labelled[f"{name}_{SPANISH}"] = f"{label} (Spanish)"
    return labelled


class VersionHistoryAdmin(VersionAdmin):
    object_history_template = "admin/version_history.html"
    revision_form_template = "admin/version_restore.html"
    history_latest_first = True
    # {field: label} compared between versions (every field an editor edits, if None); and for
    # each kind of part saved with the object, (model, {field: label}, ordering field).
    version_fields = None
    version_parts = ()

    def get_version_fields(self):
        if self.version_fields is not None:
            return with_spanish(self.model, self.version_fields)
        return with_spanish(
            self.model,
            {
                f.name: capfirst(f.verbose_name)
                for f in self.model._meta.get_fields()
                if getattr(f, "editable", False)
                and (f.concrete or f.many_to_many)
                and not f.auto_created
                and not hasattr(f, "translated_field")  # a language's column: with_spanish names it
            },
        )

    def get_version_parts(self):
        return [(model, with_spanish(model, fields), name_field) for model, fields, name_field in self.version_parts]

    def history_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, object_id)
        entries = []
        if obj is not None:
            opts = self.model._meta
            for entry in history(obj, self.get_version_fields(), self.get_version_parts()):
                entry.url = reverse(
                    f"admin:{opts.app_label}_{opts.model_name}_revision", args=[obj.pk, entry.version.pk]
                )
                entries.append(entry)
        return super().history_view(request, object_id, {"version_entries": entries, **(extra_context or {})})

    def prepare_restore(self, obj):
        """Runs on the object as it is now, just before a restore puts its old version back."""

    def hold_restore(self, request, version, held):
        """A restore that must not go live as it is (reviewed text: review/admin_hold.py) answers here
        instead of being saved; None lets it go on."""
        return None

    def revision_view(self, request, object_id, version_id, extra_context=None):
        version = self._version(version_id, object_id=unquote(object_id))
        context = {"title": gettext("Restore %(name)s") % {"name": version.object_repr}, "revert": True}
        template = self.revision_form_template or self._reversion_get_template_list("revision_form.html")
        return self._restore_view(request, version, template, {**context, **(extra_context or {})})

    def recover_view(self, request, version_id, extra_context=None):
        if not self.has_add_permission(request):
            raise PermissionDenied
        version = self._version(version_id)
        context = {"title": gettext("Recover %(name)s") % {"name": version.object_repr}, "recover": True}
        template = self.recover_form_template or self._reversion_get_template_list("recover_form.html")
        return self._restore_view(request, version, template, {**context, **(extra_context or {})})

    def _version(self, version_id, **filters):
        # Only a version of this admin's model: another model's would be shown as one of ours.
        content_type = ContentType.objects.get_for_model(self.model)
        return get_object_or_404(Version, pk=version_id, content_type=content_type, **filters)

    def _restore_view(self, request, version, template_name, context):
        """reversion's revision form view, restoring only the chosen object (staff/version_restore.py).
        The page shows the version restored inside a transaction, rolled back unless the form is
        saved, as reversion's does."""
        held = held_for(version)
        if request.method == "POST":
            held_back = self.hold_restore(request, version, held)
            if held_back is not None:
                return held_back
        restoring, others = describe(version, held)
        context = {**context, "restoring": restoring, "others": others}
        # Looking at an old version must not set off what a save does (caches, search index).
        signals = mute_signals(pre_save, post_save, pre_delete, post_delete, m2m_changed)
        try:
            with transaction.atomic(using=version.db), signals if request.method == "GET" else nullcontext():
                restore(version, held, prepare=self.prepare_restore)
                with self.create_revision(request):
                    response = self.changeform_view(request, quote(version.object_id), request.path, context)
                    if request.method == "POST" and response.status_code == 302:
                        done = gettext("Restored %(what)s.") % {"what": restoring}
                        set_comment(done)
                        messages.success(request, f"{done} {left_alone(others)}".strip())
                    elif response.status_code == 200:
                        response.template_name = template_name
                        response.render()
                        raise _ShownOnly(response)
                    else:
                        raise RevertError(gettext("This version could not be opened."))
        except (RevertError, models.ProtectedError) as error:
            messages.error(request, str(error))
            opts = self.model._meta
            return redirect(f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_changelist")
        except _ShownOnly as shown:
            return shown.response
        return response


class _ShownOnly(Exception):
    """Rolls back the restore made to show a version (or to draw a refused form again)."""

    def __init__(self, response):
        self.response = response
