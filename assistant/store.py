"""The index contract: Chroma collections, metadata keys, the build stamp, generations.

Each build writes a new *generation* of collections and only then points the registry
at it, so a crash or Ctrl-C mid-ingest leaves the previous index in use.
"""
from __future__ import annotations

import json
import logging
import threading
import time
import uuid
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Sequence

from assistant.config import Settings
from assistant.errors import IndexMismatch, IndexMissing, StoreUnavailable
from assistant.types import Chunk, DocStatus, Section

log = logging.getLogger(__name__)

# 6: a sentence cut by a page break (and its page's footnote) is one paragraph again
CHUNKER_VERSION = "6"
# Vector spaces: one collection of chunk vectors per embedding model.
DENSE_SPACE = "en"
MULTILINGUAL_SPACE = "multi"
REBUILD_HINT = "Run: python -m ingest --rebuild"
_ADD_BATCH = 500


def make_client(settings: Settings):
    """A Chroma client: embedded (PersistentClient) or a server (HttpClient) per settings."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False)
    try:
        if settings.chroma_host:
            headers = {"Authorization": f"Bearer {settings.chroma_token}"} if settings.chroma_token else None
            return chromadb.HttpClient(
                host=settings.chroma_host, port=settings.chroma_port, ssl=settings.chroma_ssl,
                headers=headers, settings=chroma_settings,
            )
        settings.index_dir.mkdir(parents=True, exist_ok=True)
        return chromadb.PersistentClient(path=str(settings.index_dir), settings=chroma_settings)
    except Exception as exc:  # chromadb raises bare ValueError/ConnectionError on an unreachable server
        if settings.chroma_host:
            scheme = "https" if settings.chroma_ssl else "http"
            raise StoreUnavailable(
                f"Cannot reach the Chroma server at {scheme}://{settings.chroma_host}:{settings.chroma_port} ({exc}). "
                f"Check that it is running (chroma run --path DIR --host {settings.chroma_host} --port "
                f"{settings.chroma_port}) and that ASSISTANT_CHROMA_HOST/PORT/SSL/TOKEN are right."
            ) from exc
        raise StoreUnavailable(f"Cannot open the index in {settings.index_dir} ({exc}). "
                               f"Check that the directory is writable, or rebuild it: python -m ingest --rebuild") from exc


@dataclass(frozen=True)
class Stamp:
    """What an index was built with; checked whenever it is opened."""

    models: dict[str, str]
    chunker_version: str
    catalog_hash: str
    documents: dict[str, dict[str, Any]]
    generation: str

    def to_json(self) -> str:
        return json.dumps(self.__dict__, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> "Stamp":
        return cls(**json.loads(text))


def chunk_to_metadata(chunk: Chunk) -> dict[str, Any]:
    """Chroma metadata for a chunk (scalars only)."""
    return {
        "doc_id": chunk.doc_id, "doc_status": chunk.doc_status.value, "section": chunk.section,
        "section_title": chunk.section_title, "heading_path": json.dumps(list(chunk.heading_path)),
        "page_start": chunk.page_start, "page_end": chunk.page_end, "page_label": chunk.page_label,
        "ordinal": chunk.ordinal,
    }


def chunk_from_row(chunk_id: str, text: str, meta: dict[str, Any]) -> Chunk:
    """Rebuild a Chunk from a Chroma row."""
    return Chunk(
        id=chunk_id, doc_id=meta["doc_id"], doc_status=DocStatus(meta["doc_status"]), section=meta["section"],
        section_title=meta["section_title"], heading_path=tuple(json.loads(meta["heading_path"])),
        page_start=int(meta["page_start"]), page_end=int(meta["page_end"]), page_label=meta["page_label"],
        ordinal=int(meta["ordinal"]), text=text,
    )


def _section_metadata(section: Section) -> dict[str, Any]:
    return {
        "doc_id": section.doc_id, "label": section.label, "title": section.title,
        "heading_path": json.dumps(list(section.heading_path)), "page_start": section.page_start,
        "page_end": section.page_end, "page_label": section.page_label,
    }


def _section_from_row(text: str, meta: dict[str, Any]) -> Section:
    return Section(
        doc_id=meta["doc_id"], label=meta["label"], title=meta["title"],
        heading_path=tuple(json.loads(meta["heading_path"])), page_start=int(meta["page_start"]),
        page_end=int(meta["page_end"]), text=text, page_label=meta["page_label"],
    )


class IndexStore:
    """Reads and writes one named index (a registry plus the active generation's collections).

    The build stamp is read once (check()) and kept: a query costs one round trip to Chroma, not
    three. The registry is read again only when a query fails (an index rebuilt under a running app
    has deleted the collections it was using; the query is retried once on the new generation) or
    when the kept stamp is older than RECHECK_S, so a rebuild is noticed within that time even
    without a failure. Listeners registered with on_new_generation() hear about the switch.

    Usage example:
        store = IndexStore(make_client(settings), settings)
        store.check(expected_models={"en": "all-MiniLM-L6-v2"})
        rows = store.query_dense("en", vector, k=5)
    """

    # One registry read per this many seconds at most, on the query path.
    RECHECK_S = 30.0

    def __init__(self, client, settings: Settings) -> None:
        self.client = client
        self.prefix = settings.collection_prefix
        self.server = bool(settings.chroma_host)
        if self.server:
            scheme = "https" if settings.chroma_ssl else "http"
            self.location = f"Chroma server {scheme}://{settings.chroma_host}:{settings.chroma_port}"
            self.hint = (
                f"Check that the Chroma server is running (chroma run --path DIR --host {settings.chroma_host} "
                f"--port {settings.chroma_port}) and that ASSISTANT_CHROMA_HOST/PORT/SSL/TOKEN are right; "
                "the assistant reconnects on the next question."
            )
        else:
            self.location = str(settings.index_dir)
            self.hint = f"Check that {settings.index_dir} exists and is readable, or rebuild it: python -m ingest --rebuild"
        self._lock = threading.Lock()
        self._stamp: Stamp | None = None
        self._checked_at = 0.0
        self._handles: dict[tuple[str, str], Any] = {}
        self._listeners: list[Callable[[Stamp], None]] = []

    def _unavailable(self, what: str, exc: Exception) -> StoreUnavailable:
        reason = str(exc) or type(exc).__name__
        return StoreUnavailable(f"{what} {self.location} failed ({reason}). {self.hint}")

    # ---- registry -------------------------------------------------------------------
    def _registry(self):
        return self.client.get_or_create_collection(f"{self.prefix}-registry")

    def stamp(self) -> Stamp | None:
        """The active build's stamp, read now from the registry; None when nothing has been built."""
        try:
            meta = self._registry().metadata or {}
        except Exception as exc:
            raise self._unavailable("Reading the index registry on", exc) from exc
        return Stamp.from_json(meta["stamp"]) if "stamp" in meta else None

    def check(self, expected_models: dict[str, str]) -> Stamp:
        """The stamp, after making sure the index exists and used these embedding models (reads the registry)."""
        stamp = self.stamp()
        if stamp is None:
            raise IndexMissing(f"No index in {self.location}. Run: python -m ingest")
        for space, model in expected_models.items():
            built = stamp.models.get(space)
            if built != model:
                raise IndexMismatch(
                    f"The index in {self.location} was built with embedding model {built!r} for "
                    f"'{space}', but the settings use {model!r}. {REBUILD_HINT}"
                )
        if stamp.chunker_version != CHUNKER_VERSION:
            raise IndexMismatch(
                f"The index in {self.location} was built by chunker version {stamp.chunker_version}; "
                f"this version is {CHUNKER_VERSION}. {REBUILD_HINT}"
            )
        self._remember(stamp)
        return stamp

    def on_new_generation(self, listener: Callable[[Stamp], None]) -> None:
        """Call listener(stamp) after a rebuilt index has been switched to."""
        self._listeners.append(listener)

    @property
    def generation(self) -> str | None:
        """The generation queries currently go to (None before the first check)."""
        return self._stamp.generation if self._stamp else None

    def _remember(self, stamp: Stamp) -> None:
        with self._lock:
            previous = self._stamp
            self._stamp, self._checked_at = stamp, time.monotonic()
            switched = previous is not None and previous.generation != stamp.generation
            if switched:
                self._handles.clear()
        if not switched:
            return
        log.info("Index rebuilt: now reading generation %s", stamp.generation)
        try:
            for listener in list(self._listeners):
                listener(stamp)
        except Exception:
            # Keep the old generation so the next query notices the rebuild again and retries the switch.
            self._stamp = previous
            raise

    def _active(self) -> Stamp:
        """The kept stamp; the registry is read only when there is none or it is older than RECHECK_S."""
        stamp = self._stamp
        if stamp is None or time.monotonic() - self._checked_at > self.RECHECK_S:
            stamp = self.check({})
        return stamp

    def _collection(self, generation: str, kind: str):
        return self.client.get_collection(f"{self.prefix}-{generation}-{kind}")

    def _handle(self, kind: str):
        stamp = self._active()
        key = (stamp.generation, kind)
        handle = self._handles.get(key)
        if handle is None:
            handle = self._handles[key] = self._collection(stamp.generation, kind)
        return handle

    def _read(self, kind: str, operation: Callable[[Any], Any]) -> Any:
        """Run a read on the active generation's collection; after a failure, re-check the registry once."""
        try:
            return operation(self._handle(kind))
        except (IndexMissing, IndexMismatch, StoreUnavailable):
            raise
        except Exception as first:
            before = self.generation
            stamp = self.check({})  # raises StoreUnavailable when the store itself is unreachable
            if stamp.generation == before:
                with self._lock:
                    self._handles.pop((stamp.generation, kind), None)
            try:
                return operation(self._handle(kind))
            except Exception as exc:
                raise self._unavailable("Searching", exc) from first

    # ---- reading --------------------------------------------------------------------
    def query_dense(
        self, space: str, vector: Sequence[float], k: int, doc_ids: Iterable[str] | None = None
    ) -> list[tuple[Chunk, float]]:
        """Nearest chunks in one vector space with cosine similarity, best first (one round trip)."""
        where = _doc_filter(doc_ids)
        result = self._read(f"chunks-{space}", lambda c: c.query(
            query_embeddings=[list(vector)], n_results=k, where=where,
            include=["documents", "metadatas", "distances"],
        ))
        rows = zip(result["ids"][0], result["documents"][0], result["metadatas"][0], result["distances"][0])
        # A passage both the consolidated Act and the amending Act print is stored twice with one vector; the
        # index returns such ties in no fixed order, which moved answers between runs. Ties go by chunk id.
        ordered = sorted(rows, key=lambda row: (round(float(row[3]), 6), row[0]))
        return [(chunk_from_row(cid, doc, meta), 1.0 - float(dist)) for cid, doc, meta, dist in ordered]

    def vectors_of(self, space: str, chunk_ids: Sequence[str]) -> dict[str, list[float]]:
        """Stored vectors of some chunks in one space (one round trip)."""
        result = self._read(f"chunks-{space}", lambda c: c.get(ids=list(chunk_ids), include=["embeddings"]))
        return {cid: list(vector) for cid, vector in zip(result["ids"], result["embeddings"])}

    def all_chunks(self) -> list[Chunk]:
        """Every chunk of the active build, in document order (feeds the keyword index)."""
        batches = self._read(f"chunks-{DENSE_SPACE}", lambda c: list(_paged_get(c, include=["documents", "metadatas"])))
        chunks = [chunk_from_row(i, d, m) for b in batches for i, d, m in zip(b["ids"], b["documents"], b["metadatas"])]
        return sorted(chunks, key=lambda c: (c.doc_id, c.ordinal))

    def sections(self, doc_id: str | None = None) -> list[Section]:
        """Whole sections of one document (or all), in page order."""
        where = {"doc_id": doc_id} if doc_id else None
        batches = self._read("sections", lambda c: list(_paged_get(c, include=["documents", "metadatas"], where=where)))
        found = [_section_from_row(d, m) for b in batches for d, m in zip(b["documents"], b["metadatas"])]
        return sorted(found, key=lambda s: (s.doc_id, s.page_start))

    # ---- writing (ingest only) ----------------------------------------------------------
    def new_generation(self) -> "GenerationWriter":
        """Start writing a new build beside the active one."""
        return GenerationWriter(self, uuid.uuid4().hex[:12])

    def activate(self, writer: "GenerationWriter", stamp: Stamp) -> None:
        """Point the registry at a finished generation, then drop the older ones."""
        self._registry().modify(metadata={"stamp": stamp.to_json()})
        keep = f"{self.prefix}-{writer.generation}-"
        for name in self._collection_names():
            if name.startswith(f"{self.prefix}-") and not name.startswith(keep) and name != f"{self.prefix}-registry":
                self.client.delete_collection(name)

    def _collection_names(self) -> list[str]:
        return [c if isinstance(c, str) else c.name for c in self.client.list_collections()]

    def stored_vectors(self, space: str) -> dict[str, tuple[str, list[float]]]:
        """chunk id -> (embedded text hash, vector) in the active build; lets ingest skip re-embedding."""
        stamp = self.stamp()
        if stamp is None or space not in stamp.models:
            return {}
        collection = self._collection(stamp.generation, f"chunks-{space}")
        out: dict[str, tuple[str, list[float]]] = {}
        for batch in _paged_get(collection, include=["metadatas", "embeddings"]):
            for cid, meta, vector in zip(batch["ids"], batch["metadatas"], batch["embeddings"]):
                out[cid] = (meta.get("text_hash", ""), list(vector))
        return out


# HNSW candidates explored per query. At Chroma's default (100) a query for 30 neighbours among ~600 passages
# returned different sets from one process to the next (a passage at rank 6 present or missing), which moved
# answers between identical runs; at 500 seven runs returned one set. The cost is negligible at this size.
SEARCH_BREADTH = 500


class GenerationWriter:
    """Writes one build's collections; nothing is visible until IndexStore.activate()."""

    def __init__(self, store: IndexStore, generation: str) -> None:
        self.store = store
        self.generation = generation

    def _create(self, kind: str):
        return self.store.client.get_or_create_collection(
            f"{self.store.prefix}-{self.generation}-{kind}",
            configuration={"hnsw": {"space": "cosine", "ef_search": SEARCH_BREADTH}},
        )

    def add_chunks(self, space: str, chunks: Sequence[Chunk], vectors: Sequence[Sequence[float]], text_hashes: Sequence[str]) -> None:
        """Upsert chunks with their vectors into one vector space (idempotent by chunk id)."""
        collection = self._create(f"chunks-{space}")
        for start in range(0, len(chunks), _ADD_BATCH):
            part = slice(start, start + _ADD_BATCH)
            collection.upsert(
                ids=[c.id for c in chunks[part]], documents=[c.text for c in chunks[part]],
                metadatas=[{**chunk_to_metadata(c), "text_hash": h} for c, h in zip(chunks[part], text_hashes[part])],
                embeddings=[list(v) for v in vectors[part]],
            )

    def add_sections(self, sections: Sequence[Section], vectors: Sequence[Sequence[float]]) -> None:
        """Upsert whole-section records; the vector is of the section's heading."""
        collection = self._create("sections")
        for start in range(0, len(sections), _ADD_BATCH):
            part = slice(start, start + _ADD_BATCH)
            collection.upsert(
                ids=[s.key for s in sections[part]], documents=[s.text for s in sections[part]],
                metadatas=[_section_metadata(s) for s in sections[part]], embeddings=[list(v) for v in vectors[part]],
            )

    def copy_document(self, doc_id: str, spaces: Sequence[str]) -> int:
        """Carry one document's chunks, vectors and sections over from the active build unchanged."""
        stamp = self.store.stamp()
        if stamp is None:
            return 0
        copied = 0
        for kind in [f"chunks-{space}" for space in spaces] + ["sections"]:
            source = self.store._collection(stamp.generation, kind)
            target = self._create(kind)
            for batch in _paged_get(source, include=["documents", "metadatas", "embeddings"], where={"doc_id": doc_id}):
                target.upsert(ids=batch["ids"], documents=batch["documents"], metadatas=batch["metadatas"],
                              embeddings=[list(v) for v in batch["embeddings"]])
                copied += len(batch["ids"]) if kind == f"chunks-{DENSE_SPACE}" else 0
        return copied

    def discard(self) -> None:
        """Remove this unfinished generation (after a failure)."""
        for name in self.store._collection_names():
            if name.startswith(f"{self.store.prefix}-{self.generation}-"):
                self.store.client.delete_collection(name)


def _doc_filter(doc_ids: Iterable[str] | None) -> dict[str, Any] | None:
    ids = sorted(set(doc_ids or ()))
    if not ids:
        return None
    return {"doc_id": ids[0]} if len(ids) == 1 else {"doc_id": {"$in": ids}}


def _paged_get(collection, include: list[str], where: dict[str, Any] | None = None, page: int = 2000):
    offset = 0
    while True:
        batch = collection.get(include=include, where=where, limit=page, offset=offset)
        if not batch["ids"]:
            return
        yield batch
        offset += len(batch["ids"])
