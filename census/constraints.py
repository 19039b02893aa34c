"""An exclusion constraint that exists on PostgreSQL only. SQLite has no such constraint: there the
same rule is checked by the services under a lock (census/locking.py). The migration state is the
same on both, so `makemigrations --check` agrees everywhere."""

from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.fields import DateTimeRangeField
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import Func


class PostgresExclusionConstraint(ExclusionConstraint):
    def constraint_sql(self, model, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return None
        return super().constraint_sql(model, schema_editor)

    def create_sql(self, model, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return None
        return super().create_sql(model, schema_editor)

    def remove_sql(self, model, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return None
        return super().remove_sql(model, schema_editor)

    def validate(self, model, instance, exclude=None, using=DEFAULT_DB_ALIAS):
        if connections[using].vendor != "postgresql":
            return
        return super().validate(model, instance, exclude=exclude, using=using)


class TsTzRange(Func):
    """PostgreSQL's tstzrange(start, end, '[)'): an end of NULL is open."""

    function = "TSTZRANGE"
    output_field = DateTimeRangeField()
