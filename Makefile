# Sadewa catalog. `make html` and `make test` are the only set-up: the first
# run creates .venv and installs the pinned dependencies (see README.md).

SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
PRODUCTS ?= products

.DEFAULT_GOAL := html
.PHONY: html test validate serve schema clean sample-photos

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
	$(PY) -m pytest

schema: $(STAMP)
	$(PY) -m sadewa.jsonschemas

sample-photos: $(STAMP)
	$(PY) scripts/draw_sample_photos.py

clean:
	rm -rf output .cache
