"""After a save of content, a warning for each sentence that states a figure or leans on research
without a numbered source reference (common/claims.py). A warning, not a refusal: the save stands,
and the editor is kept on the change page to see it before publishing."""

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import get_language_info

from common import claims
from common.markdown import per_language


class ClaimWarningsMixin:
    """For a ContentAdmin: its `markdown_fields` (each stored as `<name>_html`) are checked after a save."""

    def claim_texts(self, obj):
        """[(where, stored HTML)] of the texts to check: each Markdown field, in each language."""
        texts = []
        for name in self.markdown_fields:
            label = obj._meta.get_field(name).verbose_name
            for (html_field,) in per_language(obj, f"{name}_html"):
                texts.append((where(label, html_field), getattr(obj, html_field)))
        return texts

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)  # parts (an article's answers) saved too
        texts = self.proposed_claim_texts(request)
        if texts is None:
            texts = self.claim_texts(form.instance)
        warned = [
            claims.warning(sentence, kind, where)
            for where, stored in texts
            for sentence, kind in claims.unsupported_claims(stored)
        ]
        for text in warned:
            messages.warning(request, text)
        request.claim_warnings = warned

    def proposed_claim_texts(self, request):
        """[(where, HTML)] of a change kept aside instead of saved (review/admin_hold.py), or None: the
        saved object then holds what to check."""
        return None

    def response_add(self, request, obj, post_url_continue=None):
        return self._stay_if_warned(request, obj, super().response_add(request, obj, post_url_continue))

    def response_change(self, request, obj):
        return self._stay_if_warned(request, obj, super().response_change(request, obj))

    def _stay_if_warned(self, request, obj, response):
        # "Save" goes back to the list, where the warnings would be read away from the text.
        if getattr(request, "claim_warnings", None) and "_save" in request.POST:
            opts = obj._meta
            return HttpResponseRedirect(reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk]))
        return response


def where(label, field_name):
    """“Introduction (English)”, from a label and a field's column name (introduction_html_en)."""
    label = str(label)[:1].upper() + str(label)[1:]
    code = field_name.rsplit("_", 1)[-1] if "_" in field_name else ""
    try:
        return f"{label} ({get_language_info(code)['name']})"
    except KeyError:
        return label
