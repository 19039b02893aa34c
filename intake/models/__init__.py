"""The intake domain's models, one module per subject, all under the app label "intake"."""

from .access import AccessRecord, search_kind
from .assessment import Assessment, AssessmentQuerySet
from .exports import EXPORT_KEPT_FOR, InquiryExport
from .inquiry import DUPLICATE_WINDOW, PHONE_TEXT, Inquiry, InquiryQuerySet, UsedStamp, refresh_duplicates
from .insurance import (
    SECRET_FIELDS,
    STALE_AFTER,
    CardImage,
    Carrier,
    InsuranceVerification,
    LevelBenefit,
    VerificationQuerySet,
)
from .merges import Merge
from .notes import Note, StatusChange
from .notifications import Notification
from .referrals import ReferralContact, ReferralSource

__all__ = [
    "DUPLICATE_WINDOW",
    "EXPORT_KEPT_FOR",
    "PHONE_TEXT",
    "SECRET_FIELDS",
    "STALE_AFTER",
    "AccessRecord",
    "Assessment",
    "AssessmentQuerySet",
    "CardImage",
    "Carrier",
    "Inquiry",
    "InquiryExport",
    "InquiryQuerySet",
    "InsuranceVerification",
    "LevelBenefit",
    "Merge",
    "Note",
    "Notification",
    "ReferralContact",
    "ReferralSource",
    "StatusChange",
    "UsedStamp",
    "VerificationQuerySet",
    "refresh_duplicates",
    "search_kind",
]
