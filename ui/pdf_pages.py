"""A cited PDF page as a PNG (pypdfium2), with the cited words highlighted where they are on the page."""
from __future__ import annotations

import io
import re
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from assistant.config import Settings
from assistant.errors import AssistantError
from assistant.types import Source

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
# Phrases are looked for in windows of this many words: short enough to survive a line break or a
# footnote marker inside the passage, long enough not to match common words elsewhere on the page.
_WINDOW = 4
_HIGHLIGHT = (255, 214, 0, 105)
# pdfium is not thread-safe; Streamlit serves sessions from several threads.
_PDFIUM_LOCK = threading.Lock()


@dataclass(frozen=True)
class PageImage:
    """One rendered page: PNG bytes, how many pages the file has, how many boxes were highlighted."""

    png: bytes
    page: int
    page_count: int
    highlighted: int


def pdf_path(source: Source, settings: Settings) -> Path:
    """Where a catalog document's PDF is: the corpus dir, the downloads, or the user's added documents."""
    for folder in (settings.corpus_dir, settings.downloads_dir, settings.user_docs_dir):
        candidate = folder / source.file
        if source.file and candidate.is_file():
            return candidate
    raise AssistantError(f"The PDF of {source.short_name} ({source.file}) is not in {settings.corpus_dir}. "
                         f"Set ASSISTANT_CORPUS_DIR or run: python -m ingest --download")


def phrase_windows(phrases: Sequence[str]) -> list[list[str]]:
    """Word windows to look for on the page: whole short phrases, longer ones cut into overlapping windows."""
    windows: list[list[str]] = []
    for phrase in phrases:
        words = [w.lower() for w in _WORD.findall(phrase)]
        if len(words) < 2:
            continue  # a lone word would light up every place it occurs on the page
        if len(words) <= _WINDOW:
            windows.append(words)
        else:
            windows += [words[i:i + _WINDOW] for i in range(0, len(words) - _WINDOW + 1, 2)]
            windows.append(words[-_WINDOW:])
    return windows


def match_spans(page_text: str, windows: Sequence[Sequence[str]]) -> list[tuple[int, int]]:
    """(start, end) character ranges of page_text where each window's words occur in sequence."""
    found = [(m.group().lower(), m.start(), m.end()) for m in _WORD.finditer(page_text)]
    words = [w for w, _, _ in found]
    spans: list[tuple[int, int]] = []
    for window in windows:
        n = len(window)
        for i in range(len(words) - n + 1):
            if words[i:i + n] == list(window):
                spans.append((found[i][1], found[i + n - 1][2]))
    return _main_clusters(sorted(set(spans)))


def _main_clusters(spans: list[tuple[int, int]], gap: int = 40) -> list[tuple[int, int]]:
    """Keep the passage itself: the biggest runs of nearby matches, not a stray repeat of a phrase."""
    clusters: list[list[tuple[int, int]]] = []
    for span in spans:
        if clusters and span[0] <= clusters[-1][-1][1] + gap:
            clusters[-1].append(span)
        else:
            clusters.append([span])
    if not clusters:
        return []
    size = {id(c): max(e for _, e in c) - c[0][0] for c in clusters}
    biggest = max(size.values())
    return [span for c in clusters if size[id(c)] * 2 >= biggest for span in c]


def render_page(path: Path, page: int, phrases: Sequence[str] = (), fallback: Sequence[str] = (),
                scale: float = 1.6) -> PageImage:
    """Render 1-based `page` of the PDF, highlighting `phrases` (or, if none is found, `fallback`)."""
    import pypdfium2 as pdfium
    from PIL import Image, ImageDraw

    with _PDFIUM_LOCK:
        try:
            document = pdfium.PdfDocument(str(path))
        except Exception as exc:  # pdfium raises PdfiumError with a terse code
            raise AssistantError(f"Cannot open {path.name} to show the page ({exc}).") from exc
        try:
            count = len(document)
            if not 1 <= page <= count:
                raise AssistantError(f"{path.name} has {count} pages; page {page} does not exist.")
            pdf_page = document[page - 1]
            height = pdf_page.get_height()
            image = pdf_page.render(scale=scale).to_pil().convert("RGBA")
            boxes = _boxes(pdf_page, phrases) or _boxes(pdf_page, fallback)
        finally:
            document.close()
    overlay = Image.new("RGBA", image.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(overlay)
    for left, bottom, right, top in boxes:
        draw.rectangle([left * scale - 1, (height - top) * scale - 1, right * scale + 1, (height - bottom) * scale + 1],
                       fill=_HIGHLIGHT)
    out = io.BytesIO()
    Image.alpha_composite(image, overlay).convert("RGB").save(out, format="PNG", optimize=True)
    return PageImage(out.getvalue(), page, count, len(boxes))


def _boxes(pdf_page, phrases: Sequence[str]) -> list[tuple[float, float, float, float]]:
    """PDF-space rectangles (left, bottom, right, top) of the phrases found on the page."""
    if not phrases:
        return []
    text_page = pdf_page.get_textpage()
    try:
        # pdfium's character indices include the line breaks it generates, so positions in this
        # text are positions for count_rects/get_rect.
        text = text_page.get_text_range()
        boxes = []
        for start, end in match_spans(text, phrase_windows(phrases)):
            for i in range(text_page.count_rects(start, end - start)):
                boxes.append(text_page.get_rect(i))
        return boxes
    finally:
        text_page.close()
