# The two commands a newcomer needs: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
PORT ?= 8000
CHROMIUM := /usr/bin/chromium
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app wsgi

# The FastAPI tutorial app Taskboard is measured against (never copied into this repository).
ANCHOR_DIR ?= ../shared/anchors/seed-fastapi
ANCHOR_VENV ?= bench/.venv-anchor
BENCH_ARGS ?=

# The static files as served: hashed names, gzip and Brotli copies (webapp/static_build.py).
STATIC_BUILT := build/static/cache_manifest.json

.PHONY: run test lint screenshots migrate bench clean

run: $(VENV)/.runtime-installed $(STATIC_BUILT)
	$(FLASK) db upgrade
	@echo "Taskboard: starting on http://127.0.0.1:$(PORT)/ with its scheduler (Ctrl-C stops both)"
	@# The scheduler runs beside gunicorn, sharing its metrics folder; leaving gunicorn stops it too.
	@metrics="$$(mktemp -d)"; export PROMETHEUS_MULTIPROC_DIR="$$metrics"; \
	$(FLASK) scheduler & scheduler=$$!; \
	trap 'kill $$scheduler 2>/dev/null; wait $$scheduler; rm -rf "$$metrics"' EXIT; \
	PORT=$(PORT) $(BIN)/gunicorn --config gunicorn.conf.py wsgi:app

# Lint, formatting and types first, so a style or type error fails CI before the suite runs; then the
# whole suite on SQLite (with branch coverage of webapp/), PostgreSQL and MariaDB when their servers
# answer (all three required when CI=true); TEST_DATABASES="sqlite" picks a subset.
test: lint node_modules/.package-lock.json $(STATIC_BUILT)
	@test -x $(CHROMIUM) || echo "NOTE: $(CHROMIUM) is not installed, so the browser suite (tests/browser) is SKIPPED. Install it with: apt-get install chromium"
	$(BIN)/python tests/run_all_databases.py $(PYTEST_ARGS)

# The quick check: ruff's lint rules, ruff's formatting and mypy --strict on webapp/ (pyproject.toml).
lint: $(VENV)/.dev-installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

# Retakes the README's screenshots of the real app (needs Chromium).
screenshots: $(VENV)/.dev-installed node_modules/.package-lock.json $(STATIC_BUILT)
	SCREENSHOTS_DIR=docs/screenshots $(BIN)/python -m pytest tests/browser/test_screenshots.py

# Side by side with the anchor under wrk; writes bench/RESULTS.md. About 15 minutes.
bench: $(VENV)/.runtime-installed $(ANCHOR_VENV)/.installed $(STATIC_BUILT)
	@command -v wrk >/dev/null || { echo "make bench needs wrk: apt-get install -y wrk"; exit 1; }
	$(BIN)/python bench/run.py --anchor-dir $(ANCHOR_DIR) --anchor-python $(ANCHOR_VENV)/bin/python $(BENCH_ARGS)

$(ANCHOR_VENV)/.installed: $(ANCHOR_DIR)/requirements.txt
	$(PYTHON) -m venv $(ANCHOR_VENV)
	$(ANCHOR_VENV)/bin/python -m pip install --quiet -r $(ANCHOR_DIR)/requirements.txt
	touch $@

# Built again whenever a file under static/ or the installed packages (Bootstrap-Flask's files) change.
$(STATIC_BUILT): $(VENV)/.runtime-installed webapp/static_build.py $(shell find static -type f)
	$(BIN)/python -m webapp.static_build

migrate: $(VENV)/.runtime-installed
	$(FLASK) db upgrade

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Installs run again only when a requirements file changed.
$(VENV)/.runtime-installed: requirements.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev-installed: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $@ $(VENV)/.runtime-installed

# axe-core for the browser suite's accessibility audit, exactly as package-lock.json pins it.
node_modules/.package-lock.json: package.json package-lock.json
	@if command -v npm >/dev/null; then npm ci --no-audit --no-fund && touch $@; \
	else echo "NOTE: npm is not installed, so axe-core is missing and the browser suite will be SKIPPED."; fi

clean:
	rm -rf $(VENV) .pytest_cache node_modules test-artifacts build
