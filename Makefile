# The two commands a newcomer needs: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
PORT ?= 8000
CHROMIUM := /usr/bin/chromium
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app wsgi

.PHONY: run test screenshots migrate clean

run: $(VENV)/.runtime-installed
	$(FLASK) db upgrade
	@echo "Taskboard: starting on http://127.0.0.1:$(PORT)/ (Ctrl-C stops it)"
	PORT=$(PORT) $(BIN)/gunicorn --config gunicorn.conf.py wsgi:app

# The whole suite on SQLite, then on PostgreSQL and MariaDB when their servers answer
# (all three required when CI=true); TEST_DATABASES="sqlite" picks a subset.
test: $(VENV)/.dev-installed node_modules/.package-lock.json
	@test -x $(CHROMIUM) || echo "NOTE: $(CHROMIUM) is not installed, so the browser suite (tests/browser) is SKIPPED. Install it with: apt-get install chromium"
	$(BIN)/python tests/run_all_databases.py $(PYTEST_ARGS)

# Retakes the README's screenshots of the real app (needs Chromium).
screenshots: $(VENV)/.dev-installed node_modules/.package-lock.json
	SCREENSHOTS_DIR=docs/screenshots $(BIN)/python -m pytest tests/browser/test_screenshots.py

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
	rm -rf $(VENV) .pytest_cache node_modules test-artifacts
