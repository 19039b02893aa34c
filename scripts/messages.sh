#!/usr/bin/env bash
# Collects the interface text marked for translation into locale/es/LC_MESSAGES/django.po (run after
# changing marked text, then translate the new entries). `make` compiles the file.
set -euo pipefail
cd "$(dirname "$0")/.."
DJANGO_DEBUG=1 .venv/bin/python manage.py makemessages -l es --no-obsolete --no-location \
  --ignore=.venv --ignore=node_modules --ignore=bench --ignore=tests --ignore=staticfiles
