# Two commands do everything on a fresh machine: `make run` and `make test`.
# The virtual environment is created and the project installed on first use,
# and again whenever pyproject.toml changes.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 5000

.PHONY: run test lint catalogs bench

run: $(INSTALLED) catalogs
	$(BIN)/parlons run --host $(HOST) --port $(PORT)

test: $(INSTALLED) catalogs
	$(BIN)/python -m pytest -n 2 $(PYTEST_ARGS)

lint: $(INSTALLED)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

catalogs: $(INSTALLED)
	$(BIN)/parlons translations compile

bench: $(INSTALLED) catalogs
	$(BIN)/python bench/respondent_load.py
	$(BIN)/python bench/analysis_bench.py

# pip, not python: a venv that failed half-way (Debian/Ubuntu without python3-venv)
# has bin/python but no pip, and is made again from scratch.
$(INSTALLED): pyproject.toml
	test -x $(BIN)/pip || $(PYTHON) -m venv --clear $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@
