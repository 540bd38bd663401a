"""ingest.index and `python -m ingest`: real models, real Chroma in tmp dirs, real PDFs.

Small builds index only the ETO (25 pages) with the dense model; the full corpus is the session index.
"""
from __future__ import annotations

import json
import shutil
import tomllib
from pathlib import Path

import pytest
import tomli_w

import ingest.__main__ as ingest_main
import ingest.index
import pdf_factory
from assistant.catalog import add_user_source, load_catalog
from assistant.config import Settings
from assistant.errors import IndexMismatch, IndexMissing
from assistant.store import IndexStore, make_client
from assistant.types import DocStatus, Source
from ingest.index import Embedders, run
from ingest.load import file_sha256

pytestmark = pytest.mark.integration

ETO = "electronic-transactions-ordinance-2002"
PAGES = {"draft-national-ai-policy-2023": 41, "peca-2016-consolidated-2025": 39, "peca-amendment-act-2025": 18, ETO: 25}


class Counting:
    """Passes calls to a real embedder and counts the passages it embeds."""

    def __init__(self, inner) -> None:
        self.inner, self.name, self.max_tokens, self.embedded = inner, inner.name, inner.max_tokens, 0

    def embed_passages(self, texts):
        self.embedded += len(texts)
        return self.inner.embed_passages(texts)

    def embed_query(self, text):
        return self.inner.embed_query(text)

    def count_tokens(self, text):
        return self.inner.count_tokens(text)


def small_settings(tmp_path: Path, corpus: Path, available: tuple[str, ...] = (ETO,)) -> Settings:
    """Settings over a catalog in which only `available` documents are to be indexed."""
    rows = tomllib.loads(Settings().catalog_path.read_text(encoding="utf-8"))["document"]
    for row in rows:
        row["available"] = row["id"] in available
    catalog = tmp_path / "catalog.toml"
    catalog.write_text(tomli_w.dumps({"document": rows}), encoding="utf-8")
    return Settings.from_env(env={}, data_dir=tmp_path / "data", corpus_dir=corpus, catalog_path=catalog,
                             progress=False, multilingual=False)


@pytest.fixture
def eto_corpus(tmp_path, corpus_dir) -> Path:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copyfile(corpus_dir / f"{ETO}.pdf", corpus / f"{ETO}.pdf")
    return corpus


@pytest.fixture
def dense(embedders) -> Embedders:
    return Embedders(embedders.dense)


def store_of(settings: Settings) -> IndexStore:
    return IndexStore(make_client(settings), settings)


def collection_names(settings: Settings) -> set[str]:
    return set(store_of(settings)._collection_names())


# ---- the session index over the real corpus ------------------------------------------------------

def test_session_build_indexes_all_four_documents_with_every_page(built_index):
    settings, report = built_index
    assert report.ok, [(d.doc_id, d.reason, d.skipped_pages) for d in report.documents]
    assert {d.doc_id: (d.status, d.pages) for d in report.documents} == {k: ("indexed", n) for k, n in PAGES.items()}
    assert report.totals["skipped_pages"] == 0
    assert all(d.chunks > 0 and d.sections > 0 and d.embedded == d.chunks for d in report.documents)
    stamp = store_of(settings).check({"en": "all-MiniLM-L6-v2"})
    shas = {s.id: s.sha256 for s in load_catalog(settings) if s.available}
    assert {doc_id: entry["sha256"] for doc_id, entry in stamp.documents.items()} == shas


def test_second_run_on_the_same_settings_is_a_noop_that_embeds_nothing(built_index, embedders):
    settings, first = built_index
    dense, multi = Counting(embedders.dense), Counting(embedders.multilingual)
    again = run(settings, Embedders(dense, multi))
    assert again.noop
    assert (dense.embedded, multi.embedded, again.totals["embedded"]) == (0, 0, 0)
    assert again.generation == first.generation
    assert {d.doc_id: d.status for d in again.documents} == {k: "unchanged" for k in PAGES}
    assert again.totals["chunks"] == first.totals["chunks"]


def test_opening_the_index_with_another_model_says_to_rebuild(built_index):
    settings, _ = built_index
    with pytest.raises(IndexMismatch) as error:
        store_of(settings).check({"en": "some-other-model"})
    assert "'some-other-model'" in str(error.value)
    assert "Run: python -m ingest --rebuild" in str(error.value)


def test_empty_data_dir_says_to_run_ingest(tmp_path):
    settings = Settings.from_env(env={}, data_dir=tmp_path / "empty")
    with pytest.raises(IndexMissing, match=r"No index in .*empty.*\. Run: python -m ingest$"):
        store_of(settings).check({})


# ---- small builds --------------------------------------------------------------------------------

