"""Ordered inlines (an article's questions and sources, put in order with ordering.js) drawn again
after a refused save come in the order the editor set, not the saved one.

ordering.js numbers the rows by where they stand on the page, when it loads and when the form is
sent. Drawn in the saved order, a refused form would have its rows numbered back to that order, and
the editor's reordering lost."""

from django.contrib.admin.helpers import InlineAdminFormSet

POSITION = "position"


class SubmittedOrderMixin:
    def get_inline_formsets(self, request, formsets, inline_instances, obj=None):
        admin_formsets = super().get_inline_formsets(request, formsets, inline_instances, obj)
        for admin_formset in admin_formsets:
            formset = admin_formset.formset
            if formset.is_bound and POSITION in formset.form.base_fields and type(admin_formset) is InlineAdminFormSet:
                admin_formset.__class__ = InSubmittedOrder
        return admin_formsets


class InSubmittedOrder(InlineAdminFormSet):
    def __iter__(self):
        rows = list(super().__iter__())
        # The empty form (the template for "Add another") stays last.
        blank = [row for row in rows if row.form.prefix.endswith("__prefix__")]
        filled = [row for row in rows if row not in blank]
        return iter(sorted(filled, key=_submitted_position) + blank)


def _submitted_position(row):
    """The position the form sent for this row; rows without a usable one go after the rest, in turn."""
    try:
        return int(row.form[POSITION].value())
    except (TypeError, ValueError):
        return float("inf")
