from django.apps import AppConfig


class StaffConfig(AppConfig):
    """What every admin page shares, with no models of its own: the base ModelAdmin and its check,
    the translation and version helpers, the Markdown preview, two-step sign-in, the idle timeout
    and the staff groups. It sits above the site (core), which it may import; the content apps and
    intake build their admins on it."""

    name = "staff"
    verbose_name = "Staff"