def test_changed_file_is_not_indexed_and_the_previous_version_is_kept(tmp_path, corpus_dir, eto_corpus, dense):
    settings = small_settings(tmp_path, eto_corpus)
    first = run(settings, dense)
    before = {c.id for c in store_of(settings).all_chunks()}
    shutil.copyfile(corpus_dir / "peca-amendment-act-2025.pdf", eto_corpus / f"{ETO}.pdf")
    second = run(settings, dense)
    (doc,) = second.documents
    assert doc.status == "kept previous" and not second.ok
    assert doc.reason.startswith("changed file: sha256 ")
    assert "not indexed" in doc.reason and "previously indexed version stays" in doc.reason
    assert {c.id for c in store_of(settings).all_chunks()} == before and len(before) == first.totals["chunks"]
    stamp = store_of(settings).stamp()
    assert stamp.documents[ETO]["sha256"] == file_sha256(corpus_dir / f"{ETO}.pdf")
    assert "changed file" in stamp.documents[ETO]["problem"]


def test_changed_file_with_no_previous_version_is_skipped(tmp_path, corpus_dir, eto_corpus, dense):
    shutil.copyfile(corpus_dir / "peca-amendment-act-2025.pdf", eto_corpus / f"{ETO}.pdf")
    report = run(small_settings(tmp_path, eto_corpus), dense)
    assert [(d.status, d.reason[:13]) for d in report.documents] == [("skipped", "changed file:")]


def test_bad_and_duplicate_user_files_are_skipped_while_the_rest_is_indexed(tmp_path, corpus_dir, eto_corpus, dense):
    settings = small_settings(tmp_path, eto_corpus)
    pdf_factory.truncated_pdf(eto_corpus, corpus_dir / "peca-2016-consolidated-2025.pdf", name="broken.pdf")
    pdf_factory.duplicate_pdf(eto_corpus, corpus_dir / f"{ETO}.pdf", name="eto-copy.pdf")
    for doc_id, file in (("broken-upload", "broken.pdf"), ("eto-copy", "eto-copy.pdf")):
        add_user_source(settings, Source(id=doc_id, title=doc_id, short_name=doc_id, issuer="user", date="2026",
                                         status=DocStatus.USER, available=True, file=file))
    report = run(settings, dense)
    outcome = {d.doc_id: (d.status, d.reason) for d in report.documents}
    assert outcome[ETO] == ("indexed", "")
    assert outcome["broken-upload"][0] == "skipped" and "truncated or corrupt" in outcome["broken-upload"][1]
    assert outcome["eto-copy"] == ("skipped", f"duplicate: the same file as {ETO}; not indexed twice")
    assert not report.ok
    store = store_of(settings)
    assert set(store.check({"en": dense.dense.name}).documents) == {ETO}
    hits = store.query_dense("en", dense.dense.embed_query("establishment of the Certification Council"), k=5)
    assert {chunk.doc_id for chunk, _ in hits} == {ETO}
    assert "18" in [chunk.section for chunk, _ in hits]


def test_crash_mid_build_leaves_the_previous_index_untouched(tmp_path, corpus_dir, eto_corpus, dense, monkeypatch):
    settings = small_settings(tmp_path, eto_corpus)
    run(settings, dense)
    old_stamp, old_count = store_of(settings).stamp(), len(store_of(settings).all_chunks())
    old_collections = collection_names(settings)
    excerpt = pdf_factory.eto_excerpt(eto_corpus, corpus_dir, pages=(3, 4), name="excerpt.pdf")
    add_user_source(settings, Source(id="eto-excerpt", title="Excerpt", short_name="Excerpt", issuer="user",
                                     date="2026", status=DocStatus.USER, available=True, file=excerpt.name))
    real_parse, calls = ingest.index.parse_document, []

    def failing_parse(*args, **kwargs):
        calls.append(args[0].source.id)
        if args[0].source.id == "eto-excerpt":
            raise RuntimeError("injected failure")
        return real_parse(*args, **kwargs)

    monkeypatch.setattr(ingest.index, "parse_document", failing_parse)
    with pytest.raises(RuntimeError, match="injected failure"):
        run(settings, dense)
    assert calls == ["eto-excerpt"]  # the unchanged ETO was carried over, not read again
    assert store_of(settings).stamp() == old_stamp
    assert len(store_of(settings).all_chunks()) == old_count
    assert collection_names(settings) == old_collections
    monkeypatch.setattr(ingest.index, "parse_document", real_parse)
    recovered = run(settings, dense)
    assert recovered.ok and {d.doc_id for d in recovered.documents} == {ETO, "eto-excerpt"}


# ---- the command line -----------------------------------------------------------------------------

def test_help_lists_the_main_options(capsys):
    with pytest.raises(SystemExit) as exit_:
        ingest_main.main(["--help"])
    assert exit_.value.code == 0
    text = capsys.readouterr().out
    assert all(flag in text for flag in ("--rebuild", "--only", "--json", "--download", "add"))


def test_json_output_parses(built_index, corpus_dir, capsys):
    settings, first = built_index
    code = ingest_main.main(["--json", "--no-progress", "--data-dir", str(settings.data_dir), "--corpus-dir", str(corpus_dir)])
    data = json.loads(capsys.readouterr().out)
    assert code == 0
    assert data["noop"] is True and data["ok"] is True and data["generation"] == first.generation
    assert sorted(d["doc_id"] for d in data["documents"]) == sorted(PAGES)


