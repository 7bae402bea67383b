# The two commands of the README: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
DB ?= data/disclosure.duckdb
PORT ?= 8501

.PHONY: run test test-fast bench lint db clean

$(VENV)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -r requirements.txt
	touch $@

$(DB): $(VENV)/.installed $(wildcard data/reports/*)
	$(PY) -m parsing ingest data/reports --db $(DB) || true
	touch $(DB)

db: $(DB)

run: $(DB)
	$(PY) -m dashboard serve --port $(PORT)

test: $(VENV)/.installed
	bash scripts/install-system.sh
	$(PY) -m pytest

test-fast: $(VENV)/.installed
	$(PY) -m pytest -m "not browser"

bench: $(VENV)/.installed
	$(PY) bench/run.py --quick

clean:
	rm -f $(DB) $(DB).wal
