# The README's two commands (`make run`, `make test`) plus lint, format and bench.
PY := .venv/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: setup run test lint format bench check-deploy

setup:
	@scripts/bootstrap

run: setup
	@mkdir -p var
	$(PY) manage.py migrate --noinput
	$(PY) manage.py import_seeds --publish
	$(PY) manage.py demo_logins
	DEBUG=1 $(PY) manage.py runserver $(HOST):$(PORT)

test: setup
	$(PY) -m pytest $(PYTEST_ARGS)

lint: setup
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .

format: setup
	.venv/bin/ruff check --fix .
	.venv/bin/ruff format .

bench: setup
	$(PY) bench/run_all.py

check-deploy: setup
	DJANGO_SETTINGS_MODULE=config.settings.production SECRET_KEY=$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(50))') \
		ALLOWED_HOSTS=example.org $(PY) manage.py check --deploy --fail-level WARNING
