"""The two staff groups (see intake/groups.py)."""

from django.db import migrations

from intake.groups import GROUPS, ensure_staff_groups


def create_groups(apps, schema_editor):
    ensure_staff_groups(apps)


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
