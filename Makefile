# Quick start: `make demo` cleans corpus/ into cleaned/; `make test` runs lint and the tests.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint bench bench-speed train clean-outputs

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python setup.cfg pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[test,eval,dask]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/declutter clean corpus/ -o cleaned/

lint: $(STAMP)
	$(BIN)/ruff check declutter tests scripts

test: lint
	$(BIN)/declutter rules check
	$(BIN)/python -m pytest -q

bench-speed: $(STAMP)
	$(BIN)/python scripts/bench.py ../shared/bench

bench: $(STAMP)
	$(BIN)/declutter eval ../shared/bench/clip ../shared/bench/gold --no-site-rules --no-title \
		--holdout-every 5 --peers all

train: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[train]'
	$(BIN)/python scripts/train_fallback.py ../shared/bench/clip ../shared/bench/gold

clean-outputs:
	rm -rf cleaned/
