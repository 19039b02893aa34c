from django.apps import AppConfig
from django.contrib.auth.signals import user_logged_in


class StaffConfig(AppConfig):
    """What every admin page shares, with no models of its own: the base ModelAdmin and its check,
    the translation and version helpers, the Markdown preview, two-step sign-in, the idle timeout
    and the staff groups. It sits above the site (core), which it may import; the content apps and
    intake build their admins on it."""

    name = "staff"
    verbose_name = "Staff"

    def ready(self):
        from .idle_timeout import start_idle_timer

        user_logged_in.connect(start_idle_timer, dispatch_uid="staff-idle-timer")
