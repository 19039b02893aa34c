"""Refuse a save based on an old copy, so that nobody silently undoes a colleague's work.

The change form carries the `updated_at` of the row as the person opened it. If the row was saved
since (by a colleague, a command, or in another tab), the save is refused: at the top of the form,
a summary says who saved it and when, with their saved value beside this person's for each field
that differs, and the form keeps everything they typed (the rest of the page shows the row as
saved). Saving again then is a deliberate choice, made with that list in view. The list's quick edit
does the same for each row changed since the list was shown.
"""

import datetime

from django import forms
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import NON_FIELD_ERRORS, FieldDoesNotExist
from django.forms.utils import ErrorList
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.text import Truncator
from django.utils.translation import gettext

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

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        adminform = context.get("adminform")
        if obj is not None and adminform is not None and adminform.form.has_error(NON_FIELD_ERRORS, "stale"):
            # The form keeps what this person typed; the rest of the page (a workspace's summary, the
            # title) shows the row as saved, as the timeline does.
            obj = self.get_queryset(request).filter(pk=obj.pk).first() or obj
            context.update(original=obj, subtitle=str(obj))
        return super().render_change_form(request, context, add=add, change=change, form_url=form_url, obj=obj)


class StaleRefusalList(ErrorList):
    """A form's errors, the stale refusal among them drawn as a summary with a table of differences
    (staff/templates/staff/stale_refusal.html), which stale-refusal.js moves the focus to."""

    @property
    def template_name(self):
        return "staff/stale_refusal.html" if self._refusal() else ErrorList.template_name

    def _refusal(self):
        return next((error for error in self.as_data() if error.code == "stale"), None)

    def get_context(self):
        refusal = self._refusal()
        if refusal is None:
            return super().get_context()
        others = [message for error in self.as_data() if error is not refusal for message in error]
        return {
            **super().get_context(),
            "message": next(iter(refusal)),
            "who": refusal.params["who"],
            "differences": refusal.params["differences"],
            "other_errors": others,
        }


class StaleEditForm(forms.ModelForm):
    seen_updated_at = forms.CharField(widget=forms.HiddenInput, required=False)
    # Whether a save that does not say which copy it was based on (no stamp, or one that is not a
    # time: a forged or broken request) is refused as stale rather than taken as based on the copy
    # saved now. The screen's sections, whose saves replace whole lists of answers, require it.
    requires_seen = False

    class Media:
        js = ["admin-staff/stale-refusal.js"]

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("error_class", StaleRefusalList)
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # The row as saved now, not the instance: a history page shows an older copy to restore.
            saved = type(self.instance)._default_manager.filter(pk=self.instance.pk).values_list("updated_at")
            self.fields[SEEN].initial = (saved.first() or (self.instance.updated_at,))[0].isoformat()

    def clean(self):
        cleaned = super().clean()
        seen = _parsed(self.data.get(SEEN))
        saved = type(self.instance)._default_manager.filter(pk=self.instance.pk).first()
        if not self.instance.pk or saved is None or saved.updated_at == seen:
            return cleaned
        if seen is None and not self.requires_seen:
            return cleaned
        # The next save from this page is a choice made with the differences in view.
        self.data = self.data.copy()
        self.data[SEEN] = saved.updated_at.isoformat()
        if seen is None:
            message = gettext(
                "This form did not say which saved copy of the %(kind)s it was based on, so nothing was saved "
                "(%(who)s saved it last, at %(when)s)."
            )
        else:
            message = gettext("%(who)s saved this %(kind)s at %(when)s, after you opened it, so nothing was saved.")
        raise forms.ValidationError(
            message,
            code="stale",
            params={
                "who": _last_editor(saved, after=seen or datetime.datetime.min.replace(tzinfo=datetime.UTC)),
                # A form may name what it saves (a section of a page) better than its model does.
                "kind": getattr(self, "stale_kind", "") or saved._meta.verbose_name,
                "when": date_format(timezone.localtime(saved.updated_at), "N j, P"),
                "differences": self._differences(saved),
            },
        )

    def _differences(self, saved):
        """(label, their saved value, this person's value) of each field that differs."""
        return [
            (field.label, _shown(saved, name, _saved_value(saved, name)), _shown(saved, name, self.cleaned_data[name]))
            for name, field in self.fields.items()
            if name in self.cleaned_data
            and _is_column(saved, name)
            and _value(saved, name) != _value_of(self.cleaned_data[name])
        ]


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
            opened = _parsed(self.data.get(f"{self.prefix}-{LIST_SEEN}"))
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


def _parsed(stamp):
    """A stamp sent back by a form, as a time; None when missing or not one of ours."""
    try:
        seen = parse_datetime(stamp or "")
    except ValueError:  # well formed, but no such time (a 30 February)
        return None
    return seen if seen is not None and timezone.is_aware(seen) else None  # ours always carry their offset


def _last_editor(obj, after):
    entry = (
        LogEntry.objects.filter(content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk))
        .select_related("user")
        .order_by("-action_time")
        .first()
    )
    if entry and entry.action_time >= after and entry.user:
        return entry.user.get_full_name() or entry.user.get_username()
    return gettext("Someone")


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


def _is_column(obj, name):
    """Whether a form field is one of the model's own (not `seen_updated_at` or another form-only one)."""
    try:
        obj._meta.get_field(name)
    except FieldDoesNotExist:
        return False
    return True


def _saved_value(obj, name):
    value = getattr(obj, name)
    return value.all() if obj._meta.get_field(name).many_to_many else value


def _shown(obj, name, value):
    """A field's value as the form shows it: a choice's label, related objects by name, local times."""
    field = obj._meta.get_field(name)
    if hasattr(value, "all"):  # a many-to-many manager or queryset
        value = ", ".join(str(item) for item in value.all())
    elif field.choices and not field.is_relation:
        value = dict(field.flatchoices).get(value, value)
    elif isinstance(value, datetime.datetime):
        value = date_format(timezone.localtime(value), "N j, Y, P")
    elif isinstance(value, datetime.date):
        value = date_format(value, "N j, Y")
    elif isinstance(value, bool):
        value = gettext("Yes") if value else gettext("No")
    if value in (None, "", []):
        return gettext("empty")
    return Truncator(str(value)).chars(300)
