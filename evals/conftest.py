"""Fixtures for `pytest evals/`: the real models, one index over the real corpus, and the baseline, built once.

Duplicates the two fixtures of tests/conftest.py on purpose: evals/ must not depend on tests/.

Options:
    --generator NAME       answer generator to evaluate (default: $ASSISTANT_GENERATOR, else extractive)
    --eval-data-dir DIR    keep the evaluation index in DIR and reuse it on the next run (default: a fresh temp dir)
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from assistant.config import GENERATORS, PROJECT_ROOT, Settings

CORPUS_DIR = Path(os.environ.get("ASSISTANT_CORPUS_DIR") or PROJECT_ROOT.parent / "shared" / "corpus")
# Settings the generators read (model, server, key); everything else stays at its default so runs compare.
_GENERATOR_ENV = ("ASSISTANT_LLM_MODEL", "ASSISTANT_LLM_BASE_URL", "ASSISTANT_LLM_TIMEOUT_S", "ASSISTANT_API_KEY")


def pytest_addoption(parser):
    group = parser.getgroup("evals")
    group.addoption("--generator", default=None, choices=list(GENERATORS),
                    help="answer generator to evaluate (default: $ASSISTANT_GENERATOR, else extractive)")
    group.addoption("--eval-data-dir", default=None, type=Path,
                    help="keep the evaluation index here and reuse it when the corpus is unchanged")


@pytest.fixture(scope="session")
def generator_name(pytestconfig) -> str:
    """Flag > ASSISTANT_GENERATOR > extractive."""
    return pytestconfig.getoption("--generator") or os.environ.get("ASSISTANT_GENERATOR") or "extractive"


@pytest.fixture(scope="session")
def embedders():
    from assistant.embed import E5Embedder, MiniLMEmbedder
    from ingest.index import Embedders

    return Embedders(MiniLMEmbedder(), E5Embedder())


@pytest.fixture(scope="session")
def eval_data_dir(pytestconfig, tmp_path_factory) -> Path:
    chosen = pytestconfig.getoption("--eval-data-dir")
    return chosen.resolve() if chosen else tmp_path_factory.mktemp("eval-index")


@pytest.fixture(scope="session")
def eval_resources(eval_data_dir, embedders, generator_name):
    """Resources over an index of the real corpus (built, or reused when unchanged), with the chosen generator."""
    from assistant.retrieve import Resources
    from ingest.index import run

    if not (CORPUS_DIR / "SOURCES.md").is_file():
        pytest.fail(f"The corpus is missing at {CORPUS_DIR}; set ASSISTANT_CORPUS_DIR")
    env = {k: v for k, v in os.environ.items() if k in _GENERATOR_ENV}
    settings = Settings.from_env(env=env, data_dir=eval_data_dir, corpus_dir=CORPUS_DIR, progress=False,
                                 generator=generator_name)
    run(settings, embedders)
    return Resources.load(settings, dense=embedders.dense, multilingual=embedders.multilingual)


@pytest.fixture(scope="session")
def baseline(tmp_path_factory, embedders):
    """The common-way baseline over the same PDFs, in its own Chroma; embeddings cached across runs."""
    from evals.baseline import Baseline

    return Baseline.build(CORPUS_DIR, embedders.dense, tmp_path_factory.mktemp("baseline-chroma"))
