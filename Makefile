# The two commands: `make build` and `make test`. Both set up what they need first.
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: build test setup setup-e2e lint check clean schemas

build: $(STAMP)
	$(VENV)/bin/sbfa-pack build --out dist

test: $(STAMP) setup-e2e
	$(VENV)/bin/ruff check src tests benchmarks
	$(VENV)/bin/mypy
	$(PY) -m pytest -q -p no:cacheprovider

$(STAMP): pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)

# Browser and LRS parts: Debian's chromium (never a downloaded browser) and the npm packages
# the end-to-end tests use (scorm-again as the LMS side, axe-core). Idempotent.
setup-e2e:
	bash scripts/setup-e2e.sh

schemas: $(STAMP)
	$(PY) -m sbfa_pack.jsonschema schemas

clean:
	rm -rf dist build .pytest_cache .mypy_cache .ruff_cache
