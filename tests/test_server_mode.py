"""Chroma server mode: a real `chroma run` process, the real corpus ingested into it, real answers.

The server is started on 127.0.0.1 and a free port in a temp dir, shared by the session
(tests/chroma_server.py) and always stopped. Ingest reuses the session index's vectors by text hash,
so filling the server costs store writes, not 60 s of embedding.
"""
from __future__ import annotations

import pytest

from assistant.answer import answer
from assistant.cli import main as cli_main
from assistant.errors import IndexMissing, StoreUnavailable
from assistant.retrieve import Resources
from assistant.store import IndexStore, make_client
from ingest.index import Embedders, run
from tests.chroma_server import ChromaServer, free_port, server_index, shared_server

pytestmark = pytest.mark.integration

QUESTIONS = [
    ("What is the punishment for spoofing?", ()),
    ("quote section 26A of PECA", ()),
    ("What does the draft AI policy say about a national AI fund?", ()),
    ("What is the recognition of electronic signatures?", ("electronic-transactions-ordinance-2002",)),
    ("What is the capital of France?", ()),
]


@pytest.fixture(scope="module")
def on_server(built_index, embedders, tmp_path_factory):
    """(settings pointing at the server, ingest report, the reusing embedders)."""
    return server_index(built_index, embedders, tmp_path_factory.mktemp("server-mode"))


@pytest.fixture(scope="module")
def server_resources(on_server, embedders):
    settings, _, _ = on_server
    return Resources.load(settings, dense=embedders.dense, multilingual=embedders.multilingual)


def _same(a, b) -> tuple:
    return (a.status, a.text, [c.chunk_id for c in a.citations]), (b.status, b.text, [c.chunk_id for c in b.citations])


def test_ingest_into_a_server_builds_the_same_index_as_embedded(on_server, built_index):
    settings, report, wrapped = on_server
    local_settings, local_report = built_index
    assert report.ok and not report.noop
    assert report.index_location == f"Chroma server http://127.0.0.1:{settings.chroma_port}"
    assert report.totals == local_report.totals
    remote, local = IndexStore(make_client(settings), settings), IndexStore(make_client(local_settings), local_settings)
    assert [c.id for c in remote.all_chunks()] == [c.id for c in local.all_chunks()]
    assert remote.check({}).documents == local.check({}).documents
    assert wrapped["en"].reused >= report.totals["chunks"]  # chunk vectors came from the session index


def test_a_second_ingest_against_the_server_does_nothing(on_server, embedders):
    settings, _, wrapped = on_server
    again = run(settings, Embedders(wrapped["en"], wrapped.get("multi")))
    assert again.noop


def test_answers_from_the_server_are_the_answers_from_the_embedded_index(server_resources, resources):
    for question, doc_ids in QUESTIONS:
        remote = answer(question, server_resources, doc_ids=doc_ids)
        local = answer(question, resources, doc_ids=doc_ids)
        mine, theirs = _same(remote, local)
        assert mine == theirs, question


def test_server_down_mid_session_gives_a_clear_error_and_recovers_when_it_returns(on_server, embedders):
    """What a user sees: the question fails with a message naming the server and how to start it;
    the same loaded Resources answer again once the server is back, with no restart of the app."""
    settings, _, _ = on_server
    mine = Resources.load(settings, dense=embedders.dense, multilingual=embedders.multilingual)
    before = answer(QUESTIONS[0][0], mine)
    server = shared_server()
    server.stop()
    try:
        with pytest.raises(StoreUnavailable) as caught:
            answer(QUESTIONS[0][0], mine)
        message = str(caught.value)
        assert f"http://127.0.0.1:{settings.chroma_port}" in message
        assert f"chroma run --path DIR --host 127.0.0.1 --port {settings.chroma_port}" in message
        assert "reconnects on the next question" in message
        with pytest.raises(StoreUnavailable, match="Cannot reach the Chroma server"):
            Resources.load(settings, dense=embedders.dense, multilingual=embedders.multilingual)
        # Questions that need no search still work while the store is down.
        assert answer("   ", mine).status.value == "invalid_question"
    finally:
        server.start()
    after = answer(QUESTIONS[0][0], mine)
    assert _same(after, before)[0] == _same(after, before)[1]


def test_cli_with_the_server_down_prints_an_error_and_exits_1(monkeypatch, capsys):
    monkeypatch.setenv("ASSISTANT_CHROMA_HOST", "127.0.0.1")
    monkeypatch.setenv("ASSISTANT_CHROMA_PORT", str(free_port()))
    monkeypatch.delenv("ASSISTANT_DEBUG", raising=False)
    assert cli_main(["ask", "What is the punishment for spoofing?"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("Error: Cannot reach the Chroma server at http://127.0.0.1:")
    assert "chroma run --path DIR" in err


def test_an_empty_server_says_to_run_ingest(tmp_path, built_index, embedders):
    settings, _ = built_index
    server = ChromaServer(tmp_path / "empty").start()
    try:
        empty = settings.with_(chroma_host="127.0.0.1", chroma_port=server.port, data_dir=tmp_path / "data")
        with pytest.raises(IndexMissing, match=r"No index in Chroma server http://127\.0\.0\.1:\d+\. Run: python -m ingest"):
            Resources.load(empty, dense=embedders.dense, multilingual=embedders.multilingual)
    finally:
        server.stop()
