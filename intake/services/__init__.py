"""What the intake domain does, one function per action, each taking keyword arguments and doing all of
it (checks, saves, records, notifications) in one transaction. Views, the admin and commands call
these and keep to HTTP and forms. Re-exported here: `from intake import services; services.move(...)`.

- pipeline: how an inquiry moves, contacts logged, and staff's own entries and edits.
- submission: what a visitor sends (a web inquiry, a request to verify insurance).
- duplicates: a duplicate merged into the earlier inquiry, and the merge undone on the same day.
- verification: admissions' work on an insurance verification (who started and finished it).
"""

from .duplicates import can_undo, merge_duplicate, merge_preview, undo_merge, undoable_until
from .pipeline import (
    READ_ONLY,
    add_inquiry,
    admission_problem,
    assessment_problems,
    assessors,
    edit_inquiry,
    log_contact,
    movable,
    move,
    move_many,
    unlogged_contact,
)
from .submission import request_verification, submit_inquiry
from .verification import save_verification

__all__ = [
    "READ_ONLY",
    "add_inquiry",
    "admission_problem",
    "assessment_problems",
    "assessors",
    "can_undo",
    "edit_inquiry",
    "log_contact",
    "merge_duplicate",
    "merge_preview",
    "movable",
    "move",
    "move_many",
    "request_verification",
    "save_verification",
    "submit_inquiry",
    "undo_merge",
    "undoable_until",
    "unlogged_contact",
]
