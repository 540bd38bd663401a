"""PDF -> list[Page] with pypdf, one document at a time, failing per file and per page."""
from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass, field
from pathlib import Path

from assistant.config import Settings
from ingest.deadline import Overtime, time_limit
from assistant.types import Page, Source

log = logging.getLogger(__name__)

_PDF_MAGIC = b"%PDF-"


@dataclass(frozen=True)
class PageProblem:
    """A page that gave no usable text, and why."""

    page: int
    reason: str


@dataclass(frozen=True)
class LoadedDocument:
    """Raw page texts of one file, or the reason the whole file could not be read."""

    source: Source
    path: Path
    sha256: str
    pages: list[Page] = field(default_factory=list)
    problems: list[PageProblem] = field(default_factory=list)
    error: str = ""
    page_count: int = 0


def file_sha256(path: Path) -> str:
    """Hex sha256 of a file, read in blocks."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def check_pdf_file(path: Path, max_bytes: int) -> str:
    """Empty string if the file looks like a PDF we may read, else the reason it is refused."""
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(1024)
    except PermissionError:
        return f"cannot read {path}: permission denied"
    except OSError as exc:
        return f"cannot read {path}: {exc.strerror or exc}"
    if size == 0:
        return "the file is empty (0 bytes)"
    if size > max_bytes:
        return f"the file is {size / 1e6:.1f} MB, over the {max_bytes / 1e6:.0f} MB limit"
    if _PDF_MAGIC not in head:
        return "not a PDF (no %PDF- header); only PDF files can be indexed"
    return ""


@dataclass(frozen=True)
class ReadLimits:
    """Bounds on the work one file may cost; a file over any of them is refused with the reason."""

    max_bytes: int
    max_pages: int
    max_chars: int = 5_000_000
    max_seconds: float = 120.0


def read_limits(settings: Settings) -> ReadLimits:
    """The per-file limits this deployment set (ASSISTANT_MAX_PDF_*)."""
    return ReadLimits(settings.max_pdf_bytes, settings.max_pdf_pages, settings.max_pdf_chars, settings.max_pdf_seconds)


def load_document(source: Source, path: Path, limits: ReadLimits) -> LoadedDocument:
    """Extract every page's text; the mode (plain/layout) comes from the catalog.

    Whatever the file holds, the result is a LoadedDocument: a file pypdf cannot parse, one that
    nests or loops without end, or one over the limits gets `error` set to a one-line reason.
    """
    refusal = check_pdf_file(path, limits.max_bytes)
    if refusal:
        return LoadedDocument(source, path, "", error=refusal)
    sha = file_sha256(path)
    try:
        with time_limit(limits.max_seconds):
            return _read(source, path, sha, limits)
    except Overtime:
        return LoadedDocument(source, path, sha, error=f"reading took over {limits.max_seconds:.0f} s, the limit "
                                                        f"for one file; it was stopped")
    except PermissionError as exc:
        return LoadedDocument(source, path, sha, error=f"the PDF is {exc}; save an unencrypted copy and add that")
    except (Exception, RecursionError) as exc:  # pypdf raises many types on hostile files; each is a per-file failure
        return LoadedDocument(source, path, sha, error=_describe_open_error(exc))


def _read(source: Source, path: Path, sha: str, limits: ReadLimits) -> LoadedDocument:
    reader = _open_reader(path)
    page_count = len(reader.pages)
    if page_count == 0:
        return LoadedDocument(source, path, sha, error="the PDF has no pages")
    if page_count > limits.max_pages:
        return LoadedDocument(source, path, sha, error=f"{page_count} pages, over the {limits.max_pages}-page limit")
    pages, problems = _extract_pages(reader, source, page_count)
    chars = sum(len(page.text) for page in pages)
    if chars > limits.max_chars:
        return LoadedDocument(source, path, sha, error=f"{chars:,} characters of text, over the "
                                                        f"{limits.max_chars:,}-character limit for one file")
    error = ""
    if not pages:
        error = f"no text layer on pages {_ranges([p.page for p in problems])}, OCR needed"
    return LoadedDocument(source, path, sha, pages, problems, error, page_count)


def _open_reader(path: Path):
    from pypdf import PdfReader

    reader = PdfReader(str(path))
    if reader.is_encrypted:
        # Many "protected" PDFs use an empty user password and open fine.
        try:
            opened = reader.decrypt("")
        except Exception as exc:
            raise PermissionError(f"encrypted ({exc})") from exc
        if not opened:
            raise PermissionError("encrypted with a password")
    return reader


def _describe_open_error(exc: BaseException) -> str:
    name = type(exc).__name__
    detail = " ".join(str(exc).split())[:160]
    return f"cannot be read as a PDF ({name}: {detail}); the file may be truncated or corrupt"


def _extract_pages(reader, source: Source, page_count: int) -> tuple[list[Page], list[PageProblem]]:
    pages: list[Page] = []
    problems: list[PageProblem] = []
    mode = "layout" if source.extraction_mode == "layout" else "plain"
    for number in range(1, page_count + 1):
        try:
            text = reader.pages[number - 1].extract_text(extraction_mode=mode) or ""
        except (Exception, RecursionError) as exc:
            problems.append(PageProblem(number, f"text extraction failed ({type(exc).__name__})"))
            continue
        text = _storable(text)
        if not text.strip():
            problems.append(PageProblem(number, "no text layer (scanned image?), OCR needed"))
            continue
        pages.append(Page(source_id=source.id, number=number, text=text))
    return pages, problems


def _storable(text: str) -> str:
    """Text every later stage can encode: a broken font map yields lone surrogates and NULs, which UTF-8,
    JSON and SQLite refuse."""
    return "".join(" " if ch == "\x00" or "\ud800" <= ch <= "\udfff" else ch for ch in text)


def _ranges(numbers: list[int]) -> str:
    """'1-3, 7' for [1, 2, 3, 7]."""
    out: list[tuple[int, int]] = []
    for n in sorted(numbers):
        if out and out[-1][1] == n - 1:
            out[-1] = (out[-1][0], n)
        else:
            out.append((n, n))
    return ", ".join(f"{a}-{b}" if a != b else str(a) for a, b in out)
