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

# The translations: the catalogues (.po) are written by people and committed; the compiled ones (.mo)
# that the app reads are built from them, like build/static, and never committed.
TRANSLATIONS := webapp/translations
COMPILED_CATALOGUES := $(patsubst %.po,%.mo,$(wildcard $(TRANSLATIONS)/*/LC_MESSAGES/messages.po))

.PHONY: run test coverage lint screenshots migrate bench clean messages translations

run: $(VENV)/.runtime-installed $(STATIC_BUILT) $(COMPILED_CATALOGUES)
	$(FLASK) db upgrade
	@echo "Taskboard: starting on http://127.0.0.1:$(PORT)/ with its scheduler (Ctrl-C stops both)"
	@# The scheduler runs beside gunicorn, sharing its metrics folder; leaving gunicorn stops it too.
	@metrics="$$(mktemp -d)"; export PROMETHEUS_MULTIPROC_DIR="$$metrics"; \
	$(FLASK) scheduler & scheduler=$$!; \
	trap 'kill $$scheduler 2>/dev/null; wait $$scheduler; rm -rf "$$metrics"' EXIT; \
	PORT=$(PORT) $(BIN)/gunicorn --config gunicorn.conf.py wsgi:app

# Lint, formatting and types first, so a style or type error fails CI before the suite runs; then the
# whole suite on SQLite, PostgreSQL and MariaDB when their servers answer (all three required when
# CI=true); TEST_DATABASES="sqlite" picks a subset.
test: lint node_modules/.package-lock.json $(STATIC_BUILT) $(COMPILED_CATALOGUES)
	@test -x $(CHROMIUM) || echo "NOTE: $(CHROMIUM) is not installed, so the browser suite (tests/browser) is SKIPPED. Install it with: apt-get install chromium"
	$(BIN)/python tests/run_all_databases.py $(PYTEST_ARGS)

# The suite on SQLite once more, measuring branch coverage of webapp/ (fails below the floor in
# tests/run_all_databases.py); .ci/run runs it after `make test`. Its report: test-artifacts/coverage/.
coverage: $(VENV)/.dev-installed $(STATIC_BUILT) $(COMPILED_CATALOGUES)
	TEST_DATABASES=sqlite MEASURE_COVERAGE=1 $(BIN)/python tests/run_all_databases.py $(PYTEST_ARGS)

# The quick check: ruff's lint rules, ruff's formatting and mypy --strict on webapp/ (pyproject.toml).
lint: $(VENV)/.dev-installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

# Retakes the README's screenshots of the real app (needs Chromium).
screenshots: $(VENV)/.dev-installed node_modules/.package-lock.json $(STATIC_BUILT) $(COMPILED_CATALOGUES)
	SCREENSHOTS_DIR=docs/screenshots $(BIN)/python -m pytest tests/browser/test_screenshots.py

# Side by side with the anchor under wrk, on SQLite and on PostgreSQL (BENCH_ARGS="--database sqlite" for one);
# writes bench/RESULTS.md. About 30 minutes.
bench: $(VENV)/.runtime-installed $(ANCHOR_VENV)/.installed $(STATIC_BUILT) $(COMPILED_CATALOGUES)
	@command -v wrk >/dev/null || { echo "make bench needs wrk: apt-get install -y wrk"; exit 1; }
	$(BIN)/python bench/run.py --anchor-dir $(ANCHOR_DIR) --anchor-python $(ANCHOR_VENV)/bin/python $(BENCH_ARGS)

$(ANCHOR_VENV)/.installed: $(ANCHOR_DIR)/requirements.txt
	$(PYTHON) -m venv $(ANCHOR_VENV)
	$(ANCHOR_VENV)/bin/python -m pip install --quiet -r $(ANCHOR_DIR)/requirements.txt
	touch $@

# Built again whenever a file under static/ or the installed packages (Bootstrap-Flask's files) change.
$(STATIC_BUILT): $(VENV)/.runtime-installed webapp/static_build.py $(shell find static -type f)
	$(BIN)/python -m webapp.static_build

# Extracts every marked string (babel.cfg) into messages.pot and brings each language's messages.po up
# to date with it: new strings arrive with an empty msgstr to fill in, removed ones go. Sorted, without
# line numbers, so that two branches adding strings seldom touch the same lines.
messages: $(VENV)/.runtime-installed
	$(BIN)/pybabel extract --mapping-file babel.cfg --keyword _l --keyword lazy_ngettext:1,2 \
		--ignore-dirs ".* node_modules build bench tests instance docs static test-artifacts" \
		--no-location --sort-output --no-wrap --omit-header --output-file $(TRANSLATIONS)/messages.pot .
	$(BIN)/pybabel update --input-file $(TRANSLATIONS)/messages.pot --output-dir $(TRANSLATIONS) \
		--no-wrap --no-fuzzy-matching --ignore-obsolete --ignore-pot-creation-date

translations: $(COMPILED_CATALOGUES)

$(TRANSLATIONS)/%/LC_MESSAGES/messages.mo: $(TRANSLATIONS)/%/LC_MESSAGES/messages.po $(VENV)/.runtime-installed
	$(BIN)/pybabel compile --input-file $< --output-file $@ --locale $*

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
