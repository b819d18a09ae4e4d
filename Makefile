# The two commands a newcomer needs: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
PORT ?= 8000
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app wsgi

.PHONY: run test migrate clean

run: $(VENV)/.runtime-installed
	$(FLASK) db upgrade
	@echo "Taskboard: starting on http://127.0.0.1:$(PORT)/ (Ctrl-C stops it)"
	PORT=$(PORT) $(BIN)/gunicorn --config gunicorn.conf.py wsgi:app

# The whole suite on SQLite, then on PostgreSQL and MariaDB when their servers answer
# (all three required when CI=true); TEST_DATABASES="sqlite" picks a subset.
test: $(VENV)/.dev-installed
	$(BIN)/python tests/run_all_databases.py $(PYTEST_ARGS)

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

clean:
	rm -rf $(VENV) .pytest_cache
