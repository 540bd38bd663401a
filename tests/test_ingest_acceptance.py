"""Acceptance checks for ingestion over the real corpus, the real models and a real Chroma store."""
from __future__ import annotations

import shutil

import pytest

from assistant.config import Settings
from assistant.errors import IndexMismatch, IndexMissing
from assistant.store import IndexStore, make_client
from ingest.index import run
from ingest.load import ReadLimits, load_document
from assistant.catalog import load_catalog

EXPECTED_SECTIONS = [
    ("draft-national-ai-policy-2023", "3.1", 8),
    ("draft-national-ai-policy-2023", "4.1.1", 16),
    ("draft-national-ai-policy-2023", "4.1.2", 17),
    ("peca-2016-consolidated-2025", "3", 19),
    ("peca-2016-consolidated-2025", "20", 21),
    ("peca-2016-consolidated-2025", "26A", 25),
    ("peca-amendment-act-2025", "Chapter IC", 13),
    ("electronic-transactions-ordinance-2002", "18", 11),
]

pytestmark = pytest.mark.integration


def _store(settings: Settings) -> IndexStore:
    return IndexStore(make_client(settings), settings)


def test_all_four_documents_are_indexed_with_every_page_readable(built_index):
    _, report = built_index
    assert report.ok, [(d.doc_id, d.reason, d.skipped_pages) for d in report.documents]
    assert {d.doc_id: d.pages for d in report.documents} == {
        "draft-national-ai-policy-2023": 41, "peca-2016-consolidated-2025": 39,
        "peca-amendment-act-2025": 18, "electronic-transactions-ordinance-2002": 25,
    }
    assert all(d.chunks > 0 and d.sections > 0 for d in report.documents)


@pytest.mark.parametrize("doc_id,label,page", EXPECTED_SECTIONS)
def test_named_sections_are_found_on_their_pdf_page(built_index, doc_id, label, page):
    settings, _ = built_index
    sections = {(s.doc_id, s.label): s for s in _store(settings).sections(doc_id)}
    assert (doc_id, label) in sections
    assert sections[(doc_id, label)].page_start == page


def test_chunks_fit_the_embedding_model_and_keep_provenance(built_index, embedders):
    settings, _ = built_index
    chunks = _store(settings).all_chunks()
    longest = max(embedders.dense.count_tokens(c.embed_text) for c in chunks)
    assert longest <= embedders.dense.max_tokens
    assert all(c.page_start >= 1 and c.page_end >= c.page_start and c.doc_id for c in chunks)
    assert len({c.id for c in chunks}) == len(chunks)
    draft = [c for c in chunks if c.doc_id == "draft-national-ai-policy-2023"]
    assert {c.doc_status.value for c in draft} == {"draft"}


def test_rerun_over_unchanged_corpus_is_a_noop(built_index, embedders):
    settings, first = built_index
    again = run(settings, embedders)
    assert again.noop
    assert again.totals["embedded"] == 0
    assert again.generation == first.generation


def test_opening_with_another_model_says_to_rebuild(built_index):
    settings, _ = built_index
    with pytest.raises(IndexMismatch, match="python -m ingest --rebuild"):
        _store(settings).check({"en": "some-other-model"})


def test_empty_data_dir_says_to_run_ingest(tmp_path):
    settings = Settings.from_env(env={}, data_dir=tmp_path / "nothing")
    with pytest.raises(IndexMissing, match="python -m ingest"):
        _store(settings).check({})


def test_bad_files_are_reported_and_the_previous_index_survives(tmp_path, corpus_dir, embedders):
    """A truncated PDF and a crash mid-build must not damage what was indexed before."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    eto = "electronic-transactions-ordinance-2002.pdf"
    shutil.copyfile(corpus_dir / eto, corpus / eto)
    catalog = tmp_path / "catalog.toml"
    original = (Settings().catalog_path).read_text(encoding="utf-8")
    # Only the ETO is available in this small catalog, so the build stays fast.
    catalog.write_text(original.replace("available = true", "available = false").replace(
        'file = "electronic-transactions-ordinance-2002.pdf"\navailable = false',
        'file = "electronic-transactions-ordinance-2002.pdf"\navailable = true'), encoding="utf-8")
    settings = Settings.from_env(env={}, data_dir=tmp_path / "data", corpus_dir=corpus, catalog_path=catalog,
                                 progress=False, multilingual=False)
    first = run(settings, type(embedders)(embedders.dense))
    assert first.ok and first.totals["chunks"] > 0
    # Corrupt the file: the old version must stay indexed and the run must say why.
    data = (corpus / eto).read_bytes()
    (corpus / eto).write_bytes(data[: len(data) // 3])
    second = run(settings, type(embedders)(embedders.dense))
    assert not second.ok
    assert second.documents[0].status == "kept previous"
    assert "changed file" in second.documents[0].reason or "corrupt" in second.documents[0].reason
    assert len(_store(settings).all_chunks()) == first.totals["chunks"]


def test_broken_inputs_get_clear_reasons(tmp_path):
    source = next(s for s in load_catalog(Settings()) if s.id == "electronic-transactions-ordinance-2002")
    cases = {
        "empty.pdf": (b"", "empty"),
        "page.pdf": (b"<html>not a pdf</html>", "not a PDF"),
        "broken.pdf": (b"%PDF-1.4\n1 0 obj << /Type /Catalog >>\n", "truncated or corrupt"),
    }
    for name, (content, expected) in cases.items():
        path = tmp_path / name
        path.write_bytes(content)
        result = load_document(source, path, ReadLimits(10_000_000, 100))
        assert expected in result.error, (name, result.error)
