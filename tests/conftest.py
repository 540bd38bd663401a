"""Shared fixtures: an isolated data dir per test; the real models and one real index per session."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from assistant.config import PROJECT_ROOT, Settings

CORPUS_DIR = Path(os.environ.get("ASSISTANT_CORPUS_DIR") or PROJECT_ROOT.parent / "shared" / "corpus")


@pytest.fixture(autouse=True)
def isolated_data_dir(tmp_path, monkeypatch):
    """Every test gets its own ASSISTANT_DATA_DIR so nothing touches a real index."""
    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("ASSISTANT_PROGRESS", "0")
    return tmp_path / "data"


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    if not (CORPUS_DIR / "SOURCES.md").is_file():
        pytest.fail(f"The corpus is missing at {CORPUS_DIR}; tests need ../shared/corpus or ASSISTANT_CORPUS_DIR")
    return CORPUS_DIR


@pytest.fixture(scope="session")
def embedders():
    """The real models, loaded once per test session."""
    from assistant.embed import E5Embedder, MiniLMEmbedder
    from ingest.index import Embedders

    return Embedders(MiniLMEmbedder(), E5Embedder())


@pytest.fixture(scope="session")
def built_index(tmp_path_factory, corpus_dir, embedders):
    """A real Chroma index over the real corpus, built once: (settings, report)."""
    from ingest.index import run

    data_dir = tmp_path_factory.mktemp("index-data")
    settings = Settings.from_env(env={}, data_dir=data_dir, corpus_dir=corpus_dir, progress=False)
    report = run(settings, embedders)
    return settings, report


@pytest.fixture
def corpus_copy(tmp_path, corpus_dir) -> Path:
    """A writable copy of the corpus for tests that change files."""
    target = tmp_path / "corpus"
    target.mkdir()
    for pdf in corpus_dir.glob("*.pdf"):
        shutil.copyfile(pdf, target / pdf.name)
    return target


@pytest.fixture(scope="session")
def resources(built_index, embedders):
    """Resources over the session index, loaded once and shared by the answer/reference tests."""
    from assistant.retrieve import Resources

    settings, _ = built_index
    return Resources.load(settings, dense=embedders.dense, multilingual=embedders.multilingual)
