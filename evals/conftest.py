"""Fixtures for `pytest evals/`: the real models and one index over the real corpus, built once.

Duplicates the two fixtures of tests/conftest.py on purpose: evals/ must not depend on tests/.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from assistant.config import PROJECT_ROOT, Settings

CORPUS_DIR = Path(os.environ.get("ASSISTANT_CORPUS_DIR") or PROJECT_ROOT.parent / "shared" / "corpus")


@pytest.fixture(scope="session")
def embedders():
    from assistant.embed import E5Embedder, MiniLMEmbedder
    from ingest.index import Embedders

    return Embedders(MiniLMEmbedder(), E5Embedder())


@pytest.fixture(scope="session")
def eval_resources(tmp_path_factory, embedders):
    """Resources over a fresh index of the real corpus in a temporary data dir."""
    from assistant.retrieve import Resources
    from ingest.index import run

    if not (CORPUS_DIR / "SOURCES.md").is_file():
        pytest.fail(f"The corpus is missing at {CORPUS_DIR}; set ASSISTANT_CORPUS_DIR")
    data_dir = tmp_path_factory.mktemp("eval-index")
    settings = Settings.from_env(env={}, data_dir=data_dir, corpus_dir=CORPUS_DIR, progress=False)
    run(settings, embedders)
    return Resources.load(settings, dense=embedders.dense, multilingual=embedders.multilingual)
