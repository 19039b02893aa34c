"""The two staff groups. Admissions works inquiries; content editors never see them."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUPS = {
    "Admissions": [
        ("intake", "inquiry", ["view", "change"]),
        ("intake", "note", ["view", "add"]),
        ("intake", "notification", ["view", "change"]),
    ],
    "Content editors": [
        ("levels", "levelofcare", ["view", "add", "change", "delete"]),
        ("faq", "article", ["view", "add", "change", "delete"]),
        ("faq", "question", ["view", "add", "change", "delete"]),
        ("faq", "topic", ["view", "add", "change", "delete"]),
        ("faq", "reviewer", ["view", "add", "change", "delete"]),
        ("core", "sitesettings", ["view", "change"]),
    ],
}


def create_groups(apps, schema_editor):
    # Permissions are normally made after all migrations; the groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, grants in GROUPS.items():
        group, _ = Group.objects.get_or_create(name=name)
        for app_label, model, actions in grants:
            codenames = [f"{action}_{model}" for action in actions]
            group.permissions.add(*Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames))


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=GROUPS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("intake", "0001_initial"),
        ("levels", "0001_initial"),
        ("faq", "0001_initial"),
        ("core", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
