"""IndexStore read path and KeywordIndex: unit tests on a real embedded Chroma with hand-made vectors."""
from __future__ import annotations

import socket

import pytest

from assistant.config import Settings
from assistant.errors import IndexMissing, StoreUnavailable
from assistant.keyword import KEYWORD_VERSION, KeywordIndex
from assistant.store import CHUNKER_VERSION, IndexStore, Stamp, make_client
from assistant.types import Chunk, DocStatus


def _chunk(doc_id: str, ordinal: int, text: str) -> Chunk:
    return Chunk(id=f"{doc_id}-{ordinal}", doc_id=doc_id, doc_status=DocStatus.IN_FORCE, section=str(ordinal),
                 section_title="", heading_path=(), page_start=1, page_end=1, page_label="", ordinal=ordinal, text=text)


CHUNKS = [
    _chunk("act", 1, "Whoever commits spoofing shall be punished with imprisonment."),
    _chunk("act", 2, "The Authority may block unlawful online content."),
    _chunk("policy", 1, "The policy sets up a fund for artificial intelligence research."),
    _chunk("policy", 2, "Spoofing of websites is discussed as a threat in the policy."),
]
# One axis per chunk, so the nearest chunk to a unit vector is known exactly.
VECTORS = [[1.0 if i == j else 0.0 for j in range(4)] for i in range(4)]


def _build(store: IndexStore, chunks=CHUNKS, vectors=VECTORS) -> Stamp:
    writer = store.new_generation()
    writer.add_chunks("en", chunks, vectors, ["h"] * len(chunks))
    writer.add_sections([], [])
    stamp = Stamp({"en": "fake"}, CHUNKER_VERSION, "x", {}, writer.generation)
    store.activate(writer, stamp)
    return stamp


@pytest.fixture
def settings(tmp_path) -> Settings:
    return Settings.from_env(env={}, data_dir=tmp_path / "data", progress=False)


class CountingClient:
    """Wraps a Chroma client and counts registry reads."""

    def __init__(self, client) -> None:
        self._client, self.registry_reads = client, 0

    def get_or_create_collection(self, name, **kwargs):
        self.registry_reads += name.endswith("-registry")
        return self._client.get_or_create_collection(name, **kwargs)

    def __getattr__(self, name):
        return getattr(self._client, name)


def test_query_dense_reads_the_registry_once_not_per_query(settings):
    """Regression: every query used to re-read the registry (a second round trip to a Chroma server)."""
    _build(IndexStore(make_client(settings), settings))
    client = CountingClient(make_client(settings))
    store = IndexStore(client, settings)
    store.check({"en": "fake"})
    reads = client.registry_reads
    for _ in range(20):
        assert store.query_dense("en", VECTORS[1], k=1)[0][0].id == "act-2"
    assert client.registry_reads == reads


def test_a_rebuild_under_a_running_reader_is_picked_up_on_the_next_query(settings):
    reader = IndexStore(make_client(settings), settings)
    _build(IndexStore(make_client(settings), settings))
    reader.check({})
    switched = []
    reader.on_new_generation(switched.append)
    assert reader.query_dense("en", VECTORS[0], k=1)[0][0].id == "act-1"
    renamed = [_chunk("act", 9, "Rebuilt text.")] + CHUNKS[1:]
    new = _build(IndexStore(make_client(settings), settings), chunks=renamed)  # deletes the old collections
    assert reader.query_dense("en", VECTORS[0], k=1)[0][0].id == "act-9"
    assert [s.generation for s in switched] == [new.generation]
    assert reader.generation == new.generation


