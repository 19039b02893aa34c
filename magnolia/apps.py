from django.contrib.admin.apps import AdminConfig


class MagnoliaAdminConfig(AdminConfig):
    """Django's admin (app label "admin"), with the center's admin site as the default one."""

    default_site = "magnolia.admin.MagnoliaAdminSite"
