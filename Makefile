# Two commands on a fresh machine: `make report` and `make test`. Both create .venv if needed.
VENV   ?= .venv
PYTHON ?= python3
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
REPORT ?= latam-cgt

.PHONY: report test lint bench clean help messages

help:
	@echo "make report  - set up (if needed) and build $(REPORT) into output/"
	@echo "make test    - set up (if needed) and run the test suite"
	@echo "make lint    - ruff"
	@echo "make bench   - timings against pandoc + typst + matplotlib (not part of the tests; ~6 min)"

$(STAMP): pyproject.toml scripts/system-deps.sh
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@bash scripts/system-deps.sh
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	@touch $(STAMP)

report: $(STAMP)
	$(BIN)/reportgen check
	$(BIN)/reportgen build $(REPORT) --format pdf,pptx,xlsx,html

test: $(STAMP)
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check reportgen tests bench

$(VENV)/.bench-stamp: $(STAMP)
	$(BIN)/python -m pip install -q -e '.[bench]'
	@touch $@

bench: $(VENV)/.bench-stamp
	$(BIN)/python bench/run.py --dask

clean:
	rm -rf output

# Re-extract gettext messages and merge them into the es and pt_BR catalogs (then translate the new ones).
messages: $(STAMP)
	$(BIN)/pybabel extract -F babel.cfg --no-location --sort-output --omit-header -o reportgen/locale/messages.pot .
	$(BIN)/pybabel update -i reportgen/locale/messages.pot -d reportgen/locale --no-fuzzy-matching -w 120
