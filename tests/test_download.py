"""ingest.download against a real HTTP server on 127.0.0.1 serving a real corpus PDF."""
from __future__ import annotations

import functools
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest

import ingest.__main__ as ingest_main
from assistant.config import Settings
from assistant.errors import CorpusError
from assistant.store import IndexStore, make_client
from assistant.types import DocStatus, Source
from ingest.download import download_source
from ingest.load import file_sha256

ETO = "electronic-transactions-ordinance-2002"
PDF = f"{ETO}.pdf"


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args) -> None:  # keep the test output clean
        pass


@pytest.fixture
def server(corpus_dir, monkeypatch):
    """Base URL of a local file server over the read-only corpus folder."""
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    handler = functools.partial(QuietHandler, directory=str(corpus_dir))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()
    thread.join(timeout=5)


def source(url: str, sha256: str = "") -> Source:
    return Source(id=ETO, title="ETO", short_name="ETO", issuer="President", date="2002", status=DocStatus.IN_FORCE,
                  available=True, url=url, sha256=sha256, file=PDF)


def test_download_with_the_right_sha256_saves_the_file(tmp_path, corpus_dir, server):
    expected = file_sha256(corpus_dir / PDF)
    path = download_source(source(f"{server}/{PDF}", expected), tmp_path / "downloads")
    assert path == tmp_path / "downloads" / PDF
    assert file_sha256(path) == expected
    assert sorted(p.name for p in path.parent.iterdir()) == [PDF]  # no .part left behind


def test_download_with_a_wrong_sha256_is_refused_and_not_saved_as_the_document(tmp_path, server):
    target = tmp_path / "downloads" / PDF
    with pytest.raises(CorpusError) as error:
        download_source(source(f"{server}/{PDF}", "0" * 64), tmp_path / "downloads")
    message = str(error.value)
    assert "has sha256 0f29569f89d3..., the catalog expects 000000000000...; not indexed" in message
    assert not target.exists()
    rejected = tmp_path / "downloads" / f"{ETO}.rejected.pdf"
    assert rejected.is_file() and str(rejected) in message


def test_missing_remote_file_raises_a_corpus_error(tmp_path, server):
    with pytest.raises(CorpusError, match=rf"{ETO}: download from {server}/nothing.pdf failed: .*404"):
        download_source(source(f"{server}/nothing.pdf"), tmp_path / "downloads")
    assert list((tmp_path / "downloads").iterdir()) == []


def test_download_over_the_size_limit_stops_and_leaves_nothing(tmp_path, server):
    with pytest.raises(CorpusError, match="download exceeds"):
        download_source(source(f"{server}/{PDF}"), tmp_path / "downloads", max_bytes=10_000)
    assert list((tmp_path / "downloads").iterdir()) == []


def test_source_without_a_url_says_to_copy_the_file(tmp_path):
    with pytest.raises(CorpusError, match="no download URL; copy the file into the corpus directory"):
        download_source(source(""), tmp_path / "downloads")


@pytest.mark.integration
def test_ingest_download_fetches_a_missing_document_and_indexes_it(tmp_path, corpus_dir, server, embedders,
                                                                   monkeypatch, capsys):
    empty = tmp_path / "empty-corpus"
    empty.mkdir()
    catalog = tmp_path / "catalog.toml"
    catalog.write_text(
        f'[[document]]\nid = "{ETO}"\ntitle = "ETO"\nshort_name = "ETO 2002"\nissuer = "President"\n'
        f'date = "2002"\nstatus = "in force"\navailable = true\nfile = "{PDF}"\nurl = "{server}/{PDF}"\n'
        f'sha256 = "{file_sha256(corpus_dir / PDF)}"\n', encoding="utf-8")
    for name, value in (("CATALOG_PATH", catalog), ("CORPUS_DIR", empty), ("MULTILINGUAL", "0")):
        monkeypatch.setenv(f"ASSISTANT_{name}", str(value))
    settings = Settings.from_env()
    monkeypatch.setattr(ingest_main, "MiniLMEmbedder", lambda *args, **kwargs: embedders.dense)
    assert ingest_main.main(["--no-progress", "--download"]) == 0, capsys.readouterr().err
    assert file_sha256(settings.downloads_dir / PDF) == file_sha256(corpus_dir / PDF)
    chunks = IndexStore(make_client(settings), settings).all_chunks()
    assert chunks and {c.doc_id for c in chunks} == {ETO}
