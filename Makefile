# The two commands of the README: `make run` and `make test`.
SHELL := /bin/bash
# DuckDB's bindings list "leaked" objects at interpreter exit; harmless, and it would bury pytest's summary.
EXIT_NOISE := nanobind|leaked (instance|type|function|types|functions|instances)|skipped remainder|refleaks
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
DB ?= data/disclosure.duckdb
PORT ?= 8501

.PHONY: run test test-fast bench lint db clean

$(VENV)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	# opencc replaced opencc-python-reimplemented, which installs into the same folder: an older venv drops it first.
	$(PY) -m pip uninstall -q -y opencc-python-reimplemented
	$(PY) -m pip install -q -r requirements.txt
	touch $@

$(DB): $(VENV)/.installed $(wildcard data/reports/*) parsing/schema.py
	$(PY) -m parsing ingest data/reports --db $(DB) --replace-outdated || true
	touch $(DB)

db: $(DB)

run: $(DB)
	$(PY) -m dashboard serve --port $(PORT)

test: $(VENV)/.installed
	bash scripts/install-system.sh
	set -o pipefail; $(PY) -m pytest 2>&1 | grep --line-buffered -v -E '$(EXIT_NOISE)'

test-fast: $(VENV)/.installed
	set -o pipefail; $(PY) -m pytest -m "not browser" 2>&1 | grep --line-buffered -v -E '$(EXIT_NOISE)'

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check --select F,E9 parsing dashboard pages app.py bench synth tests

bench: $(VENV)/.installed
	$(PY) bench/run.py --quick

clean:
	rm -f $(DB) $(DB).wal
