"""The staff groups. Admissions works inquiries; Admissions leads do the same and may export them
(a permission kept apart, held by a group a person can be told to ask for); Clinicians read them and
confirm the level of care their screens propose; content editors never see them. Kept by a post_migrate
handler (staff/apps.py) after every `migrate` and `flush`."""

from django.apps import apps as global_apps
from django.contrib.auth import get_user_model
from django.contrib.auth.management import create_permissions
from django.db.models import Q

ADMISSIONS = [
    ("intake", "inquiry", ["view", "add", "change"]),
    ("intake", "note", ["view", "add"]),
    ("intake", "notification", ["view", "change"]),
    ("intake", "referralsource", ["view", "add", "change"]),
    ("intake", "referralcontact", ["view", "add", "change"]),
    ("intake", "insuranceverification", ["view", "add", "change"]),
    ("intake", "levelbenefit", ["view", "add", "change", "delete"]),
    # The pre-admission screen (screening/): run it, and add to the list of places referred out to.
    ("screening", "screen", ["view", "change"]),
    ("screening", "referralout", ["view", "add", "change"]),
    # The census (census/): the bed board, holds, stays and the waitlist.
    ("census", "bed", ["view"]),
    ("census", "program", ["view"]),
    ("census", "stay", ["view", "add", "change"]),
    ("census", "hold", ["view", "add", "change"]),
    ("census", "waitlistentry", ["view", "add", "change"]),
]
CLINICIANS = "Clinicians"
# Named in the inbox's note to those who cannot export ("Ask an administrator to add you to …").
ADMISSIONS_LEADS = "Admissions leads"
REVIEWERS = "Reviewers"

GROUPS = {
    "Admissions": ADMISSIONS,
    ADMISSIONS_LEADS: [*ADMISSIONS, ("intake", "inquiry", ["export"])],
    # Read the inquiries and their screens, confirm or change the level of care, and keep the rules
    # the screen scores and proposes by.
    CLINICIANS: [
        ("intake", "inquiry", ["view"]),
        ("screening", "screen", ["view", "change", "confirm"]),
        ("screening", "riskquestion", ["view", "add", "change"]),
        ("screening", "riskrule", ["view", "add", "change", "delete"]),
        ("screening", "levelrule", ["view", "add", "change", "delete"]),
        ("screening", "substance", ["view", "add", "change"]),
        ("screening", "referralout", ["view", "add", "change"]),
        # The waitlist (census/): see it, and raise a waiting person's priority with a reason.
        ("census", "waitlistentry", ["view", "raise_priority"]),
    ],
    "Content editors": [
        ("levels", "levelofcare", ["view", "add", "change", "delete"]),
        ("faq", "article", ["view", "add", "change", "delete"]),
        ("faq", "question", ["view", "add", "change", "delete"]),
        ("faq", "topic", ["view", "add", "change", "delete"]),
        # Who reviewed, and whose name approvals stamp: not the editors' to change (a site admin does).
        ("faq", "reviewer", ["view"]),
        ("faq", "source", ["view", "add", "change", "delete"]),
        ("faq", "articledueforreview", ["view"]),
        ("faq", "synonym", ["view", "add", "change", "delete"]),
        ("pages", "page", ["view", "add", "change", "delete"]),
        ("core", "picture", ["view", "add", "change", "delete"]),
        ("core", "sitesettings", ["view", "change"]),
        ("core", "accreditation", ["view", "add", "change", "delete"]),
        ("core", "redirect", ["view", "delete"]),
        ("review", "pendingrevision", ["view"]),
    ],
    # Sign off changes to reviewed text (review/); usually content editors as well.
    # Change: a reviewer signs off a first draft (reviewer, review date, published); their own changes
    # to reviewed text wait in the queue like anyone's.
    REVIEWERS: [
        ("review", "pendingrevision", ["view", "approve"]),
        ("faq", "article", ["view", "change"]),
        ("faq", "question", ["view", "add", "change", "delete"]),
        ("faq", "source", ["view", "add", "change", "delete"]),
        ("faq", "reviewer", ["view"]),
        ("levels", "levelofcare", ["view", "change"]),
        ("pages", "page", ["view", "change"]),
    ],
}


def create_staff_groups(sender, apps=global_apps, **kwargs):
    """post_migrate handler (staff/apps.py); `flush` sends the signal without `apps`."""
    ensure_staff_groups(apps)


def ensure_staff_groups(apps):
    """Create the groups with their permissions; safe to call again (tests that flush call it)."""
    # Permissions are normally made after all migrations; the groups need them now.
    for app_config in apps.get_app_configs():
        original = getattr(app_config, "models_module", None)
        app_config.models_module = original or True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = original
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, grants in GROUPS.items():
        group, _ = Group.objects.get_or_create(name=name)
        for app_label, model, actions in grants:
            codenames = [f"{action}_{model}" for action in actions]
            group.permissions.add(*Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames))


def admissions_staff():
    """Active staff who may work inquiries: superusers and those allowed to change them."""
    may_change = {"codename": "change_inquiry", "content_type__app_label": "intake"}
    return (
        get_user_model()
        .objects.filter(is_active=True, is_staff=True)
        .filter(
            Q(is_superuser=True)
            | Q(**{f"groups__permissions__{key}": value for key, value in may_change.items()})
            | Q(**{f"user_permissions__{key}": value for key, value in may_change.items()})
        )
        .distinct()
        .order_by("first_name", "username")
    )


def reviewer_accounts():
    """Active staff in the Reviewers group: those a reviewer's profile may be linked to."""
    return get_user_model().objects.filter(is_active=True, is_staff=True, groups__name=REVIEWERS).order_by("username")
