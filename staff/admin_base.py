"""The base of every admin of ours (StaffAdmin; the system check in staff/checks.py refuses a
registered admin without it), and what it refuses on every page, whoever asks.

- An object is named by its plain number only: `+1`, ` 1` or `_2B1` name nothing, so no address can
  show or change an inquiry outside the access log.
- Filters and `_to_field` that reach into the inquiries (for example `?inquiries__id=3` on levels of
  care) are refused (400) for anyone who may not read inquiries.
- Search text loses the NUL characters PostgreSQL cannot compare.

With `refuse_stale_edits = True` it also refuses a save based on an old copy (staff/stale_edits.py).
"""

from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db.models.constants import LOOKUP_SEP
from django.http import Http404
from django.utils.text import capfirst

from .stale_edits import RefuseStaleEditsMixin

# App label: the permission needed to reach its rows through another model's admin.
PRIVATE_APPS = {"intake": "intake.view_inquiry", "screening": "screening.view_screen", "census": "census.view_stay"}


def is_plain_number(object_id):
    """`12`, not `012`, `+12`, ` 12` or `١٢`: the one spelling of an object's number."""
    text = str(object_id)
    return text.isascii() and text.isdigit() and not text.startswith("0")


def require_plain_number(object_id):
    if not is_plain_number(object_id):
        raise Http404("No such object.")


class GuardedAdminMixin:
    def get_object(self, request, object_id, from_field=None):
        if from_field is None and not is_plain_number(object_id):
            return None  # the admin then says the object does not exist
        return super().get_object(request, object_id, from_field)

    def history_view(self, request, object_id, extra_context=None):
        require_plain_number(object_id)
        return super().history_view(request, object_id, extra_context)

    def lookup_allowed(self, lookup, value, request):
        if self._reaches_private_rows(lookup.split(LOOKUP_SEP), request):
            return False
        return super().lookup_allowed(lookup, value, request)

    def to_field_allowed(self, request, to_field):
        try:
            field = self.opts.get_field(to_field)
        except FieldDoesNotExist:
            return False
        if not field.concrete or self._reaches_private_rows([to_field], request):
            return False
        return super().to_field_allowed(request, to_field)

    def get_search_results(self, request, queryset, search_term):
        return super().get_search_results(request, queryset, search_term.replace("\x00", ""))

    def _reaches_private_rows(self, path, request):
        model = self.model
        for name in path:
            try:
                field = model._meta.get_field(name)
            except FieldDoesNotExist:
                return False
            if not field.is_relation or field.related_model is None:
                return False
            model = field.related_model
            permission = PRIVATE_APPS.get(model._meta.app_label)
            if permission and not request.user.has_perm(permission):
                return True
        return False


class _ReadableChoices:
    """An autocomplete box drawn again after a refused save shows only the chosen keys its model can
    read: Django's would look up `abc` among numbers and fail the page (the field says it is wrong)."""

    def optgroups(self, name, value, attr=None):
        key = self.field.remote_field.model._meta.get_field(self.field.remote_field.field_name)
        return super().optgroups(name, [chosen for chosen in value if _readable(key, chosen)], attr)


def _readable(key, value):
    try:
        key.to_python(value)
    except ValidationError:
        return False
    return True


class ReadableAutocompleteSelect(_ReadableChoices, AutocompleteSelect):
    pass


class ReadableAutocompleteSelectMultiple(_ReadableChoices, AutocompleteSelectMultiple):
    pass


class StaffAdmin(GuardedAdminMixin, RefuseStaleEditsMixin, admin.ModelAdmin):
    """A ModelAdmin of ours. Put mixins before it and other ModelAdmin bases (TranslatedAdmin,
    UserAdmin) after it: `class PictureAdmin(StaffAdmin, TranslatedAdmin)`."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        formfield = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if formfield is not None and type(formfield.widget) is AutocompleteSelect:
            formfield.widget.__class__ = ReadableAutocompleteSelect
        return formfield

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        formfield = super().formfield_for_manytomany(db_field, request, **kwargs)
        if formfield is not None and type(formfield.widget) is AutocompleteSelectMultiple:
            formfield.widget.__class__ = ReadableAutocompleteSelectMultiple
        return formfield

    def get_changelist_form(self, request, **kwargs):
        return labelled_quick_edit(super().get_changelist_form(request, **kwargs))


def labelled_quick_edit(form_class):
    """The list's quick-edit boxes sit in a table cell with no label of their own: each gets one,
    naming its column and its row ("Status of What is IOP?"), for screen readers and voice control."""

    class LabelledForm(form_class):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            for field in self.fields.values():
                if field.label and not field.widget.is_hidden:
                    field.widget.attrs["aria-label"] = f"{capfirst(field.label)} of {self.instance}"

    return LabelledForm
