# Two commands for a newcomer: `make run` and `make test`. See README.md.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
DEV_ENV := DJANGO_DEBUG=1
# Test processes for `make test` (pytest-xdist; 0 runs every test in one process).
TEST_PROCESSES ?= 2

.PHONY: run test lint browser bench clean messages

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

# --no-compile: Python compiles a module when it is first imported, so only the ones used (half the time).
$(VENV)/.installed: requirements.txt requirements-dev.txt | $(VENV)/bin/python
	$(PY) -m pip install --quiet --no-compile -r requirements-dev.txt
	touch $@

# The Spanish interface text: gettext's msgfmt turns the .po file kept in the repository into the .mo
# file Django reads (Debian's gettext package is installed when missing).
MESSAGES := locale/es/LC_MESSAGES/django.mo

$(MESSAGES): locale/es/LC_MESSAGES/django.po | $(VENV)/.installed
	@command -v msgfmt >/dev/null || bash scripts/apt-install.sh gettext
	$(DEV_ENV) $(PY) manage.py compilemessages --ignore=.venv --ignore=node_modules -v 0

messages: $(MESSAGES)

run: $(VENV)/.installed $(MESSAGES)
	$(DEV_ENV) $(PY) manage.py migrate --no-input
	$(DEV_ENV) $(PY) manage.py load_demo --admin
	@echo ""
	@echo "  Site:  http://127.0.0.1:8000/"
	@echo "  Admin: http://127.0.0.1:8000/admin/  (logins printed above the first time;"
	@echo "         reset one with: $(PY) manage.py changepassword admin)"
	@echo ""
	$(DEV_ENV) $(PY) manage.py runserver 127.0.0.1:8000

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

# The W3C Nu HTML checker (npm package vnu-jar, run with Java) for the test of valid HTML.
# Without npm the test of valid HTML is skipped locally (in CI it fails instead).
node_modules/.installed: package.json package-lock.json
	@if command -v npm >/dev/null; then npm ci --no-audit --no-fund --loglevel=error && touch $@; \
	else echo "npm not found: the W3C HTML check will be skipped"; fi

test: lint node_modules/.installed $(MESSAGES)
	$(PY) manage.py check --settings=magnolia.test_settings
	$(PY) manage.py makemigrations --check --dry-run --settings=magnolia.test_settings
	$(VENV)/bin/pytest -n $(TEST_PROCESSES) --dist loadgroup --durations=20

browser:
	bash scripts/install-browser.sh
	bash scripts/install-nginx.sh

bench: $(VENV)/.installed $(MESSAGES)
	bash scripts/install-wrk.sh
	bash scripts/install-browser.sh
	cd bench && npm ci --no-audit --no-fund --loglevel=error
	$(PY) bench/run.py

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
