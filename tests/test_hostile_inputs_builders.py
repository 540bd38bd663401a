"""The hostile-input builders make what they claim: unique kinds, small files, real traps, findable markers."""
from __future__ import annotations

import io
import re
import time
import zlib

import pytest
from pypdf import PdfReader
from pypdf.errors import FileNotDecryptedError, LimitReachedError, PdfReadError

from hostile_inputs import HOSTILE_QUESTIONS, INJECTED_MARKERS, NAMED_UPLOADS, URDU_INJECTION_LINES, hostile_files

FILES = {file.kind: file for file in hostile_files()}
INJECTIONS = [kind for kind, file in FILES.items() if file.injection]
HARMLESS_READABLE = [kind for kind, file in FILES.items() if file.readable and not file.injection]
MAX_BYTES = 3 * 1024 * 1024
# Files a correct reader repairs but pypdf 7.1 refuses; the test below checks the rest really give text.
PYPDF_CANNOT_REPAIR = {"missing-xref-trailer": "pypdf does not rebuild a file with no xref, trailer or startxref"}


def pdf_strings(data: bytes) -> str:
    """Everything a pipeline might show from a PDF: page-1 text, Info metadata and annotation /Contents."""
    reader = PdfReader(io.BytesIO(data))
    page = reader.pages[0]
    parts = [page.extract_text()]
    parts += [str(value) for value in (reader.metadata or {}).values()]
    parts += [str(annotation.get_object().get("/Contents", "")) for annotation in page.get("/Annots", [])]
    return "\n".join(parts)


def test_every_kind_is_unique_and_there_are_enough_files_and_questions():
    files = hostile_files()
    assert len({file.kind for file in files}) == len(files) >= 45
    assert len(HOSTILE_QUESTIONS) >= 32


def test_building_every_file_takes_under_five_seconds():
    started = time.perf_counter()
    hostile_files()
    assert time.perf_counter() - started < 5


@pytest.mark.parametrize("kind", FILES)
def test_every_file_is_under_3_mb(kind):
    assert len(FILES[kind].data) < MAX_BYTES


def test_every_file_has_its_own_bytes():
    """An upload store that drops duplicates by sha256 must still see each hostile file."""
    assert len({file.data for file in FILES.values()}) == len(FILES)


@pytest.mark.parametrize("kind", INJECTIONS)
def test_injection_files_are_readable_and_carry_a_marker(kind):
    shown = pdf_strings(FILES[kind].data)
    assert FILES[kind].readable
    assert any(marker in shown for marker in INJECTED_MARKERS), shown


@pytest.mark.parametrize("kind", [k for k in HARMLESS_READABLE if k not in PYPDF_CANNOT_REPAIR])
def test_harmless_readable_files_give_pypdf_their_text_and_no_marker(kind):
    """Also proves the hand-built layouts (xref streams, incremental updates, odd trees) are well formed."""
    shown = pdf_strings(FILES[kind].data)
    assert "Sample Data Rules 2026" in shown or "Duplicate A" in shown
    assert not any(marker in shown for marker in INJECTED_MARKERS)


def test_incremental_update_replaces_the_page_text():
    text = PdfReader(io.BytesIO(FILES["incremental-update"].data)).pages[0].extract_text()
    assert "Version B" in text and "Version A" not in text


def test_urdu_injection_comes_out_of_pypdf_in_logical_order():
    text = PdfReader(io.BytesIO(FILES["injection-urdu-script"].data)).pages[0].extract_text()
    assert all(line in text for line in URDU_INJECTION_LINES), text


def test_owner_only_encryption_opens_without_a_password_and_user_password_does_not():
    owner_only = PdfReader(io.BytesIO(FILES["encrypted-owner-only"].data))
    assert owner_only.is_encrypted and "encrypted-owner-only" in owner_only.pages[0].extract_text()
    with pytest.raises(FileNotDecryptedError):
        PdfReader(io.BytesIO(FILES["encrypted-user-password"].data)).pages[0].extract_text()


def read_everything(data: bytes) -> None:
    reader = PdfReader(io.BytesIO(data))
    for page in reader.pages:
        page.extract_text()


@pytest.mark.parametrize("kind", ["deep-page-tree", "cyclic-page-tree-self", "cyclic-page-tree-parent"])
def test_page_tree_traps_make_pypdf_raise(kind):
    with pytest.raises((LimitReachedError, RecursionError, PdfReadError)):
        read_everything(FILES[kind].data)


def bomb_stream(data: bytes) -> tuple[bytes, int]:
    """The flate bomb's raw (compressed) stream bytes and its declared /DL."""
    declared = int(re.search(rb"/DL (\d+)", data)[1])
    length = int(re.search(rb"/Length (\d+) /Filter /FlateDecode", data)[1])
    start = data.index(b"stream\n", data.index(b"/Filter /FlateDecode")) + len(b"stream\n")
    return data[start:start + length], declared


def test_flate_bomb_is_small_but_inflates_past_500_mb():
    """Inflates only the first 4 MB and extrapolates from the input that took."""
    compressed, declared = bomb_stream(FILES["flate-bomb"].data)
    inflater = zlib.decompressobj()
    head = inflater.decompress(compressed, 4 << 20)
    consumed = len(compressed) - len(inflater.unconsumed_tail)
    assert len(compressed) < MAX_BYTES and declared > 500_000_000
    assert len(head) == 4 << 20 and not head.strip(b"\x00")
    assert len(head) / consumed * len(compressed) > 500_000_000


def test_named_uploads_keep_their_odd_names():
    names = {FILES[kind].file_name for kind, _ in NAMED_UPLOADS}
    assert {len(FILES["name-200-chars"].file_name), len(FILES["name-1000-chars"].file_name)} == {200, 1000}
    assert {".pdf", "CON.pdf", "../../etc/passwd.pdf", "peca-2016-consolidated-2025.pdf"} <= names
    assert "\x00" in FILES["name-control-chars"].file_name and "\n" in FILES["name-toml-breaking"].file_name


def test_non_pdf_files_are_what_their_kind_says():
    assert FILES["zero-byte"].data == b"" and FILES["header-only"].data.strip() == b"%PDF-1.7"
    assert FILES["zip-renamed"].data.startswith(b"PK\x03\x04")
    assert FILES["png-renamed"].data.startswith(b"\x89PNG\r\n\x1a\n")
    assert FILES["html-renamed"].data.startswith(b"<!DOCTYPE html>")


def test_hostile_questions_include_the_degenerate_ones():
    assert "" in HOSTILE_QUESTIONS
    assert any(q and not q.strip() for q in HOSTILE_QUESTIONS)
    assert any(len(q) == 20_000 for q in HOSTILE_QUESTIONS)
    assert any("\x00" in q for q in HOSTILE_QUESTIONS)
    assert any(len(q.split()) >= 5000 for q in HOSTILE_QUESTIONS)
