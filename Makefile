# Every target bootstraps what it needs: a fresh clone runs `make site` / `make test` directly.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1
# Reproducible site: mkdocs dates the sitemap (and stamps sitemap.xml.gz) with SOURCE_DATE_EPOCH;
# the last commit's time makes two builds of one commit byte-identical.
export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || date +%s)

.DEFAULT_GOAL := help

.PHONY: help venv sysdeps data pages site serve test check bench clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

venv: $(STAMP) ## Create the local virtual environment with pinned dependencies

sysdeps: ## Install Debian packages the site and browser tests need (chromium, CJK fonts)
	@bash scripts/sysdeps.sh

data: venv ## Regenerate datapackages/ from sources/ (every disclosure in the catalog)
	$(PY) -m generator build

pages: venv ## Render docs/ pages and charts from datapackages/
	$(PY) -m generator pages

site: data pages ## Build the whole static site into site/
	$(VENV)/bin/mkdocs build --strict

serve: site ## Preview the site on http://127.0.0.1:8000
	$(VENV)/bin/mkdocs serve

test: venv sysdeps ## Run all tests (unit, golden, packages, browser)
	$(PY) -m pytest -n 2

check: venv ## Lint and type-check
	$(VENV)/bin/ruff check generator tests
	$(VENV)/bin/mypy generator

bench: venv ## Benchmarks: extraction speed, site size and build time
	$(PY) -m generator bench

clean: ## Remove the environment and build output
	rm -rf $(VENV) site build .pytest_cache .mypy_cache .ruff_cache .hypothesis
