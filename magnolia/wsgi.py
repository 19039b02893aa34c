"""WSGI entry point: `gunicorn magnolia.wsgi`."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "magnolia.settings")

application = get_wsgi_application()
