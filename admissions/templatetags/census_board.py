"""The bed board's day cells, drawn in Python: 120 beds by 15 days are 1,800 cells, and the template
language took longer to draw them than the database to find them. A cell's class and words are the
board's own constants (census/board.py), never anyone's text; only today's stay link is built."""

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from census.board import STATE_LABELS

register = template.Library()

CELLS = {state: f'<td class="census-{state}">{label}</td>' for state, label in STATE_LABELS.items()}


@register.simple_tag
def bed_cells(row):
    """A <td> per day: the state in words (its colour from the class); today's stay links to its page."""
    first, *rest = row.cells
    if first.stay_id:
        link = reverse("admin:census:stay", args=[first.stay_id])
        head = format_html('<td class="census-{}"><a href="{}">{}</a></td>', first.state, link, first.label)
    else:
        head = CELLS[first.state]
    return mark_safe(head + "".join(CELLS[cell.state] for cell in rest))  # noqa: S308 - the board's constants
