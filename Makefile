# Quick start: `make demo` cleans corpus/ into cleaned/; `make test` runs lint and the tests.
PYTHON ?= python3
# The oldest Python setup.cfg promises (python_requires), tested by `make test-oldest` (CI runs it).
OLDEST_PYTHON ?= $(shell for p in "$$(pyenv root 2>/dev/null)"/versions/3.10*/bin/python python3.10; do \
	"$$p" -V >/dev/null 2>&1 && { echo "$$p"; break; }; done)
OLDEST_VENV := .venv-oldest
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test test-oldest golden lint bench bench-speed train clean-outputs

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python setup.cfg setup.py pyproject.toml declutter/kernels/_compiled.pyx
	$(BIN)/python -m pip install --quiet -e '.[test,eval,dask]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/declutter clean corpus/ -o cleaned/

lint: $(STAMP)
	$(BIN)/ruff check declutter tests scripts
	$(BIN)/mypy

test: lint
	$(BIN)/declutter rules check
	$(BIN)/python -m pytest -q

test-oldest:
	@test -n "$(OLDEST_PYTHON)" || { echo "no Python 3.10 here (set OLDEST_PYTHON): the oldest promised Python is not tested"; exit 1; }
	test -x $(OLDEST_VENV)/bin/python || $(OLDEST_PYTHON) -m venv $(OLDEST_VENV)
	$(OLDEST_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(OLDEST_VENV)/bin/python -m pip install --quiet -e '.[test]'
	$(OLDEST_VENV)/bin/python -m pytest -q

golden: $(STAMP)  # after an intended change: rewrite corpus/*.expected and *.reasons, then review the diff
	$(BIN)/python scripts/update_golden.py

bench-speed: $(STAMP)
	$(BIN)/python scripts/bench.py ../shared/bench

bench: $(STAMP)
	$(BIN)/declutter eval ../shared/bench/clip ../shared/bench/gold --no-site-rules --no-title \
		--holdout-every 5 --peers all

train: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[train]'
	$(BIN)/python scripts/train_fallback.py ../shared/bench/clip ../shared/bench/gold ../shared/bench2/clip ../shared/bench2/gold \
		../shared/bench3/clip ../shared/bench3/gold

clean-outputs:
	rm -rf cleaned/
