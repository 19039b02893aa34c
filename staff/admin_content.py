"""The admin for what visitors read (levels of care, articles, the center's pages): one base for the
same guarantees on each."""

from core.redirects import AnnounceMovedAddressMixin

from .admin_base import StaffAdmin
from .admin_claims import ClaimWarningsMixin
from .admin_ordering import SubmittedOrderMixin
from .admin_translation import TranslatedAdmin
from .admin_versions import VersionHistoryAdmin
from .markdown_preview import MarkdownPreviewMixin


class ContentAdmin(
    ClaimWarningsMixin,
    SubmittedOrderMixin,
    MarkdownPreviewMixin,
    StaffAdmin,
    AnnounceMovedAddressMixin,
    VersionHistoryAdmin,
    TranslatedAdmin,
):
    """Markdown previews, editors only, stale saves refused, moved addresses announced and redirected,
    versions with their history, a field per language with what still lacks Spanish, and ordered parts
    kept in the editor's order after a refused save; and a warning for each claim without a source."""

    refuse_stale_edits = True
