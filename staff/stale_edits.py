"""Refuse a save based on an old copy, so that nobody silently undoes a colleague's work.

The change form carries the `updated_at` of the row as the person opened it. If the row was saved
since (by a colleague, a command, or in another tab), the save is refused: the page says who saved
it and when, lists the fields whose saved value differs from what this person sent, and keeps
everything they typed. Saving again then is a deliberate choice, made with that list in view. The
list's quick edit does the same for each row changed since the list was shown.
"""

from django import forms
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.formats import date_format
from django.utils.functional import cached_property

SEEN = "seen_updated_at"
# The list's quick edit (list_editable) carries when the list was drawn, in its management form.
LIST_SEEN = "list_opened_at"


class RefuseStaleEditsMixin:
    """Part of every admin of ours (staff.admin_base.StaffAdmin), on where `refuse_stale_edits` is
    set, for a model with `updated_at` (auto_now; the system check staff.E002 says so otherwise)."""

    refuse_stale_edits = False

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is not None and self.refuse_stale_edits:
            # The hidden field is declared on the form the admin builds from, so it may be listed.
            kwargs["form"] = type(f"Stale{self.form.__name__}", (StaleEditForm, self.form), {})
        return super().get_form(request, obj, change=change, **kwargs)

    def get_changelist_formset(self, request, **kwargs):
        formset = super().get_changelist_formset(request, **kwargs)
        return stale_checked_formset(formset) if self.refuse_stale_edits else formset

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or not self.refuse_stale_edits:
            return fieldsets
        (name, options), *rest = fieldsets
        return [(name, {**options, "fields": [*options["fields"], SEEN]}), *rest]


class StaleEditForm(forms.ModelForm):
    seen_updated_at = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # The row as saved now, not the instance: a history page shows an older copy to restore.
            saved = type(self.instance)._default_manager.filter(pk=self.instance.pk).values_list("updated_at")
            self.fields[SEEN].initial = (saved.first() or (self.instance.updated_at,))[0].isoformat()

    def clean(self):
        cleaned = super().clean()
        seen = parse_datetime(self.data.get(SEEN) or "")
        saved = type(self.instance)._default_manager.filter(pk=self.instance.pk).first()
        if not self.instance.pk or saved is None or seen is None or saved.updated_at == seen:
            return cleaned
        message = self._message(saved, seen)
        # The next save from this page is a choice made with the differences in view.
        self.data = self.data.copy()
        self.data[SEEN] = saved.updated_at.isoformat()
        raise forms.ValidationError(message, code="stale")

    def _message(self, saved, seen):
        when = date_format(timezone.localtime(saved.updated_at), "N j, P")
        who = _last_editor(saved, after=seen)
        differences = [
            f"{field.label}: now “{_shown(saved, name)}”"
            for name, field in self.fields.items()
            if name != SEEN and name in self.cleaned_data and _value(saved, name) != _value_of(self.cleaned_data[name])
        ]
        listed = "; ".join(differences) or "nothing in the fields above (what changed is further down)"
        return (
            f"{who} saved this {saved._meta.verbose_name} at {when}, after you opened it, so nothing was saved. "
            f"Saved now, and different from what you sent: {listed}. What you typed is still below: check it "
            "against that and save again to keep yours."
        )


class DrawnAtInput(forms.HiddenInput):
    """Always the time the page is drawn: after a refused quick edit, the next save is a choice made
    with the refusal in view, as on the change form."""

    def format_value(self, value):
        return timezone.now().isoformat()


def stale_checked_formset(formset_class):
    """The admin list's quick-edit formset, refusing a row changed since the list was drawn."""

    class StaleCheckedFormSet(formset_class):
        @cached_property
        def management_form(self):
            form = super().management_form
            form.fields[LIST_SEEN] = forms.CharField(required=False, widget=DrawnAtInput)
            return form

        def clean(self):
            super().clean()
            opened = parse_datetime(self.data.get(f"{self.prefix}-{LIST_SEEN}") or "")
            for form in self.forms:
                saved = form.instance
                if opened is None or not saved.pk or not form.has_changed() or saved.updated_at <= opened:
                    continue
                when = date_format(timezone.localtime(saved.updated_at), "N j, P")
                form.add_error(
                    form.changed_data[0],
                    f"{_last_editor(saved, after=opened)} saved this {saved._meta.verbose_name} at {when}, after "
                    "this list was shown, so this row was not saved. Open it to see what changed, or save again "
                    "to keep yours.",
                )

    return StaleCheckedFormSet


def _last_editor(obj, after):
    entry = (
        LogEntry.objects.filter(content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk))
        .select_related("user")
        .order_by("-action_time")
        .first()
    )
    if entry and entry.action_time >= after and entry.user:
        return entry.user.get_full_name() or entry.user.get_username()
    return "Someone"


def _value(obj, name):
    field = obj._meta.get_field(name)
    return _value_of(getattr(obj, name) if field.many_to_many else getattr(obj, field.attname))


def _value_of(value):
    """Comparable form of a saved or a cleaned value: related objects by their keys, nothing as ""."""
    if hasattr(value, "all"):  # a many-to-many manager or queryset
        return sorted(item.pk for item in value.all())
    if hasattr(value, "_meta"):  # a model instance
        return value.pk
    return "" if value is None else value


def _shown(obj, name):
    field = obj._meta.get_field(name)
    display = getattr(obj, f"get_{name}_display", None)
    if display:
        return display()
    value = getattr(obj, name)
    if field.many_to_many:
        return ", ".join(str(item) for item in value.all()) or "none"
    return "empty" if value in (None, "") else str(value)
