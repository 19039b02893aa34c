"""The difference between an item's live reviewed text and a proposed change, field by field, as
lines a reviewer reads (removed, added, unchanged), for the review page to draw escaped."""

import difflib
import re
from dataclasses import dataclass

from django.utils.text import capfirst

from .reviewed import reviewed_text


@dataclass
class Line:
    kind: str  # "removed", "added" or "same"
    text: str
    # (text, changed) pieces: the words that differ from its counterpart line are marked.
    segments: list = None

    def __post_init__(self):
        if self.segments is None:
            self.segments = [(self.text, False)]


@dataclass
class FieldDiff:
    label: str
    lines: list


def diff_lines(old, new):
    old_lines, new_lines = str(old).splitlines(), str(new).splitlines()
    lines = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False).get_opcodes():
        if tag == "equal":
            lines += [Line("same", text) for text in old_lines[i1:i2]]
            continue
        removed = [Line("removed", text) for text in old_lines[i1:i2]]
        added = [Line("added", text) for text in new_lines[j1:j2]]
        if tag == "replace" and len(removed) == len(added):
            for before, after in zip(removed, added, strict=True):
                before.segments, after.segments = _changed_words(before.text, after.text)
        lines += removed + added
    return lines


def _changed_words(old, new):
    """Each line's pieces, with the words that are not in the other marked."""
    old_words, new_words = re.split(r"(\s+)", old), re.split(r"(\s+)", new)
    before, after = [], []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old_words, new_words, autojunk=False).get_opcodes():
        if i2 > i1:
            before.append(("".join(old_words[i1:i2]), tag != "equal"))
        if j2 > j1:
            after.append(("".join(new_words[j1:j2]), tag != "equal"))
    return before, after


def _label(model, column):
    return capfirst(str(model._meta.get_field(column).verbose_name))


def _parts_text(model, columns, rows):
    """Each part as a few lines: "Question 2" then each of its columns, in the registered order (a
    stored proposal's keys come back in PostgreSQL's jsonb order, not the order they were written)."""
    noun = capfirst(str(model._meta.verbose_name))
    text = []
    for row in rows:
        text.append(f"{noun} {row.get('position', '')}")
        text += [
            f"  {_label(model, column)}: {line}"
            for column in columns
            if column != "position" and column in row
            for line in (str(row[column]).splitlines() or [""])
        ]
    return "\n".join(text)


def differences(model, live, proposed):
    """[FieldDiff] for each field, and each kind of part, that the change alters."""
    spec = reviewed_text(model)
    found = []
    for column in spec.fields:
        old, new = live["fields"].get(column, ""), proposed["fields"].get(column, "")
        if column in proposed["fields"] and old != new:
            found.append(FieldDiff(_label(model, column), diff_lines(old, new)))
    for accessor, columns in spec.parts.items():
        if accessor not in proposed.get("parts", {}):
            continue
        rows, old_rows = proposed["parts"][accessor], live["parts"].get(accessor, [])
        if old_rows != rows:
            part = getattr(model, accessor).rel.related_model
            found.append(
                FieldDiff(
                    capfirst(str(part._meta.verbose_name_plural)),
                    diff_lines(_parts_text(part, columns, old_rows), _parts_text(part, columns, rows)),
                )
            )
    return found
