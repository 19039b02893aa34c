from django.apps import AppConfig


class ReviewConfig(AppConfig):
    """Sign-off of reviewed content: a change to the text of an article, level or page that a
    reviewer has signed off waits, as a pending revision, until a reviewer approves it. It sits beside
    staff (which it builds its admin on) and below the content apps, which register what of theirs
    is reviewed text (`reviewed.register`) and add its admin mixin (`admin_hold`)."""

    name = "review"
    verbose_name = "Review"
