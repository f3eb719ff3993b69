# Sadewa catalog. `make html` and `make test` are the only set-up: the first
# run creates .venv and installs the pinned dependencies (see README.md).

SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
PRODUCTS ?= products
# The staff editor (Decap CMS, /admin/) comes from npm (package.json): installed
# when npm is there; without it the build leaves /admin/ out with a warning.
NODE_STAMP := node_modules/.installed
NODE_DEPS := $(if $(shell command -v npm 2>/dev/null),$(NODE_STAMP))

.DEFAULT_GOAL := html
.PHONY: html publish deploy test validate serve schema clean sample-photos translations urlcheck new-sme new-product import export report cms-server bench

$(STAMP): pyproject.toml requirements.lock
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -c requirements.lock -e '.[test]'
	@touch $@

validate: $(STAMP)
	$(PY) scripts/validate.py $(PRODUCTS)

html: $(STAMP) $(NODE_DEPS)
	$(PY) scripts/build.py

# Production build (SPEC §7): the base URLs from SADEWA_DOMESTIC_URL and
# SADEWA_INTERNATIONAL_URL; minified, fingerprinted, precompressed, _headers.
publish: $(STAMP) $(NODE_DEPS)
	$(PY) scripts/build.py --settings publishconf.py

# Upload output/ (from `make publish`) with rclone to SADEWA_DEPLOY_DOMESTIC and
# SADEWA_DEPLOY_INTERNATIONAL; DRY_RUN=1 only shows what would change.
deploy: $(STAMP)
	$(PY) scripts/deploy.py $(if $(filter-out 0,$(DRY_RUN)),--dry-run)

serve: $(STAMP) $(NODE_DEPS)
	$(PY) scripts/serve.py

# Offline copies for export delegates (SPEC §6): zips and PDFs in output/offline/.
# PDF_LANGS="en id" adds an Indonesian PDF beside the English one.
.PHONY: offline
offline: $(STAMP)
	$(PY) scripts/offline.py $(if $(PDF_LANGS),--pdf-langs $(PDF_LANGS))

test: $(STAMP)
	@bash scripts/system-deps.sh
	@if command -v npm >/dev/null 2>&1; then $(MAKE) --no-print-directory $(NODE_STAMP); fi
	$(PY) -m pytest

urlcheck: $(STAMP)
	@test -n "$(PREVIOUS)" || { echo "usage: make urlcheck PREVIOUS=path/to/previous/urls.txt"; exit 2; }
	$(PY) scripts/urlcheck.py "$(PREVIOUS)"

schema: $(STAMP)
	$(PY) -m sadewa.jsonschemas
	$(PY) -m sadewa.reference
	$(PY) scripts/spreadsheet.py template docs

sample-photos: $(STAMP)
	$(PY) scripts/draw_sample_photos.py

clean:
	rm -rf output .cache

TRANSLATIONS := themes/sadewa/translations
# Extract the theme's strings and merge them into the id and en catalogs.
translations: $(STAMP)
	$(VENV)/bin/pybabel extract -F babel.cfg --no-location --sort-output -o $(TRANSLATIONS)/messages.pot .
	for lang in id en; do \
	  if [ -f $(TRANSLATIONS)/$$lang/LC_MESSAGES/messages.po ]; then \
	    $(VENV)/bin/pybabel update --no-fuzzy-matching --ignore-obsolete -i $(TRANSLATIONS)/messages.pot -d $(TRANSLATIONS) -l $$lang; \
	  else \
	    $(VENV)/bin/pybabel init -i $(TRANSLATIONS)/messages.pot -d $(TRANSLATIONS) -l $$lang; \
	  fi; \
	done

# -- staff workflow (SPEC §7) ---------------------------------------------------
# Values go through the environment, so names with quotes or & survive the shell.
new-sme: export NAME := $(NAME)
new-sme: export REGION := $(REGION)
new-sme: export WHATSAPP := $(WHATSAPP)
new-sme: export EMAIL := $(EMAIL)
new-sme: export STORY := $(STORY)
new-sme: $(STAMP)
	$(PY) scripts/new.py --products "$(PRODUCTS)" sme --name "$$NAME" --region "$$REGION" --whatsapp "$$WHATSAPP" --email "$$EMAIL" --story "$$STORY"

new-product: export SME := $(SME)
new-product: export NAME := $(NAME)
new-product: export CATEGORY := $(CATEGORY)
new-product: export PRICE := $(PRICE)
new-product: $(STAMP)
	$(PY) scripts/new.py --products "$(PRODUCTS)" product --sme "$$SME" --name "$$NAME" --category "$$CATEGORY" --price "$$PRICE"

import: export FILE := $(FILE)
import: $(STAMP)
	@test -n "$$FILE" || { echo 'usage: make import FILE=sheet.xlsx (or FILE="smes.csv products.csv"); DRY_RUN=1 only shows the changes'; exit 2; }
	$(PY) scripts/spreadsheet.py --products "$(PRODUCTS)" import $(if $(filter-out 0,$(DRY_RUN)),--dry-run) $$FILE

export: export FILE := $(FILE)
export: $(STAMP)
	@test -n "$$FILE" || { echo 'usage: make export FILE=catalog.xlsx (or FILE=catalog.csv for catalog-smes.csv and catalog-products.csv)'; exit 2; }
	$(PY) scripts/spreadsheet.py --products "$(PRODUCTS)" export "$$FILE"

report: $(STAMP)
	$(PY) scripts/report.py --products "$(PRODUCTS)" --output output/report/index.html

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts
	@touch $@

# The web editor's local mode: Decap's server in git mode on 127.0.0.1:8081,
# editing this repository; open http://127.0.0.1:8000/admin/ of `make serve`.
cms-server: $(NODE_STAMP)
	MODE=git BIND_HOST=127.0.0.1 PORT=8081 GIT_REPO_DIRECTORY="$(CURDIR)" node node_modules/decap-server/dist/index.js

BENCH_STAMP := $(VENV)/.bench-installed
N ?= 10000
$(BENCH_STAMP): $(STAMP)
	$(PY) -m pip install --quiet --disable-pip-version-check -c requirements.lock -e '.[bench]'
	@touch $@

# The synthetic catalog of N products built and measured beside Hugo (docs/benchmark.md).
bench: $(BENCH_STAMP)
	$(PY) scripts/bench.py --n $(N)
