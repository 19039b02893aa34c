"""The Markdown an editor is typing, shown beside the field as visitors will see it, before saving.

The widget asks the server (markdown_preview_view) so the preview is made by the same rules as the
page: the same Markdown, the same sanitising, the same link check."""

from django import forms
from django.conf import settings
from django.contrib.admin.widgets import AdminTextareaWidget
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import JsonResponse
from django.urls import reverse_lazy
from django.utils import translation
from django.views.decorators.http import require_POST

from common import citations, claims
from common.care_cards import SYNTAX_HELP
from common.markdown import TooSlow, markdown_html, sanitise, too_slow_message
from core import placeholders
from core.context_processors import site_settings
from core.links import check_rendered

# Who may ask for a preview: anyone who may change something written in Markdown.
EDITING_PERMISSIONS = ("faq.change_article", "faq.add_article", "levels.change_levelofcare", "pages.change_page")
MAX_PREVIEW_CHARACTERS = 100_000
# Beside every Markdown field: care cards, placeholders and source references.
MARKDOWN_HELP = f"{SYNTAX_HELP} Placeholders: {placeholders.HELP_TEXT} {citations.SYNTAX_HELP}"


class MarkdownPreviewWidget(AdminTextareaWidget):
    # In the app: form widgets are found by the form renderer, which reads app folders only.
    template_name = "staff/widgets/markdown_preview.html"

    def __init__(self, attrs=None):
        super().__init__({"data-markdown-preview": reverse_lazy("admin:markdown_preview"), **(attrs or {})})

    @property
    def media(self):
        return forms.Media(js=["admin-staff/markdown-preview.js"])

    def value_from_datadict(self, data, files, name):
        # Browsers send a text box's line breaks as \r\n: stored as typed, an untouched answer would
        # differ from the saved one and show in the history as changed.
        value = super().value_from_datadict(data, files, name)
        return value.replace("\r\n", "\n").replace("\r", "\n") if isinstance(value, str) else value


class MarkdownPreviewMixin:
    """For a ModelAdmin or inline: the fields named in `markdown_fields` get a live preview."""

    markdown_fields = ()

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        # A field translated per language (answer_en, answer_es) is named by its original.
        is_markdown = getattr(db_field, "translated_field", db_field).name in self.markdown_fields
        if is_markdown:
            kwargs["widget"] = MarkdownPreviewWidget
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if is_markdown and formfield is not None:
            # The language of a field's column (answer_es: es) is the preview's: a care card's words.
            # Set here, as django-modeltranslation gives each language a copy of the original's widget.
            if language := getattr(db_field, "language", None):
                formfield.widget.attrs["data-markdown-language"] = language
            formfield.help_text = f"{formfield.help_text} {MARKDOWN_HELP}".strip()
        return formfield


@require_POST
def markdown_preview_view(request):
    if not any(request.user.has_perm(permission) for permission in EDITING_PERMISSIONS):
        raise PermissionDenied
    text = request.POST.get("text", "")[:MAX_PREVIEW_CHARACTERS]
    language = request.POST.get("language")
    if language not in {code for code, _ in settings.LANGUAGES}:
        language = translation.get_language()
    try:
        with translation.override(language):
            rendered = markdown_html(text)  # once, for both the checks and the preview
    except TooSlow:
        return JsonResponse({"html": "", "problems": [too_slow_message()], "warnings": []})
    problems = []
    try:
        check_rendered(rendered)
    except ValidationError as error:
        problems = error.messages
    # As visitors see it: the placeholders filled from today's settings (a level's figures stay as
    # typed: they are filled from the saved level on its page).
    shown = placeholders.fill(sanitise(rendered), site_settings(request))
    warnings = [claims.warning(sentence, kind, "This text") for sentence, kind in claims.unsupported_claims(shown)]
    return JsonResponse({"html": shown, "problems": problems, "warnings": warnings})
