"""Upload checks that run before the indexer is started."""
from __future__ import annotations

from assistant.config import Settings
from ui.upload import document_id, validate_upload


def settings(tmp_path) -> Settings:
    return Settings.from_env(env={}, data_dir=tmp_path, max_pdf_bytes=1024)


def test_only_pdf_files_within_the_size_limit_are_accepted(tmp_path):
    s = settings(tmp_path)
    assert validate_upload("rules.pdf", b"%PDF-1.4\n...", s) == ""
    assert validate_upload("rules.docx", b"%PDF-1.4", s) == "rules.docx is not a PDF file. Only .pdf files can be added."
    assert validate_upload("rules.pdf", b"", s) == "rules.pdf is empty (0 bytes)."
    assert validate_upload("big.pdf", b"%PDF-" + b"x" * 2048, s) == "big.pdf is 2 KB; the limit is 1 KB."
    assert "no %PDF- header" in validate_upload("fake.pdf", b"PK\x03\x04 zip", s)


def test_document_ids_are_safe_catalog_ids():
    assert document_id("Data Rules (2026) FINAL.pdf") == "user-data-rules-2026-final"
    assert document_id("....pdf").startswith("user-document-")
