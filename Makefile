# The two commands: `make build` and `make test`. Both set up what they need first.
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
RUN_STAMP := $(VENV)/.installed-run
DEV_STAMP := $(VENV)/.installed-dev

.PHONY: build test setup setup-e2e lint check clean schemas

# Building needs the runtime dependencies only; the test tool chain comes with `make test`.
build: $(RUN_STAMP)
	$(VENV)/bin/sbfa-pack build --out dist
	@echo "To use the sbfa-pack command yourself: source $(VENV)/bin/activate"

test: $(DEV_STAMP) setup-e2e
	$(VENV)/bin/ruff check src tests benchmarks
	$(VENV)/bin/mypy
	$(PY) -m pytest -q -p no:cacheprovider

$(RUN_STAMP): pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e .
	touch $@

$(DEV_STAMP): pyproject.toml $(RUN_STAMP)
	$(PY) -m pip install -q -e '.[dev]'
	touch $@

setup: $(DEV_STAMP)

# Browser and LRS parts: Debian's chromium (never a downloaded browser) and the npm packages
# the end-to-end tests use (scorm-again as the LMS side, axe-core). Idempotent.
setup-e2e:
	bash scripts/setup-e2e.sh

schemas: $(RUN_STAMP)
	$(PY) -m sbfa_pack.jsonschema schemas

clean:
	rm -rf dist build .pytest_cache .mypy_cache .ruff_cache
