"""Once created the staff groups. They are now kept by a post_migrate handler (staff/apps.py), which
runs after every `migrate` and needs none of today's code here; this step stays for the history."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("intake", "0001_initial"),
        ("levels", "0001_initial"),
        ("faq", "0001_initial"),
        ("core", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = []
