"""The difference between an item's live reviewed text and a proposed change, field by field, as
lines a reviewer reads (removed, added, unchanged), for the review page to draw escaped."""

import difflib
from dataclasses import dataclass

from django.utils.text import capfirst


@dataclass
class Line:
    kind: str  # "removed", "added" or "same"
    text: str


@dataclass
class FieldDiff:
    label: str
    lines: list


def diff_lines(old, new):
    lines = []
    for line in difflib.ndiff(str(old).splitlines(), str(new).splitlines()):
        sign, text = line[:2], line[2:]
        if sign == "? ":
            continue  # ndiff's hints under a changed line
        lines.append(Line({"- ": "removed", "+ ": "added"}.get(sign, "same"), text))
    return lines


def _label(model, column):
    return capfirst(str(model._meta.get_field(column).verbose_name))


def _parts_text(model, rows):
    """Each part as a few lines: "Question 2" then each of its columns."""
    noun = capfirst(str(model._meta.verbose_name))
    text = []
    for row in rows:
        text.append(f"{noun} {row.get('position', '')}")
        text += [
            f"  {_label(model, column)}: {line}"
            for column, value in row.items()
            if column not in ("id", "position")
            for line in (str(value).splitlines() or [""])
        ]
    return "\n".join(text)


def differences(model, live, proposed):
    """[FieldDiff] for each field, and each kind of part, that the change alters."""
    found = []
    for column, new in proposed["fields"].items():
        old = live["fields"].get(column, "")
        if old != new:
            found.append(FieldDiff(_label(model, column), diff_lines(old, new)))
    for accessor, rows in proposed.get("parts", {}).items():
        old_rows = live["parts"].get(accessor, [])
        if old_rows != rows:
            part = getattr(model, accessor).rel.related_model
            found.append(
                FieldDiff(
                    capfirst(str(part._meta.verbose_name_plural)),
                    diff_lines(_parts_text(part, old_rows), _parts_text(part, rows)),
                )
            )
    return found
