# Two commands for a newcomer: `make run` (install, index the default corpus, start the app)
# and `make test` (install, run the tests and the evals).
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | sha256sum | cut -c1-12)

.PHONY: install run ingest test evals bench clean-index help

help:
	@echo "make run    install into .venv, build the index from the corpus, start the Streamlit app"
	@echo "make test   install into .venv, run tests/ and evals/"
	@echo "make ingest / make evals / make bench / make clean-index"

$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Error: $(PYTHON) not found; install Python 3.11"; exit 1; }
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	# torch first and pinned: the CPU build; never a multi-GB CUDA build.
	$(PIP) install --quiet torch==2.13.0
	$(PIP) install --quiet -e ".[dev]"
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

install: $(STAMP)

ingest: install
	$(PY) -m ingest --no-progress || test $$? -eq 1

run: ingest
	$(VENV)/bin/streamlit run app.py

test: install
	$(PY) -m pytest tests evals -q

evals: install
	$(PY) -m pytest evals -q

bench: install
	$(PY) -m evals.bench_ingest
	$(PY) -m evals.bench_answer

clean-index:
	rm -rf data/index
