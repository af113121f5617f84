# Two commands on a fresh machine:  make demo   and   make test
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PIP    := $(BIN)/python -m pip --disable-pip-version-check -q
EXAMPLE := examples/mehr-2023-06-21-leader-haniyeh.txt
DB     ?= eventcoder.duckdb

CHROMIUM := /usr/bin/chromium
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: demo test lint format scoreboard bench bench-corpus screenshots leakcheck clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Re-install only when the project's dependencies change.
$(VENV)/.runtime: pyproject.toml | $(BIN)/python
	$(PIP) install -e .
	touch $@

$(VENV)/.dev: pyproject.toml | $(BIN)/python
	$(PIP) install -e '.[dev,dask,server]'
	touch $@ $(VENV)/.runtime

$(VENV)/.bench: pyproject.toml | $(BIN)/python
	$(PIP) install -e '.[dev,dask,server,bench]'
	touch $@ $(VENV)/.dev $(VENV)/.runtime

demo: $(VENV)/.runtime
	$(BIN)/eventcoder run $(EXAMPLE) --db $(DB) --published 2023-06-21 --source "Mehr News Agency" --force --summary

# Debian's Chromium for the browser tests (Playwright drives it and never downloads a browser).
$(CHROMIUM):
	$(SUDO) apt-get update -q
	$(SUDO) apt-get install -y -q chromium

test: $(VENV)/.dev $(CHROMIUM)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/python -m pytest

lint: $(VENV)/.dev
	$(BIN)/ruff check src tests bench

format: $(VENV)/.dev
	$(BIN)/ruff check --fix src tests bench
	$(BIN)/ruff format src tests bench

# Throughput of eventcoder run against bare spaCy, into docs/benchmarks.md (not part of make test).
bench: $(VENV)/.dev
	$(BIN)/python bench/throughput.py --workers 2 --write

# Corpus runs (engines, memory per worker, 1x vs 10x corpus, resuming) into docs/benchmarks.md, and the
# incident grouping scored on ECB+ and near-duplicates into docs/scoreboard.md (not part of make test).
bench-corpus: $(VENV)/.dev
	$(BIN)/python bench/corpus_bench.py --write
	$(BIN)/python bench/incidents_score.py --write

# Refresh the README's screenshots of the reader and the dashboard (real Chromium).
screenshots: $(VENV)/.dev $(CHROMIUM)
	EVENTCODER_SCREENSHOTS=docs $(BIN)/python -m pytest -q tests/test_reader_browser.py -k "screenshot or dashboard_renders"

# Every evaluation task on every dev set, with the peers, into docs/scoreboard.md (not part of make test).
scoreboard: $(VENV)/.bench
	$(BIN)/python bench/scoreboard.py

# Runs of words the repository shares with the evaluation data (tests and comments must not repeat it).
leakcheck: $(VENV)/.dev
	$(BIN)/python bench/leakcheck.py

clean:
	rm -rf $(VENV) build dist src/*.egg-info .pytest_cache .ruff_cache $(DB)
