# Every target builds the virtual environment it needs; only Python >= 3.11 and make are assumed.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-test

.PHONY: demo test lint typecheck pytest bench instructions thorough clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

$(VENV)/.installed-bench: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	touch $@

## Run the command-line demo on the bundled example data.
demo: $(STAMP)
	$(BIN)/infomanager demo

## Lint, type-check and run the whole test suite (docs and docstring examples included).
test: lint typecheck pytest

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks tools
	$(BIN)/ruff format --check src tests benchmarks tools

typecheck: $(STAMP)
	$(BIN)/mypy --strict src

pytest: $(STAMP)
	$(BIN)/python -m pytest -q

## Deeper property and crash runs (Hypothesis "thorough" profile).
thorough: $(STAMP)
	HYPOTHESIS_PROFILE=thorough $(BIN)/python -m pytest -q

## Benchmarks, each figure a ratio to a baseline measured in the same run.
bench: $(VENV)/.installed-bench
	@for f in benchmarks/bench_*.py; do echo "== $$f"; $(BIN)/python $$f || exit 1; done

## The same ratios counted in instructions (valgrind's callgrind): load-independent; needs valgrind, a few minutes.
instructions: $(VENV)/.installed-bench
	$(BIN)/python benchmarks/instructions.py

clean:
	rm -rf $(VENV) build src/*.egg-info .mypy_cache .ruff_cache .hypothesis
