"""Versions in the admin (django-reversion's VersionAdmin): a History page that says what each
version changed, and a restore that brings back the object and the parts saved with it, recorded
as a new version by the person who restored it."""

from django.urls import reverse
from django.utils.text import capfirst
from reversion.admin import VersionAdmin

from core.languages import SPANISH, translated_fields
from core.versions import history


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
