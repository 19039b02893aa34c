"""Every answer of the screen encrypted at rest, as its free text already is: each column becomes an
encrypted one of the same name, filled from the plain value (and back again when reversed). The
outcome's two check constraints go: the database cannot read an encrypted outcome (OutcomeForm.clean
holds those rules)."""

from django.db import migrations, models

import intake.encryption

YES_NO = [("yes", "Yes"), ("no", "No"), ("unknown", "Not known")]
ANSWERS = {
    "substanceuse": {
        "route": intake.encryption.SecretCharField(
            blank=True,
            choices=[
                ("oral", "By mouth"),
                ("smoked", "Smoked or vaped"),
                ("snorted", "Snorted"),
                ("injected", "Injected"),
                ("other", "Other"),
            ],
            max_length=10,
        ),
        "frequency": intake.encryption.SecretCharField(
            blank=True,
            choices=[
                ("daily", "Daily"),
                ("most_days", "Most days"),
                ("weekly", "Weekly"),
                ("less", "Less than weekly"),
            ],
            max_length=10,
            verbose_name="how often",
        ),
        "heavy": intake.encryption.SecretBooleanField(default=False, verbose_name="heavy use"),
    },
    "withdrawalsection": {
        "seizures": intake.encryption.SecretCharField(
            blank=True, choices=YES_NO, max_length=10, verbose_name="ever had withdrawal seizures"
        ),
        "delirium_tremens": intake.encryption.SecretCharField(
            blank=True, choices=YES_NO, max_length=10, verbose_name="ever had delirium tremens (DTs)"
        ),
        "hospitalised": intake.encryption.SecretCharField(
            blank=True, choices=YES_NO, max_length=10, verbose_name="ever hospitalised for withdrawal"
        ),
    },
    "medicalsection": {
        "pregnancy": intake.encryption.SecretCharField(
            blank=True,
            choices=[("na", "Not applicable"), ("no", "No"), ("yes", "Yes"), ("unknown", "Not known")],
            max_length=10,
            verbose_name="pregnant",
        ),
    },
    "risksection": {
        "risk_level": intake.encryption.SecretCharField(
            blank=True,
            choices=[
                ("none", "No risk reported"),
                ("low", "Low risk"),
                ("moderate", "Moderate risk"),
                ("high", "High risk"),
            ],
            editable=False,
            max_length=10,
        ),
        "recent_behaviour": intake.encryption.SecretBooleanField(default=False, editable=False),
    },
    "riskanswer": {
        "yes": intake.encryption.SecretBooleanField(),
        "recent": intake.encryption.SecretBooleanField(blank=True, null=True, verbose_name="within the past 3 months"),
    },
    "legalsection": {
        "court_ordered": intake.encryption.SecretCharField(
            blank=True, choices=YES_NO, max_length=10, verbose_name="court-ordered treatment"
        ),
        "probation": intake.encryption.SecretCharField(
            blank=True, choices=YES_NO, max_length=10, verbose_name="on probation or parole"
        ),
    },
    "livingsection": {
        "situation": intake.encryption.SecretCharField(
            blank=True,
            choices=[
                ("own_home", "Own home"),
                ("family", "With family or a partner"),
                ("others", "With friends or others"),
                ("sober_living", "Sober living"),
                ("unhoused", "Unhoused or in a shelter"),
                ("other", "Other"),
            ],
            max_length=15,
            verbose_name="living situation",
        ),
        "safe_at_home": intake.encryption.SecretCharField(
            blank=True, choices=YES_NO, max_length=10, verbose_name="safe at home"
        ),
    },
    "payersection": {
        "payer": intake.encryption.SecretCharField(
            blank=True,
            choices=[
                ("commercial", "Commercial insurance"),
                ("medicaid", "Medicaid"),
                ("medicare", "Medicare"),
                ("tricare", "TRICARE or VA"),
                ("self_pay", "Self-pay"),
                ("unknown", "Not known yet"),
            ],
            max_length=15,
        ),
    },
    "outcomesection": {
        "outcome": intake.encryption.SecretCharField(
            blank=True, choices=[("accepted", "Accepted"), ("not_a_fit", "Not a fit")], max_length=10
        ),
        "not_fit_reason": intake.encryption.SecretCharField(
            blank=True,
            choices=[
                ("level_not_offered", "Level of care not offered"),
                ("payer", "Payer not accepted"),
                ("medical", "Medical needs beyond the center"),
                ("declined", "They declined"),
            ],
            max_length=20,
            verbose_name="why not a fit",
        ),
    },
}
PLAIN = "{}_plain"


def _copy(apps, into, read):
    """Each row's answers written to the `into` column from the `read` one (each a format of the name)."""
    for model_name, fields in ANSWERS.items():
        model = apps.get_model("screening", model_name)
        for row in model.objects.all().iterator():
            values = {into.format(name): getattr(row, read.format(name)) for name in fields}
            model.objects.filter(pk=row.pk).update(**values)


def encrypt(apps, schema_editor):
    _copy(apps, into="{}", read=PLAIN)


def decrypt(apps, schema_editor):
    _copy(apps, into=PLAIN, read="{}")


def _nullable(field):
    """The column while it is filled (or emptied, when reversed): empty allowed until then."""
    name, path, args, kwargs = field.deconstruct()
    return type(field)(*args, **{**kwargs, "null": True})


def _plain(field):
    """The column as it was: a plain char or boolean field of the same options."""
    name, path, args, kwargs = field.deconstruct()
    kind = models.BooleanField if isinstance(field, intake.encryption.SecretBooleanField) else models.CharField
    return kind(*args, **kwargs)


class Migration(migrations.Migration):
    dependencies = [
        ("screening", "0003_level_recommended_at"),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="outcomesection", name="screen_accepted_has_level"),
        migrations.RemoveConstraint(model_name="outcomesection", name="screen_not_a_fit_has_reason"),
        *[
            operation
            for model_name, fields in ANSWERS.items()
            for name, field in fields.items()
            for operation in (
                migrations.RenameField(model_name=model_name, old_name=name, new_name=PLAIN.format(name)),
                migrations.AlterField(model_name=model_name, name=PLAIN.format(name), field=_nullable(_plain(field))),
                migrations.AddField(model_name=model_name, name=name, field=_nullable(field)),
            )
        ],
        migrations.RunPython(encrypt, decrypt),
        *[
            operation
            for model_name, fields in ANSWERS.items()
            for name, field in fields.items()
            for operation in (
                migrations.RemoveField(model_name=model_name, name=PLAIN.format(name)),
                migrations.AlterField(model_name=model_name, name=name, field=field),
            )
        ],
    ]
