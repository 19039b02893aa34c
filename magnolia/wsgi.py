"""WSGI entry point: `gunicorn magnolia.wsgi`."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "magnolia.settings")

application = get_wsgi_application()

# Keys that cannot read the stored insurance details stop the worker here (intake/checks.py).
from intake.checks import refuse_keys_that_cannot_read  # noqa: E402

refuse_keys_that_cannot_read()
