"""The admissions admins. They register intake's models, so their pages stay under /admin/intake/."""

from ..screen import admin as screen
from . import access_log, inbox, insurance, referrals

__all__ = ["access_log", "inbox", "insurance", "referrals", "screen"]
