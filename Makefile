# flopwatch: `make run` runs the nightly job, `make test` runs the tests; both set everything up first.
# the interpreter .venv is built from: the system's Python 3.11 where there is one (Debian's build, compiled
# with profile-guided and link-time optimization, runs extraction about 15% faster than a Python built
# from source without them, as pyenv builds it), else the first python3 on PATH; `make PYTHON=...` picks another
PYTHON ?= $(firstword $(wildcard /usr/bin/python3.11) python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup run demo test lint bench clean-venv

setup: $(STAMP)

$(STAMP): pyproject.toml constraints.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) || { \
		echo "$(PYTHON) cannot make a venv (Debian: apt-get install python3.11-venv); using python3"; \
		rm -rf $(VENV); python3 -m venv $(VENV); }
	$(BIN)/python -m pip install --quiet --upgrade "pip>=24"
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev]'
	@touch $(STAMP)

run: setup
	$(BIN)/flopwatch run

demo: setup
	$(BIN)/flopwatch demo

# the fault harness (one nightly run and a rerun per cell) runs on two workers after the rest
test: setup
	$(BIN)/python -m pytest -m "not harness"
	$(BIN)/python -m pytest -m harness -n 2

lint: setup
	$(BIN)/ruff check .

bench: setup
	$(BIN)/python bench/nightly.py

clean-venv:
	rm -rf $(VENV)
