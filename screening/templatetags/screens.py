"""The screen's line on the inquiry's workspace: its link, and where the level of care stands."""

from django import template
from django.urls import reverse
from django.utils.html import format_html

from screening import services

register = template.Library()


@register.simple_tag(takes_context=True)
def screen_status(context, inquiry):
    """Below the workspace's facts: nothing for those who may not see screens."""
    user = context["request"].user
    if inquiry is None or inquiry.pk is None or not user.has_perm("screening.view_screen"):
        return ""
    label, level = services.level_status(services.screen_of(inquiry.pk))
    url = reverse("admin:screening_screen_page", args=[inquiry.pk])
    return format_html(
        '<dl class="workspace-screen"><div><dt>Pre-admission screen</dt><dd>'
        '<a class="button workspace-screen-link" href="{}">Open the screen</a> · {}{}</dd></div></dl>',
        url,
        label,
        format_html(": {}", level.name) if level else "",
    )
