"""Tiny PDFs, one per failure mode, written into a given directory (tests only).

Text pages are written by hand (a minimal PDF with a Helvetica content stream): reportlab is not a
dependency, and a hand-made file has exactly the text a test expects. Every other file is made with
pypdf's PdfWriter or from the bytes of a real corpus PDF.
"""
from __future__ import annotations

import io
import shutil
from pathlib import Path

from pypdf import PdfReader, PdfWriter

ETO_FILE = "electronic-transactions-ordinance-2002.pdf"


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def text_pdf_bytes(pages: list[list[str]]) -> bytes:
    """A valid PDF whose page n shows the lines pages[n] (Latin-1 text, Helvetica 11 pt)."""
    count = len(pages)
    font_id, pages_id = 3 + 2 * count, 2
    objects: dict[int, bytes] = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        font_id: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    }
    kids = []
    for n, lines in enumerate(pages):
        page_id, content_id = 3 + 2 * n, 4 + 2 * n
        kids.append(f"{page_id} 0 R")
        shown = " T* ".join(f"({_escape(line)}) Tj" for line in lines)
        stream = f"BT /F1 11 Tf 14 TL 72 740 Td {shown} ET".encode("latin-1")
        objects[content_id] = b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream)
        objects[page_id] = (
            f"<< /Type /Page /Parent {pages_id} 0 R /MediaBox [0 0 612 792] "
            f"/Resources << /Font << /F1 {font_id} 0 R >> >> /Contents {content_id} 0 R >>"
        ).encode()
    objects[pages_id] = f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {count} >>".encode()
    out = bytearray(b"%PDF-1.4\n")
    offsets = {}
    for number in sorted(objects):
        offsets[number] = len(out)
        out += b"%d 0 obj\n%s\nendobj\n" % (number, objects[number])
    xref = len(out)
    size = max(objects) + 1
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    out += b"".join(b"%010d 00000 n \n" % offsets[n] for n in range(1, size))
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (size, xref)
    return bytes(out)


def text_pdf(directory: Path, pages: list[list[str]], name: str = "text.pdf") -> Path:
    """A readable PDF with known text on every page."""
    path = directory / name
    path.write_bytes(text_pdf_bytes(pages))
    return path


SAMPLE_PAGES = [
    ["1. Short title.-(1) This Act may be called the Sample Act.", "(2) It extends to the whole of Pakistan."],
    ["2. Definitions.-In this Act, data means any representation of facts."],
]


def encrypted_pdf(directory: Path, password: str = "secret", name: str = "encrypted.pdf") -> Path:
    """A text PDF encrypted with a user password (PdfWriter.encrypt)."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(text_pdf_bytes(SAMPLE_PAGES))))
    writer.encrypt(password)  # RC4-128: AES would need the optional `cryptography` package
    path = directory / name
    writer.write(path)
    return path


def scanned_pdf(directory: Path, pages: int = 3, name: str = "scanned.pdf") -> Path:
    """Pages with no text layer at all, as a scan without OCR gives (PdfWriter.add_blank_page)."""
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    path = directory / name
    writer.write(path)
    return path


def partly_scanned_pdf(directory: Path, name: str = "partly-scanned.pdf") -> Path:
    """Page 1 has text, page 2 is blank (no text layer), page 3 has text."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(text_pdf_bytes(SAMPLE_PAGES))))
    writer.insert_blank_page(width=612, height=792, index=1)
    path = directory / name
    writer.write(path)
    return path


def truncated_pdf(directory: Path, real_pdf: Path, name: str = "truncated.pdf") -> Path:
    """The first half of a real PDF's bytes (an interrupted download)."""
    data = real_pdf.read_bytes()
    path = directory / name
    path.write_bytes(data[: len(data) // 2])
    return path


def not_a_pdf(directory: Path, name: str = "page.pdf") -> Path:
    """An HTML error page saved under a .pdf name."""
    path = directory / name
    path.write_text("<!DOCTYPE html><html><body><h1>404 Not Found</h1></body></html>\n", encoding="utf-8")
    return path


def empty_file(directory: Path, name: str = "empty.pdf") -> Path:
    """A 0-byte file."""
    path = directory / name
    path.write_bytes(b"")
    return path


def zero_page_pdf(directory: Path, name: str = "no-pages.pdf") -> Path:
    """A well-formed PDF whose page tree is empty (PdfWriter with no pages)."""
    path = directory / name
    PdfWriter().write(path)
    return path


def duplicate_pdf(directory: Path, real_pdf: Path, name: str = "copy.pdf") -> Path:
    """A byte-for-byte copy of a real PDF under another name."""
    path = directory / name
    shutil.copyfile(real_pdf, path)
    return path


def eto_excerpt(directory: Path, corpus_dir: Path, pages: tuple[int, ...] = (1, 2), name: str = "eto-excerpt.pdf") -> Path:
    """A new, smaller PDF made of some (1-based) pages of the real ETO: real text, a different sha256."""
    reader = PdfReader(corpus_dir / ETO_FILE)
    writer = PdfWriter()
    for number in pages:
        writer.add_page(reader.pages[number - 1])
    path = directory / name
    writer.write(path)
    return path
