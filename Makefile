# The README's two commands (`make run`, `make test`) plus lint, format and bench.
PY := .venv/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: setup run test lint format bench check-deploy browser release serve

setup:
	@scripts/bootstrap

run: setup
	@mkdir -p var
	$(PY) manage.py migrate --noinput
	$(PY) manage.py import_seeds --publish
	$(PY) manage.py demo_logins --url http://$(HOST):$(PORT)/admin/
	@# The background worker (imports started in the admin) runs beside the server and stops with it.
	@$(PY) manage.py db_worker --no-startup-delay > var/worker.log 2>&1 & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	echo "Background worker started (log: var/worker.log)"; \
	DEBUG=1 $(PY) manage.py runserver $(HOST):$(PORT)

test: setup node_modules/axe-core
	$(PY) -m pytest $(PYTEST_ARGS)

# axe-core for the accessibility tests, when npm is available (the tests say so when it is not).
node_modules/axe-core: package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then npm ci --no-audit --no-fund --silent || echo "npm ci failed: accessibility tests will be skipped"; \
	else echo "npm not found: accessibility tests will be skipped"; fi

lint: setup
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .

format: setup
	.venv/bin/ruff check --fix .
	.venv/bin/ruff format .

bench: setup
	$(PY) bench/import_bench.py
	$(PY) bench/verify_bench.py
	$(PY) bench/evidence_bench.py

check-deploy: setup
	DJANGO_SETTINGS_MODULE=config.settings.production SECRET_KEY=$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(50))') \
		ALLOWED_HOSTS=example.org $(PY) manage.py check --deploy --fail-level WARNING

# Debian's Chromium for the real-browser tests (needs root and the Debian package mirror).
browser:
	@command -v chromium >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y -qq chromium chromium-driver) \
		|| echo "could not install Chromium: the browser tests will be skipped"

# Production (docs/deploy.md): `make release` once per deploy, `make serve` on each app server.
release:
	scripts/release

serve: setup
	scripts/serve-production
