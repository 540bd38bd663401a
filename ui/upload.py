"""Add an uploaded PDF to this deployment's index through `python -m ingest add`, in a child process.

The child runs the same code path as the command line: the file is read and checked before anything
is written, a broken or scanned file is refused with its reason, and a new index generation is
switched in only when the build finished, so the running app's index is never damaged. A child
process also keeps the app free of the ingest package (STYLE rule 1) and of a crash in a PDF parser.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from assistant.catalog import make_document_id
from assistant.config import PROJECT_ROOT, Settings

# Milestones the child logs on stderr, with the share of the work done when each appears.
_STAGES = (
    ("Loading embedding model", 0.15, "Loading the embedding model"),
    ("Loading multilingual", 0.3, "Loading the multilingual model"),
    ("Reading", 0.45, "Reading the PDF"),
    ("Embedding", 0.6, "Embedding the passages"),
    ("Activated", 0.9, "Switching to the new index"),
)
_TIMEOUT_S = 1800


@dataclass(frozen=True)
class UploadResult:
    """What happened to an upload: ok, the new document id, a message for the user, the child's log."""

    ok: bool
    doc_id: str
    message: str
    log: tuple[str, ...] = field(default=(), repr=False)


def document_id(file_name: str) -> str:
    """The catalog id for an uploaded file: lower-case words of its name, prefixed `user-`."""
    return make_document_id(file_name, prefix="user-")


def validate_upload(file_name: str, data: bytes, settings: Settings) -> str:
    """Why this upload cannot be added ('' when it can): type, emptiness and size are checked first."""
    if not file_name.lower().endswith(".pdf"):
        return f"{file_name} is not a PDF file. Only .pdf files can be added."
    if not data:
        return f"{file_name} is empty (0 bytes)."
    if len(data) > settings.max_pdf_bytes:
        return f"{file_name} is {_size(len(data))}; the limit is {_size(settings.max_pdf_bytes)}."
    if b"%PDF-" not in data[:1024]:
        return f"{file_name} does not start like a PDF (no %PDF- header); it may be another file type renamed."
    return ""


def _size(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MB" if n >= 100 * 1024 else f"{n / 1024:.0f} KB"


def ingest_upload(file_name: str, data: bytes, title: str, settings: Settings,
                  on_progress: Callable[[float, str], None] = lambda share, text: None) -> UploadResult:
    """Validate, then run `python -m ingest add` on a temporary copy; reports progress as (share, text)."""
    doc_id = document_id(file_name)
    problem = validate_upload(file_name, data, settings)
    if problem:
        return UploadResult(False, doc_id, problem)
    title = " ".join(title.split())[:200] or Path(file_name).stem
    workdir = Path(tempfile.mkdtemp(prefix="upload-"))
    try:
        path = workdir / f"{doc_id}.pdf"
        path.write_bytes(data)
        on_progress(0.05, "Starting the indexer")
        code, stdout, log = _run_child(_command(path, doc_id, title, settings), on_progress)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    errors = [line.removeprefix("Error:").strip() for line in log if line.startswith("Error:")]
    if errors:
        return UploadResult(False, doc_id, errors[-1].replace(str(path), file_name), tuple(log))
    if code not in (0, 1):
        return UploadResult(False, doc_id, f"The indexer stopped unexpectedly (exit code {code}); the index is unchanged.",
                            tuple(log))
    warnings = [line.strip(" !") for line in stdout.splitlines() if line.strip().startswith("!")]
    note = f" Some pages were skipped: {'; '.join(warnings[:3])}" if warnings else ""
    on_progress(1.0, "Done")
    return UploadResult(True, doc_id, f"Added “{title}” to the index as {doc_id}.{note}", tuple(log))


def _command(path: Path, doc_id: str, title: str, settings: Settings) -> list[str]:
    return [sys.executable, "-m", "ingest", "--no-progress", "--data-dir", str(settings.data_dir),
            "--corpus-dir", str(settings.corpus_dir), "add", str(path), "--title", title, "--id", doc_id]


def _run_child(command: list[str], on_progress: Callable[[float, str], None]) -> tuple[int, str, list[str]]:
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "PYTHONUNBUFFERED": "1"}
    with tempfile.TemporaryFile(mode="w+", encoding="utf-8") as stdout:
        child = subprocess.Popen(command, cwd=PROJECT_ROOT, env=env, stdout=stdout, stderr=subprocess.PIPE,
                                 text=True, encoding="utf-8", errors="replace")
        log: list[str] = []
        assert child.stderr is not None
        for line in child.stderr:
            line = line.rstrip()
            log.append(line)
            for marker, share, text in _STAGES:
                if marker in line:
                    on_progress(share, text)
        code = child.wait(timeout=_TIMEOUT_S)
        stdout.seek(0)
        return code, stdout.read(), log
