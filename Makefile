# The two commands of the README: `make demo` and `make test`. Each sets up .venv on first use.
PYTHON ?= python3
VENV := .venv
STAMP := $(VENV)/.installed
CHROMIUM := /usr/bin/chromium
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)

.PHONY: demo test lint bench

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -e '.[test]'
	touch $(STAMP)

demo: $(STAMP)
	$(VENV)/bin/netzwerktimer demo

test: $(STAMP) $(CHROMIUM)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/pytest -n auto

# The browser test drives Debian's chromium (never a browser download of Playwright's own).
$(CHROMIUM):
	$(SUDO) apt-get update -qq
	$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium

bench: $(STAMP)
	$(VENV)/bin/python benchmarks/bench_dates.py
	$(VENV)/bin/python benchmarks/bench_real_pages.py
	$(VENV)/bin/python benchmarks/bench_real_pages_perturbed.py
	$(VENV)/bin/python benchmarks/load_refresh.py
	$(VENV)/bin/python benchmarks/bench_store.py
	$(VENV)/bin/python benchmarks/bench_catalog.py
	$(VENV)/bin/python benchmarks/bench_crawl.py
