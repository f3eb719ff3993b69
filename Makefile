# Sadewa catalog. `make html` and `make test` are the only set-up: the first
# run creates .venv and installs the pinned dependencies (see README.md).

SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
PRODUCTS ?= products

.DEFAULT_GOAL := html
.PHONY: html test validate serve schema clean sample-photos translations urlcheck

$(STAMP): pyproject.toml requirements.lock
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -c requirements.lock -e '.[test]'
	@touch $@

validate: $(STAMP)
	$(PY) scripts/validate.py $(PRODUCTS)

html: $(STAMP)
	$(PY) scripts/build.py

serve: $(STAMP)
	$(PY) scripts/serve.py

test: $(STAMP)
	@bash scripts/system-deps.sh
	$(PY) -m pytest

urlcheck: $(STAMP)
	@test -n "$(PREVIOUS)" || { echo "usage: make urlcheck PREVIOUS=path/to/previous/urls.txt"; exit 2; }
	$(PY) scripts/urlcheck.py "$(PREVIOUS)"

schema: $(STAMP)
	$(PY) -m sadewa.jsonschemas
	$(PY) -m sadewa.reference

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
