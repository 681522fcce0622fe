# lamtheo: `make run` takes a fresh machine to the running app; `make test` runs every check.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
MANAGE := $(PY) manage.py
HOST := 127.0.0.1
PORT := 8000

.PHONY: run serve prod-setup worker backup restore load system-test test lint typecheck migrations-check pytest setup assets messages bench clean

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

# The same app under gunicorn with DEBUG off and HTTPS on (a self-signed certificate in var/tls;
# behind a TLS proxy set BEHIND_PROXY=1 instead). The SECRET_KEY is kept in var/ so sessions survive restarts.
PROD := SECRET_KEY=$$(cat var/secret_key) DEBUG=0
WORKERS ?= 2

var/secret_key:
	mkdir -p var
	$(PY) -c "import secrets; print(secrets.token_urlsafe(50))" > $@
	chmod 600 $@

prod-setup: setup var/secret_key
	scripts/tls-cert var/tls
	$(PROD) $(MANAGE) migrate --noinput -v0
	$(PROD) $(MANAGE) collectstatic --noinput -v0
	$(PROD) $(MANAGE) check --deploy --fail-level WARNING

serve: prod-setup
	$(PROD) $(MANAGE) demo_load --base-url https://$(HOST):$(PORT)
	$(PROD) $(VENV)/bin/gunicorn lamtheo.wsgi:application -b $(HOST):$(PORT) -w $(WORKERS) -k gthread --threads 4 --keep-alive 30 \
	  --certfile var/tls/cert.pem --keyfile var/tls/key.pem --access-logfile - --graceful-timeout 20

# The background worker (exports, imports, roll-up refresh); run one or more beside the app.
worker: prod-setup
	$(PROD) $(MANAGE) worker

backup: setup var/secret_key
	$(PROD) $(MANAGE) backup

restore: setup var/secret_key
	@test -n "$(FILE)" || (echo "usage: make restore FILE=var/backups/lamtheo-….tar.gz" && exit 2)
	$(PROD) $(MANAGE) restore "$(FILE)"

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

typecheck: setup
	DEBUG=1 $(VENV)/bin/mypy lamtheo tests scripts

migrations-check: setup
	DEBUG=1 $(MANAGE) makemigrations --check --dry-run

# Tests run in parallel, one process per core; a test file stays on one process (its module fixtures load once).
PYTEST_ARGS ?= -n auto --dist loadfile
pytest: setup
	DEBUG=1 $(VENV)/bin/pytest $(PYTEST_ARGS)

test: lint typecheck migrations-check pytest

messages: setup
	DEBUG=1 $(MANAGE) makemessages -l vi -l en --ignore=.venv --ignore=node_modules --ignore=var --no-obsolete
	DEBUG=1 $(MANAGE) compilemessages --ignore=.venv --ignore=node_modules

# Figures on the demo Bloc (pages, import, export, portal throughput), then on synthetic data of
# BENCH_SIZES (bloc, province, country) on SQLite and, with DATABASE_URL, PostgreSQL (docs/bench.md).
BENCH_SIZES ?= bloc province
bench: setup
	$(PY) scripts/bench.py
	BENCH_SIZES="$(BENCH_SIZES)" $(PY) scripts/bench_scale.py

# A bounded load test with locust against a running `make serve` (loopback only).
LOAD_HOST ?= https://127.0.0.1:8000
LOAD_USERS ?= 50
LOAD_TIME ?= 3m
load: setup
	$(PIP) install --quiet --disable-pip-version-check -r requirements-load.txt
	$(VENV)/bin/locust -f scripts/locustfile.py --headless -u $(LOAD_USERS) -r 5 -t $(LOAD_TIME) \
	  --host $(LOAD_HOST) --only-summary --csv var/load

# Several app processes, Redis and the worker on one PostgreSQL, with faults (see scripts/system_test.py).
# Needs DATABASE_URL (PostgreSQL) and PGDATA_DIR; .ci/run provides both.
system-test: setup
	$(PY) scripts/system_test.py

clean:
	rm -rf var/static var/test-artifacts
