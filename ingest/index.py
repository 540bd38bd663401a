"""load -> clean -> structure -> chunk -> embed -> store: one build, switched in at the end."""
from __future__ import annotations

import hashlib
import json
import logging
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Sequence

from tqdm import tqdm

from assistant.catalog import catalog_hash, load_catalog
from assistant.config import Settings
from assistant.embed import Embedder
from assistant.errors import CorpusError
from assistant.sentence_vectors import store_sentence_vectors, vectors_folder
from assistant.store import CHUNKER_VERSION, DENSE_SPACE, MULTILINGUAL_SPACE, IndexStore, Stamp, make_client
from assistant.types import Chunk, Section, Source
from ingest.chunk import chunk_spans
from ingest.clean import clean_page
from ingest.load import LoadedDocument, file_sha256, load_document, read_limits
from ingest.report import DocumentReport, IngestReport
from ingest.structure import build_sections, document_lines, find_headings, guess_style, split_spans

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Embedders:
    """The models an index is built with: `dense` always, `multilingual` when enabled."""

    dense: Embedder
    multilingual: Embedder | None = None

    def spaces(self) -> dict[str, Embedder]:
        out: dict[str, Embedder] = {DENSE_SPACE: self.dense}
        if self.multilingual is not None:
            out[MULTILINGUAL_SPACE] = self.multilingual
        return out

    def model_names(self) -> dict[str, str]:
        return {space: e.name for space, e in self.spaces().items()}


@dataclass(frozen=True)
class ParsedDocument:
    source: Source
    loaded: LoadedDocument
    chunks: list[Chunk]
    sections: list[Section]


def resolve_path(source: Source, settings: Settings) -> Path:
    """Where a catalog document's file should be: corpus dir, downloads, or the user's documents."""
    for folder in (settings.corpus_dir, settings.downloads_dir, settings.user_docs_dir):
        candidate = folder / source.file
        if candidate.is_file():
            return candidate
    return settings.corpus_dir / source.file


def parse_document(loaded: LoadedDocument, embedder: Embedder, settings: Settings) -> ParsedDocument:
    """Clean pages, find structure, cut chunks and whole-section records."""
    pages = [clean_page(page) for page in loaded.pages]
    labels = {page.number: page.label for page in pages if page.label}
    lines = document_lines(pages)
    style = guess_style(lines)
    headings = find_headings(lines, style)
    spans = split_spans(lines, headings)
    # The heading line is part of embed_text, so the budget leaves it room.
    chunks = chunk_spans(loaded.source, loaded.sha256, spans, labels, embedder.count_tokens, settings.chunk_max_tokens)
    sections = build_sections(loaded.source.id, lines, headings, labels)
    return ParsedDocument(loaded.source, loaded, chunks, sections)


def run(
    settings: Settings, embedders: Embedders, only: Sequence[str] = (), rebuild: bool = False,
) -> IngestReport:
    """Build or update the index; unchanged input does no work, a failure leaves the old index.

    Usage example:
        report = run(Settings.from_env(), Embedders(MiniLMEmbedder(), E5Embedder()))
        print(report.totals)
    """
    started = time.perf_counter()
    sources = [s for s in load_catalog(settings) if s.available]
    unknown = set(only) - {s.id for s in sources}
    if unknown:
        raise CorpusError(f"Unknown document id(s) {', '.join(sorted(unknown))}; known: {', '.join(s.id for s in sources)}")
    store = IndexStore(make_client(settings), settings)
    old = store.stamp()
    report = IngestReport(index_location=store.location)
    paths = {s.id: resolve_path(s, settings) for s in sources}
    shas = {s.id: (file_sha256(p) if p.is_file() and p.stat().st_size else "") for s, p in ((s, paths[s.id]) for s in sources)}
    expected_hash = catalog_hash(sources)
    if not rebuild and _unchanged(old, embedders, expected_hash, shas):
        report.noop = True
        report.generation = old.generation
        report.documents = [DocumentReport(d, "unchanged", **_counts(old.documents[d])) for d in shas]
    else:
        _build(settings, embedders, store, old, sources, paths, shas, only, rebuild, expected_hash, report)
    _store_sentences(settings, store, embedders.dense, report)
    report.seconds = time.perf_counter() - started
    return report


