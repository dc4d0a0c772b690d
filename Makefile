# Two commands set everything up on a fresh machine with Python 3.11+ and make:
#   make run    creates .venv, installs, fills a demo store and opens the register
#   make test   creates .venv, installs with the test extra, runs lint and the suite
# Outside the suite: make bench [JSON=FILE].

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test lint bench clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11 or newer is needed (found " + sys.version.split()[0] + ")"'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/pos demo --if-missing --db "$$($(BIN)/python -c 'from pos.paths import demo_db_path; print(demo_db_path())')"
	$(BIN)/python main.py --db "$$($(BIN)/python -c 'from pos.paths import demo_db_path; print(demo_db_path())')"

lint: $(STAMP)
	$(BIN)/ruff check .

test: lint
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest

bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m bench $(if $(JSON),--json $(JSON),)

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis
