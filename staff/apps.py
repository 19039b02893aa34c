from django.apps import AppConfig, apps
from django.contrib.auth.signals import user_logged_in
from django.core import checks
from django.db.models.signals import post_migrate


class StaffConfig(AppConfig):
    """What every admin page shares, with no models of its own: the base ModelAdmin and its check,
    the translation and version helpers, the Markdown preview, two-step sign-in, the idle timeout
    and the staff groups. It sits above the site (core), which it may import; the content apps and
    intake build their admins on it."""

    name = "staff"
    verbose_name = "Staff"

    def ready(self):
        from .checks import admins_are_ours
        from .groups import create_staff_groups
        from .idle_timeout import start_idle_timer

        checks.register(admins_are_ours, checks.Tags.admin)

        user_logged_in.connect(start_idle_timer, dispatch_uid="staff-idle-timer")
        # After every migrate (and every flush): the groups with their permissions, as listed. The
        # signal is sent for each app with models, which this one has none of: the groups are auth's
        # rows, so they follow auth's.
        post_migrate.connect(create_staff_groups, sender=apps.get_app_config("auth"), dispatch_uid="staff-groups")