def _store_sentences(settings: Settings, store: IndexStore, dense: Embedder, report: IngestReport) -> None:
    """Embed the build's passage sentences once, so answers only embed the question (reused when present)."""
    if not report.generation or not report.totals["chunks"]:
        return  # an empty build has no chunk collections to read
    started = time.perf_counter()
    folder = vectors_folder(settings.data_dir, settings.collection_prefix)
    try:
        report.sentences, report.sentences_embedded = store_sentence_vectors(
            store.all_chunks(), dense, folder, report.generation, settings.embed_batch_size, settings.progress)
    except OSError as exc:
        # The index itself is built and active; answers embed the sentences they need instead.
        log.warning("Could not store passage-sentence vectors in %s (%s); answers will embed sentences as "
                    "they need them", folder, exc)
        return
    if report.sentences_embedded:
        report.embed_seconds += time.perf_counter() - started


def _unchanged(old: Stamp | None, embedders: Embedders, expected_hash: str, shas: dict[str, str]) -> bool:
    if old is None or old.models != embedders.model_names() or old.chunker_version != CHUNKER_VERSION:
        return False
    if old.catalog_hash != expected_hash or set(old.documents) != set(shas):
        return False
    return all(old.documents[d].get("sha256") == sha and not old.documents[d].get("problem") for d, sha in shas.items())


def _counts(entry: dict) -> dict:
    return {key: entry.get(key, 0) for key in ("pages", "chunks", "sections")}


def _can_copy(source: Source, old: Stamp | None, embedders: Embedders, shas: dict[str, str],
              only: Sequence[str], rebuild: bool) -> bool:
    """Whether the previous build's chunks of this document can be carried over instead of re-read.

    `--only` carries over every other document as it was. Otherwise a document is carried over when
    neither its file, its catalog row, the models nor the chunker changed since it was indexed, so
    adding or removing one document does not re-read the others.
    """
    if rebuild or old is None or source.id not in old.documents:
        return False
    if only:
        return source.id not in only
    entry = old.documents[source.id]
    return (old.models == embedders.model_names() and old.chunker_version == CHUNKER_VERSION
            and not entry.get("problem") and entry.get("sha256") == shas.get(source.id)
            and entry.get("source_hash") == source_hash(source))


def source_hash(source: Source) -> str:
    """Fingerprint of one catalog row: a changed row (extraction mode, status) means re-reading the file."""
    return hashlib.sha256(json.dumps(asdict(source), sort_keys=True, default=str).encode()).hexdigest()[:16]


def _build(settings, embedders, store, old, sources, paths, shas, only, rebuild, expected_hash, report) -> None:
    writer = store.new_generation()
    spaces = embedders.spaces()
    caches = {} if rebuild else {space: _vector_cache(store, space) for space in spaces}
    documents: dict[str, dict] = {}
    seen_files: dict[str, str] = {}
    activated = False
    try:
        for source in tqdm(sources, desc="documents", unit="doc", disable=not settings.progress):
            doc_started = time.perf_counter()
            if _can_copy(source, old, embedders, shas, only, rebuild):
                writer.copy_document(source.id, list(spaces))
                documents[source.id] = old.documents[source.id]
                seen_files[old.documents[source.id].get("sha256", "")] = source.id  # so --only still refuses its copies
                report.documents.append(DocumentReport(source.id, "unchanged", paths[source.id].name, **_counts(old.documents[source.id])))
                continue
            doc_report, entry = _ingest_one(source, paths[source.id], settings, embedders, writer, caches, seen_files, report)
            if entry is None and old and source.id in old.documents:
                writer.copy_document(source.id, list(spaces))
                entry = {**old.documents[source.id], "problem": doc_report.reason}
                doc_report.status = "kept previous"
                doc_report.reason += "; the previously indexed version stays in the index"
            if entry is not None:
                documents[source.id] = entry
            doc_report.seconds = round(time.perf_counter() - doc_started, 2)
            report.documents.append(doc_report)
        stamp = Stamp(embedders.model_names(), CHUNKER_VERSION, expected_hash, documents, writer.generation)
        store.activate(writer, stamp)
        activated = True
        log.info("Activated index build %s", writer.generation)
        report.generation = writer.generation
    finally:
        if not activated:
            writer.discard()


