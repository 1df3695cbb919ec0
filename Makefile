# Parcours — the documented entry points. See README.md.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)
PORT ?= 8000

.PHONY: install run test test-fast test-browser quality format bench backup restore clean

install: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

## Serve the demo on http://127.0.0.1:$(PORT) with the task worker (Ctrl-C stops everything).
run: install
	PORT=$(PORT) $(BIN)/python -m parcours.run

## The whole suite (unit, integration and browser tests).
test: install
	$(BIN)/python -m tests.runner

## Everything but the browser tests.
test-fast: install
	$(BIN)/python -m pytest -n 2 -m "not browser"

test-browser: install
	$(BIN)/python -m pytest -m browser

## Benchmarks: ratios between a small and a large case measured in one run (not in `make test`).
## BENCH_PERSONS (default 100000) and BENCH_SMALL (10000) people; writes var/bench.json.
bench: install
	$(BIN)/python -m benchmarks.run
	$(BIN)/python -m pytest benchmarks -q -s -p no:xdist

## Dump the database to var/backups/parcours-<date>.dump (or FILE=…), with pg_dump.
backup: install
	$(BIN)/python -m parcours.backup dump $(FILE)

## Replace the database's content with a dump: make restore FILE=var/backups/….dump
restore: install
	@test -n "$(FILE)" || (echo "Indiquez la sauvegarde : make restore FILE=var/backups/….dump" && exit 2)
	$(BIN)/python -m parcours.backup restore $(FILE)

quality: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djlint templates --lint
	$(BIN)/python manage.py makemigrations --check --dry-run

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) staticfiles
