# One way to set up, run and test piivault. Every target installs the pinned set first.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

# Prefect's state (database, profiles, logs) of every target stays in the checkout, never ~/.prefect, and
# nothing is sent anywhere: no server analytics, no client telemetry.
export PREFECT_HOME := $(CURDIR)/.prefect
export PREFECT_SERVER_ANALYTICS_ENABLED := false
export DO_NOT_TRACK := 1

.PHONY: setup demo test bench eval lint format lock clean

setup: $(STAMP)

$(STAMP): pyproject.toml constraints.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c constraints.txt -e '.[dev]'
	touch $(STAMP)

# The demo's flows run on a temporary Prefect server that dies with the command; browse the runs after
# with `PREFECT_HOME=.prefect .venv/bin/prefect server start`.
demo: setup
	$(VENV)/bin/piivault demo --prefect

test: setup
	$(PY) -m pytest

bench: setup
	$(PY) -m bench

eval: setup
	$(PY) -m bench.eval_detection

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: setup
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# Re-pin: resolve the newest allowed set in a scratch venv and write constraints.txt.
lock:
	rm -rf /tmp/piivault-lock && $(PYTHON) -m venv /tmp/piivault-lock
	/tmp/piivault-lock/bin/pip install --quiet --upgrade pip
	/tmp/piivault-lock/bin/pip install --quiet -e '.[dev]'
	/tmp/piivault-lock/bin/pip freeze --exclude-editable | grep -v '^piivault' > constraints.txt

clean:
	rm -rf $(VENV) build *.egg-info
