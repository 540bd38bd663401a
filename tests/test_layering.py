"""Data flows one way (STYLE rule 1): parse every import and fail on a back-edge."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

from assistant.config import PROJECT_ROOT

# The index's two stores (chunks in Chroma, passage-sentence vectors in files) are written by ingest, read by
# answering; everything else in assistant/ is downstream of the index.
INGEST_MAY_USE = {"assistant", "assistant.types", "assistant.config", "assistant.errors", "assistant.catalog",
                  "assistant.embed", "assistant.store", "assistant.sentence_vectors", "assistant.language"}


def python_files() -> list[Path]:
    files = [p for package in ("assistant", "ingest", "evals", "ui") for p in sorted((PROJECT_ROOT / package).rglob("*.py"))]
    return files + [PROJECT_ROOT / "app.py"]


def imports_of(path: Path) -> set[str]:
    """Absolute module names a file imports, including `from x import y` as x and x.y."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            if node.module == "assistant":
                names.update(f"assistant.{alias.name}" for alias in node.names)
    return names


def top(name: str) -> str:
    return name.split(".")[0]


def rel(path: Path) -> str:
    return path.relative_to(PROJECT_ROOT).as_posix()


FILES = python_files()


def test_the_scan_sees_every_layer():
    layers = {rel(p).split("/")[0] for p in FILES}
    assert {"assistant", "ingest", "evals", "ui", "app.py"} <= layers
    assert any(rel(p) == "assistant/answer.py" for p in FILES)


@pytest.mark.parametrize("path", [p for p in FILES if rel(p).startswith("assistant/")], ids=rel)
def test_assistant_imports_no_later_layer(path):
    bad = sorted(n for n in imports_of(path) if top(n) in ("ingest", "evals", "app"))
    assert not bad, f"{rel(path)} imports {bad}"


@pytest.mark.parametrize("path", [p for p in FILES if rel(p).startswith("ingest/")], ids=rel)
def test_ingest_uses_only_the_shared_core_of_assistant(path):
    names = imports_of(path)
    bad = sorted(n for n in names if top(n) == "assistant" and n not in INGEST_MAY_USE)
    bad += sorted(n for n in names if top(n) in ("evals", "app"))
    assert not bad, f"{rel(path)} imports {bad}; ingest may use only {sorted(INGEST_MAY_USE)}"


@pytest.mark.parametrize("path", FILES, ids=rel)
def test_only_ingest_and_benchmarks_import_ingest(path):
    name = rel(path)
    base = Path(name).name
    # evals/conftest.py and evals/test_*.py are pytest files: tests may build an index.
    if name.startswith("ingest/") or (name.startswith("evals/") and base.startswith(("bench", "test_", "conftest"))):
        return
    bad = sorted(n for n in imports_of(path) if top(n) == "ingest")
    assert not bad, f"{name} imports {bad}; only ingest/, evals/bench* and tests may"


def test_the_checker_catches_a_back_edge(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text("import os\nfrom ingest.index import run\nfrom assistant import retrieve\nfrom . import x\n")
    assert imports_of(sample) == {"os", "ingest.index", "assistant", "assistant.retrieve"}
