# Two commands on a fresh machine: `make report` and `make test`. Both create .venv if needed.
VENV   ?= .venv
PYTHON ?= python3
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
REPORT ?= latam-cgt

# What the tests need beyond PyPI, installed by `make test` where missing (as root on Debian), so a fresh
# machine runs every test CI runs: LibreOffice (workbook recalculation, the deck as a client sees it),
# poppler (PDF text positions), a client's fonts, and Chromium (the web edition's browser tests).
TEST_SYSTEM_DEPS := libreoffice-calc-nogui libreoffice-impress-nogui poppler-utils chromium \
	fonts-crosextra-carlito fonts-crosextra-caladea fonts-liberation2 fonts-dejavu-core

.PHONY: report test fuzz lint bench clean help messages

help:
	@echo "make report  - set up (if needed) and build $(REPORT) into output/"
	@echo "make test    - set up (if needed), install what the tests need, run the test suite"
	@echo "make fuzz    - property tests with new random examples, many more of them (long; no time limit)"
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
	@bash scripts/system-deps.sh $(TEST_SYSTEM_DEPS)
	$(BIN)/python -m pytest -q

# The same property tests, derandomized and bounded in `make test`, here with fresh random examples.
fuzz: $(STAMP)
	REPORTGEN_FUZZ=1 $(BIN)/python -m pytest -q -n 0 --timeout 0 -p no:cacheprovider \
		tests/data/test_validation_properties.py tests/builder/test_build_properties.py tests/builder/test_limits_build.py

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