@pytest.fixture
def cli_env(tmp_path, monkeypatch, embedders) -> Settings:
    """`python -m ingest` over a catalog with nothing available, reusing the session's MiniLM."""
    empty = tmp_path / "empty-corpus"
    empty.mkdir()
    settings = small_settings(tmp_path, empty, available=())
    monkeypatch.setenv("ASSISTANT_CATALOG_PATH", str(settings.catalog_path))
    monkeypatch.setenv("ASSISTANT_CORPUS_DIR", str(empty))
    monkeypatch.setenv("ASSISTANT_MULTILINGUAL", "0")
    monkeypatch.setattr(ingest_main, "MiniLMEmbedder", lambda *args, **kwargs: embedders.dense)
    return Settings.from_env()


def test_add_refuses_a_bad_pdf_and_changes_nothing(tmp_path, cli_env, capsys):
    bad = pdf_factory.not_a_pdf(tmp_path, name="bad.pdf")
    code = ingest_main.main(["add", str(bad), "--title", "X"])
    err = capsys.readouterr().err
    assert code == 1
    assert f"Error: {bad}: not a PDF" in err and "Nothing was added." in err
    assert not cli_env.user_catalog_path.exists()
    assert not cli_env.user_docs_dir.exists()


def test_add_indexes_a_new_pdf_and_records_it(tmp_path, corpus_dir, cli_env, capsys):
    pdf = pdf_factory.eto_excerpt(tmp_path, corpus_dir, pages=(1, 2), name="my-excerpt.pdf")
    code = ingest_main.main(["--no-progress", "add", str(pdf), "--title", "ETO excerpt"])
    assert code == 0, capsys.readouterr().err
    added = [s for s in load_catalog(cli_env) if s.id == "my-excerpt"]
    assert [(s.title, s.status, s.sha256) for s in added] == [("ETO excerpt", DocStatus.USER, file_sha256(pdf))]
    assert (cli_env.user_docs_dir / "my-excerpt.pdf").read_bytes() == pdf.read_bytes()
    chunks = store_of(cli_env).all_chunks()
    assert chunks and {c.doc_id for c in chunks} == {"my-excerpt"}
    assert {c.page_start for c in chunks} <= {1, 2}



def test_add_refuses_a_copy_of_an_indexed_document(tmp_path, corpus_dir, eto_corpus, dense, monkeypatch, capsys):
    """Regression: `add` of a byte copy indexed every chunk twice, and later runs called it unchanged."""
    settings = small_settings(tmp_path, eto_corpus)
    run(settings, dense)
    for name, value in (("CATALOG_PATH", settings.catalog_path), ("CORPUS_DIR", eto_corpus),
                        ("DATA_DIR", settings.data_dir), ("MULTILINGUAL", "0")):
        monkeypatch.setenv(f"ASSISTANT_{name}", str(value))
    monkeypatch.setattr(ingest_main, "MiniLMEmbedder", lambda *args, **kwargs: dense.dense)
    copy = pdf_factory.duplicate_pdf(tmp_path, corpus_dir / f"{ETO}.pdf", name="eto-again.pdf")
    code = ingest_main.main(["--no-progress", "add", str(copy), "--title", "ETO again"])
    assert code == 1
    assert f"Error: {copy} is the same file as '{ETO}'" in capsys.readouterr().err
    assert not settings.user_catalog_path.exists()
    assert {c.doc_id for c in store_of(settings).all_chunks()} == {ETO}


def test_only_run_refuses_a_copy_of_a_document_it_carries_over(tmp_path, corpus_dir, eto_corpus, dense):
    """Regression: with --only, carried-over documents were not checked for duplicates."""
    settings = small_settings(tmp_path, eto_corpus)
    run(settings, dense)
    pdf_factory.duplicate_pdf(eto_corpus, corpus_dir / f"{ETO}.pdf", name="eto-copy.pdf")
    add_user_source(settings, Source(id="eto-copy", title="Copy", short_name="Copy", issuer="user", date="2026",
                                     status=DocStatus.USER, available=True, file="eto-copy.pdf"))
    report = run(settings, dense, only=["eto-copy"])
    assert {d.doc_id: d.status for d in report.documents} == {ETO: "unchanged", "eto-copy": "skipped"}
    assert {c.doc_id for c in store_of(settings).all_chunks()} == {ETO}


def test_a_failure_to_store_sentence_vectors_leaves_the_index_built(tmp_path, eto_corpus, dense, monkeypatch):
    """A full disk while writing the sentence vectors costs answer speed, never the build."""
    import ingest.index

    def no_space(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(ingest.index, "store_sentence_vectors", no_space)
    settings = small_settings(tmp_path, eto_corpus)
    report = run(settings, dense)
    assert report.ok and report.generation and report.totals["chunks"] > 0
    assert report.sentences == 0
    assert store_of(settings).stamp().generation == report.generation
