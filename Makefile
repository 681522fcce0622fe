# lamtheo: `make run` takes a fresh machine to the running app; `make test` runs every check.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
MANAGE := $(PY) manage.py
HOST := 127.0.0.1
PORT := 8000

.PHONY: run serve test lint typecheck migrations-check pytest setup assets messages demo bench clean

$(VENV)/.installed: requirements.txt requirements-dev.txt
	test -x $(PY) || python3 -m venv $(VENV)
	$(PIP) install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

assets: node_modules/.installed

setup: $(VENV)/.installed node_modules/.installed
	mkdir -p var
	@if command -v msgfmt >/dev/null; then DEBUG=1 $(MANAGE) compilemessages --ignore=.venv --ignore=node_modules -v0; fi

run: setup
	DEBUG=1 $(MANAGE) migrate --noinput -v0
	DEBUG=1 $(MANAGE) demo_load
	DEBUG=1 $(MANAGE) runserver $(HOST):$(PORT)

# The same app under gunicorn with DEBUG off (SECRET_KEY is kept in var/ so sessions survive restarts).
serve: setup
	@test -s var/secret_key || $(PY) -c "import secrets; print(secrets.token_urlsafe(50))" > var/secret_key
	SECRET_KEY=$$(cat var/secret_key) $(MANAGE) migrate --noinput -v0
	SECRET_KEY=$$(cat var/secret_key) $(MANAGE) collectstatic --noinput -v0
	SECRET_KEY=$$(cat var/secret_key) $(MANAGE) demo_load
	SECRET_KEY=$$(cat var/secret_key) $(VENV)/bin/gunicorn lamtheo.wsgi:application -b $(HOST):$(PORT) -w 2 --access-logfile -

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

typecheck: setup
	DEBUG=1 $(VENV)/bin/mypy lamtheo tests

migrations-check: setup
	DEBUG=1 $(MANAGE) makemigrations --check --dry-run

pytest: setup
	DEBUG=1 $(VENV)/bin/pytest $(PYTEST_ARGS)

test: lint typecheck migrations-check pytest

messages: setup
	DEBUG=1 $(MANAGE) makemessages -l vi -l en --ignore=.venv --ignore=node_modules --ignore=var --no-obsolete
	DEBUG=1 $(MANAGE) compilemessages --ignore=.venv --ignore=node_modules

clean:
	rm -rf var/static var/test-artifacts