def test_a_rebuild_is_noticed_after_the_recheck_interval_without_a_failure(settings, monkeypatch):
    reader = IndexStore(make_client(settings), settings)
    first = _build(IndexStore(make_client(settings), settings))
    reader.check({})
    writer_store = IndexStore(make_client(settings), settings)
    writer = writer_store.new_generation()
    writer.add_chunks("en", CHUNKS, VECTORS, ["h"] * 4)
    # Switch the registry without deleting the old collections: no query would fail.
    writer_store._registry().modify(metadata={"stamp": Stamp({"en": "fake"}, CHUNKER_VERSION, "x", {}, writer.generation).to_json()})
    reader.query_dense("en", VECTORS[0], k=1)
    assert reader.generation == first.generation
    monkeypatch.setattr(IndexStore, "RECHECK_S", 0.0)
    reader.query_dense("en", VECTORS[0], k=1)
    assert reader.generation == writer.generation


def test_reading_an_empty_store_says_to_run_ingest(settings):
    with pytest.raises(IndexMissing, match="Run: python -m ingest"):
        IndexStore(make_client(settings), settings).all_chunks()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_an_unreachable_server_says_what_to_check(settings):
    port = _free_port()  # nothing listens there
    with pytest.raises(StoreUnavailable) as caught:
        make_client(settings.with_(chroma_host="127.0.0.1", chroma_port=port))
    message = str(caught.value)
    assert f"http://127.0.0.1:{port}" in message
    assert "chroma run --path DIR" in message and "ASSISTANT_CHROMA_HOST" in message


def test_the_token_is_not_in_the_error_message(settings):
    secret = "s3cret-token-value"
    with pytest.raises(StoreUnavailable) as caught:
        make_client(settings.with_(chroma_host="127.0.0.1", chroma_port=_free_port(), chroma_token=secret))
    assert secret not in str(caught.value)


def test_keyword_search_finds_exact_ids_and_respects_the_document_filter():
    index = KeywordIndex(CHUNKS)
    assert {c.id for c, _ in index.search("spoofing", k=5)} == {"act-1", "policy-2"}
    assert [c.id for c, _ in index.search("spoofing", k=5, doc_ids=["policy"])] == ["policy-2"]
    assert index.search("spoofing", k=5, doc_ids=["no-such-doc"]) == []
    assert index.search("zebra", k=5) == []


def test_keyword_index_is_cached_per_build_and_loaded_with_the_same_results(tmp_path):
    built = KeywordIndex(CHUNKS, cache_dir=tmp_path, key="gen1")
    loaded = KeywordIndex(CHUNKS, cache_dir=tmp_path, key="gen1")
    assert not built.from_cache and loaded.from_cache
    assert loaded.search("fund research", k=3) == built.search("fund research", k=3)
    assert loaded.vocabulary == built.vocabulary
    KeywordIndex(CHUNKS[:3], cache_dir=tmp_path, key="gen2")
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"gen2-3-v{KEYWORD_VERSION}"]  # the older build's cache is pruned


def test_a_build_searches_broadly_and_breaks_ties_by_chunk_id(settings):
    """One question must get one ranking in every process: the index explores SEARCH_BREADTH candidates (the
    default 100 returned different neighbour sets between runs), and passages stored twice with one vector
    (a section the consolidated and the amending Act both print) come back in chunk-id order."""
    from assistant.store import SEARCH_BREADTH

    twins = [_chunk("zeta", 1, "The same sub-section, printed twice."), _chunk("alpha", 1, "The same sub-section, printed twice."),
             *CHUNKS[:2]]
    vectors = [[1.0, 0.0, 0.0, 0.0], [1.0, 0.0, 0.0, 0.0], VECTORS[1], VECTORS[2]]
    store = IndexStore(make_client(settings), settings)
    _build(store, twins, vectors)
    assert store._handle("chunks-en").configuration["hnsw"]["ef_search"] == SEARCH_BREADTH
    ranked = store.query_dense("en", [1.0, 0.1, 0.0, 0.0], k=4)
    assert [c.id for c, _ in ranked[:2]] == ["alpha-1", "zeta-1"]
    assert ranked[0][1] == ranked[1][1]
