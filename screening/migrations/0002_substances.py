"""The substances every screen asks about; the center edits the list in the admin."""

from django.db import migrations

SUBSTANCES = [
    (1, "Alcohol", True),
    (2, "Opioids (including fentanyl)", False),
    (3, "Benzodiazepines", True),
    (4, "Stimulants (methamphetamine, cocaine)", False),
    (5, "Cannabis", False),
    (6, "Other", False),
]


def add_substances(apps, schema_editor):
    Substance = apps.get_model("screening", "Substance")
    for position, name, red_flag in SUBSTANCES:
        Substance.objects.get_or_create(name=name, defaults={"position": position, "withdrawal_red_flag": red_flag})


class Migration(migrations.Migration):
    dependencies = [("screening", "0001_initial")]

    operations = [migrations.RunPython(add_substances, migrations.RunPython.noop)]
