# One way to set up, run and test piivault. Every target installs the pinned set first.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: setup demo test bench eval lint format lock clean

setup: $(STAMP)

$(STAMP): pyproject.toml constraints.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c constraints.txt -e '.[dev]'
	touch $(STAMP)

demo: setup
	$(VENV)/bin/piivault demo

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