def _ingest_one(source, path, settings, embedders, writer, caches, seen_files, report):
    doc_report = DocumentReport(source.id, "indexed", path.name)
    if not path.is_file():
        doc_report.status = "skipped"
        doc_report.reason = (f"file {source.file} not found in {settings.corpus_dir}; set ASSISTANT_CORPUS_DIR "
                             f"or run: python -m ingest --download")
        return doc_report, None
    load_started = time.perf_counter()
    log.info("Reading %s (%s)", source.id, path.name)
    loaded = load_document(source, path, read_limits(settings))
    doc_report.skipped_pages = list(loaded.problems)
    doc_report.pages = loaded.page_count
    refusal = loaded.error or _sha_problem(source, loaded.sha256, seen_files)
    if refusal:
        doc_report.status = "skipped"
        doc_report.reason = refusal
        return doc_report, None
    seen_files[loaded.sha256] = source.id
    parsed = parse_document(loaded, embedders.dense, settings)
    report.load_seconds += time.perf_counter() - load_started
    embed_started = time.perf_counter()
    for space, embedder in embedders.spaces().items():
        texts = [c.embed_text for c in parsed.chunks]
        hashes = [_text_hash(embedder.name, t) for t in texts]
        vectors, fresh = _embed_with_cache(embedder, texts, hashes, caches.get(space, {}), settings)
        if space == DENSE_SPACE:
            doc_report.embedded = fresh
        writer.add_chunks(space, parsed.chunks, vectors, hashes)
    titles = [" > ".join(s.heading_path) for s in parsed.sections]
    writer.add_sections(parsed.sections, embedders.dense.embed_passages(titles) if titles else [])
    report.embed_seconds += time.perf_counter() - embed_started
    doc_report.chunks, doc_report.sections = len(parsed.chunks), len(parsed.sections)
    entry = {"sha256": loaded.sha256, "pages": loaded.page_count, "chunks": len(parsed.chunks),
             "sections": len(parsed.sections), "skipped_pages": [p.page for p in loaded.problems],
             "source_hash": source_hash(source)}
    return doc_report, entry


def _sha_problem(source: Source, sha: str, seen_files: dict[str, str]) -> str:
    if source.sha256 and sha != source.sha256:
        return (f"changed file: sha256 {sha[:12]}... differs from the catalog's {source.sha256[:12]}...; not indexed. "
                f"If this is a new official version, update sha256 for {source.id} in the catalog.")
    if sha in seen_files:
        return f"duplicate: the same file as {seen_files[sha]}; not indexed twice"
    return ""


def _text_hash(model: str, text: str) -> str:
    return hashlib.sha256(f"{model}\n{text}".encode()).hexdigest()[:20]


def _vector_cache(store: IndexStore, space: str) -> dict[str, list[float]]:
    return {text_hash: vector for text_hash, vector in store.stored_vectors(space).values() if text_hash}


def _embed_with_cache(embedder, texts, hashes, cache, settings) -> tuple[list[list[float]], int]:
    missing = [i for i, h in enumerate(hashes) if h not in cache]
    fresh: dict[int, list[float]] = {}
    batch = settings.embed_batch_size
    with tqdm(total=len(missing), desc=f"embedding ({embedder.name})", unit="chunk",
              disable=not settings.progress or not missing, leave=False) as bar:
        for start in range(0, len(missing), batch):
            ids = missing[start : start + batch]
            for i, vector in zip(ids, embedder.embed_passages([texts[i] for i in ids])):
                fresh[i] = vector
            bar.update(len(ids))
    return [fresh[i] if i in fresh else cache[hashes[i]] for i in range(len(texts))], len(missing)
