"""Keys that cannot read what is stored stop the site at start, rather than letting it store new
verifications or dates of birth under them and fail later on every page that shows the old ones."""

from django.core import checks
from django.core.exceptions import ImproperlyConfigured
from django.db import connections

from .encryption import newest_row_unreadable


def wrong_keys(using="default"):
    """What is wrong with DJANGO_FIELD_ENCRYPTION_KEYS for the database `using`, or None."""
    from .models import SECRET_FIELDS, Inquiry, InsuranceVerification

    for model, fields, stored_in, what in [
        (InsuranceVerification, SECRET_FIELDS, None, "insurance verification"),
        (Inquiry, ["patient_birth_date"], "patient_birth_date", "date of birth, on inquiry"),
    ]:
        number = newest_row_unreadable(model, fields, using, stored_in)
        if number is not None:
            return (
                f"DJANGO_FIELD_ENCRYPTION_KEYS cannot read the newest {what} (#{number}, database '{using}'): the "
                "key it was stored with is not among them. Put that key back (while rotating, the new key first "
                "and the old one after it); the site does not start with keys that cannot read what it holds."
            )
    return None


@checks.register(checks.Tags.database)
def field_encryption_keys_read_the_database(app_configs=None, databases=None, **kwargs):
    """`manage.py check --database default` (and migrate, which runs it): an error for wrong keys."""
    problems = ((alias, wrong_keys(alias)) for alias in databases or ())
    return [checks.Error(problem, id="intake.E001") for alias, problem in problems if problem]


def refuse_keys_that_cannot_read():
    """Run by magnolia/wsgi.py once the application is built: a worker with wrong keys does not start."""
    try:
        problem = wrong_keys()
    finally:
        connections.close_all()  # nothing opened here is carried into the worker (or its forks)
    if problem:
        raise ImproperlyConfigured(problem)
