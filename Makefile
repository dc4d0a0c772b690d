# Two commands set everything up on a fresh machine with Python 3.11+ and make:
#   make run    creates .venv, installs the program (no test tools), fills a demo store and
#               opens the register
#   make test   creates .venv, installs with the test extra, runs lint and the suite
#   make dist   the store terminal's bundle: dist/pos/ and dist/pos-VERSION-linux-ARCH.tar.gz
#               (PyInstaller, packaging/pos.spec), installed on a terminal by its install.sh
# Outside the suite: make bench [JSON=FILE], make bench-dist,
# make soak [SALES=N] [MINUTES=M] [PROFILE=DIR] (docs/PERFORMANCE.md),
# make faults [RUNS=N] (docs/RELIABILITY.md) and make sync-faults [RUNS=N] (docs/HEAD_OFFICE.md).

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
# One stamp per install, each redone when pyproject.toml changes: the program alone (what
# a till needs: run, bench, faults, translations, screenshots), the program with the
# test extra (pytest, pytest-qt, hypothesis, ruff, localstripe: lint and test) and the
# dist extra (PyInstaller: make dist, and the suite's test of the bundle).
STAMP      := $(VENV)/.installed-app
TEST_STAMP := $(VENV)/.installed-test
DIST_STAMP := $(VENV)/.installed-dist

RUNS ?= 200
SALES ?= 20000

.PHONY: run test lint dist bench-dist bench soak faults sync-faults translations screenshots clean

$(BIN)/python:
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11 or newer is needed (found " + sys.version.split()[0] + ")"'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $(STAMP)

# the extras include the program, so these installs are also the program's
$(TEST_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test,dist]'
	touch $(STAMP) $(TEST_STAMP) $(DIST_STAMP)

$(DIST_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dist]'
	touch $(STAMP) $(DIST_STAMP)

run: $(STAMP)
	$(BIN)/pos demo --if-missing --db "$$($(BIN)/python -c 'from pos.store.paths import demo_db_path; print(demo_db_path())')"
	$(BIN)/python main.py --db "$$($(BIN)/python -c 'from pos.store.paths import demo_db_path; print(demo_db_path())')"

lint: $(TEST_STAMP)
	$(BIN)/ruff check .
	$(BIN)/lint-imports --no-cache

# One worker per core; a test file's tests stay on one worker (they share its fixtures).
test: lint
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -n auto --dist loadfile

# The store terminal's bundle (README: "Install on a store terminal").
dist: $(DIST_STAMP)
	PYTHON=$(BIN)/python packaging/build.sh dist build

# The bundle's size and start-up times (docs/PERFORMANCE.md, "Bundle"); times the window
# on an X display, or on Xvfb, when xdotool is installed.
bench-dist: dist
	$(BIN)/python -m bench.bundle dist

bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m bench $(if $(JSON),--json $(JSON),)

# A whole day at the till in one process: memory, and its last thousand sales against a fresh
# till's first thousand rung in turns beside them.
soak: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m bench.soak --sales $(SALES) \
		$(if $(MINUTES),--minutes $(MINUTES),) $(if $(JSON),--json $(JSON),) \
		$(if $(PROFILE),--profile $(PROFILE),)

faults: $(STAMP)
	$(BIN)/python -m bench.faults --runs $(RUNS)

# Tills and head office killed and cut off at random points of sync (docs/HEAD_OFFICE.md).
sync-faults: $(STAMP)
	$(BIN)/python -m bench.sync_faults --runs $(RUNS)

# After changing visible strings: refresh the catalogue, translate the new
# messages in resources/i18n/pos_zh_CN.ts, then run this again to compile.
translations: $(STAMP)
	$(BIN)/pyside6-lupdate $$(find ui -name '*.py' | sort) main.py -ts resources/i18n/pos_zh_CN.ts -no-obsolete
	$(BIN)/pyside6-lrelease resources/i18n/pos_zh_CN.ts -qm resources/i18n/pos_zh_CN.qm

# The README's pictures, from a fresh demo store.
screenshots: $(STAMP)
	rm -rf build/shots && mkdir -p build/shots
	$(BIN)/pos demo --db build/shots/demo.db
	$(BIN)/pos screenshot --db build/shots/demo.db --out docs/screenshots
	$(BIN)/pos demo --db build/shots/demo-cny.db --currency CNY
	$(BIN)/pos screenshot --db build/shots/demo-cny.db --out docs/screenshots

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis
