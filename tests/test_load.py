"""ingest.load: one tiny PDF per failure mode gets a clear reason; every real corpus page yields text."""
from __future__ import annotations

from pathlib import Path

import pytest

from assistant.catalog import load_catalog
from assistant.config import Settings
from ingest.load import ReadLimits, file_sha256, load_document
import pdf_factory

MAX_BYTES = 50 * 1024 * 1024
MAX_PAGES = 3000
REAL_PAGE_COUNTS = {
    "draft-national-ai-policy-2023": 41,
    "peca-2016-consolidated-2025": 39,
    "peca-amendment-act-2025": 18,
    "electronic-transactions-ordinance-2002": 25,
}


@pytest.fixture(scope="module")
def catalog():
    return {s.id: s for s in load_catalog(Settings.from_env(env={}))}


@pytest.fixture(scope="module")
def source(catalog):
    """Any catalog row will do for a bad file: the row only picks the extraction mode."""
    return catalog["electronic-transactions-ordinance-2002"]


def load(source, path: Path, max_bytes: int = MAX_BYTES, max_pages: int = MAX_PAGES):
    return load_document(source, path, ReadLimits(max_bytes, max_pages))


def test_a_hand_made_text_pdf_loads_with_its_text(tmp_path, source):
    doc = load(source, pdf_factory.text_pdf(tmp_path, pdf_factory.SAMPLE_PAGES))
    assert doc.error == "" and doc.problems == []
    assert doc.page_count == 2
    assert [p.number for p in doc.pages] == [1, 2]
    assert "Sample Act" in doc.pages[0].text and "representation of facts" in doc.pages[1].text


def test_password_protected_pdf_is_refused_as_encrypted(tmp_path, source):
    doc = load(source, pdf_factory.encrypted_pdf(tmp_path, password="secret"))
    assert "encrypted" in doc.error
    assert "save an unencrypted copy" in doc.error
    assert doc.pages == []


def test_pdf_encrypted_with_an_empty_password_opens(tmp_path, source):
    """Many 'protected' official PDFs only restrict printing; they must still be indexed."""
    doc = load(source, pdf_factory.encrypted_pdf(tmp_path, password=""))
    assert doc.error == ""
    assert len(doc.pages) == 2


def test_scanned_pdf_says_which_pages_need_ocr(tmp_path, source):
    doc = load(source, pdf_factory.scanned_pdf(tmp_path, pages=3))
    assert doc.error == "no text layer on pages 1-3, OCR needed"
    assert [p.page for p in doc.problems] == [1, 2, 3]
    assert doc.page_count == 3


def test_one_blank_page_is_a_page_problem_not_a_file_error(tmp_path, source):
    doc = load(source, pdf_factory.partly_scanned_pdf(tmp_path))
    assert doc.error == ""
    assert [p.number for p in doc.pages] == [1, 3]
    assert [(p.page, "OCR needed" in p.reason) for p in doc.problems] == [(2, True)]


@pytest.mark.parametrize("doc_id", sorted(REAL_PAGE_COUNTS))
def test_truncated_real_pdf_is_reported_as_truncated_or_corrupt(tmp_path, corpus_dir, catalog, doc_id):
    real = corpus_dir / catalog[doc_id].file
    doc = load(catalog[doc_id], pdf_factory.truncated_pdf(tmp_path, real))
    assert "truncated or corrupt" in doc.error
    assert doc.pages == []


def test_html_saved_as_pdf_is_not_a_pdf(tmp_path, source):
    doc = load(source, pdf_factory.not_a_pdf(tmp_path))
    assert doc.error.startswith("not a PDF")
    assert doc.sha256 == ""  # refused before reading the whole file


def test_zero_byte_file_is_empty(tmp_path, source):
    doc = load(source, pdf_factory.empty_file(tmp_path))
    assert "empty" in doc.error and "0 bytes" in doc.error


def test_pdf_with_an_empty_page_tree_has_no_pages(tmp_path, source):
    doc = load(source, pdf_factory.zero_page_pdf(tmp_path))
    assert "no pages" in doc.error
    assert doc.page_count == 0


def test_duplicate_loads_with_the_same_sha256_as_its_original(tmp_path, corpus_dir, source):
    """Duplicates are refused by the indexer, which compares these hashes (see test_ingest)."""
    original = corpus_dir / source.file
    doc = load(source, pdf_factory.duplicate_pdf(tmp_path, original))
    assert doc.error == ""
    assert doc.sha256 == file_sha256(original) == source.sha256


def test_file_over_the_size_limit_is_refused_with_the_limit(corpus_dir, source):
    doc = load(source, corpus_dir / source.file, max_bytes=10_000)
    assert "over the" in doc.error and "MB limit" in doc.error


def test_file_over_the_page_limit_is_refused_with_the_limit(corpus_dir, source):
    doc = load(source, corpus_dir / source.file, max_pages=10)
    assert doc.error == "25 pages, over the 10-page limit"


def test_missing_file_gives_a_clear_error(tmp_path, source):
    missing = tmp_path / "nowhere.pdf"
    doc = load(source, missing)
    assert doc.error == f"cannot read {missing}: No such file or directory"


def test_directory_passed_as_a_file_gives_a_clear_error(tmp_path, source):
    """Running as root, chmod 000 does not stop reads; a directory is an unreadable 'file' for anyone."""
    folder = tmp_path / "folder.pdf"
    folder.mkdir()
    doc = load(source, folder)
    assert doc.error == f"cannot read {folder}: Is a directory"


@pytest.mark.parametrize("doc_id", sorted(REAL_PAGE_COUNTS))
def test_every_page_of_the_real_corpus_yields_text(corpus_dir, catalog, doc_id):
    source = catalog[doc_id]
    doc = load(source, corpus_dir / source.file)
    assert doc.error == "" and doc.problems == []
    assert doc.page_count == REAL_PAGE_COUNTS[doc_id]
    assert [p.number for p in doc.pages] == list(range(1, doc.page_count + 1))
    assert all(len(p.text.split()) >= 5 for p in doc.pages), [p.number for p in doc.pages if len(p.text.split()) < 5]
    assert doc.sha256 == source.sha256


def test_amendment_act_needs_layout_mode_to_read_whole_words(corpus_dir, catalog):
    """The Gazette copy was printed to PDF: plain extraction splits words, the catalog says layout."""
    source = catalog["peca-amendment-act-2025"]
    assert source.extraction_mode == "layout"
    doc = load(source, corpus_dir / source.file)
    page_13 = doc.pages[12].text
    assert "SOCIAL MEDIA PROTECTION TRIBUNAL" in page_13
    assert "Tribunals" in page_13
