"""The comparison baseline, built the common way: pypdf pages -> RecursiveCharacterTextSplitter(1000, 200)
-> the same all-MiniLM-L6-v2 embedder -> a real Chroma collection -> dense top-4 -> cited passages' best sentences.

It shares nothing with the project's retrieval or citation code, so the report's project/baseline ratios
show what the structure-aware chunks, hybrid retrieval, refusals and citation checks buy. Embeddings
are cached by content hash (`data/eval-cache/`), so a re-run only embeds the questions.

Usage example:
    baseline = Baseline.build(corpus_dir, MiniLMEmbedder(), workdir)
    hits = baseline.search("What is the punishment for spoofing?")   # 4 BaselineHit, best first
    text, quotes = baseline.answer("What is the punishment for spoofing?")
"""
from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

import numpy as np

from assistant.config import PROJECT_ROOT
from assistant.embed import Embedder

CHUNK_SIZE = 1000
CHUNK_OVERLAP = 200
TOP_K = 4
# How many of the top passages contribute their best sentence to the answer.
ANSWER_SENTENCES = 3
CACHE_DIR = PROJECT_ROOT / "data" / "eval-cache"
_SENTENCE = re.compile(r"(?<=[.;:])\s+|\n(?=\(?[A-Z0-9])")
_WORD = re.compile(r"[a-z]{3,}")


@dataclass(frozen=True)
class BaselineHit:
    """A baseline passage: document, 1-based PDF page, text, cosine similarity."""

    doc_id: str
    page: int
    text: str
    score: float


def load_pages(corpus_dir: Path) -> list[tuple[str, int, str]]:
    """(doc_id, 1-based page, text) for every page of every PDF, pypdf's default extraction (PyPDFLoader's)."""
    from pypdf import PdfReader

    pages = []
    for pdf in sorted(corpus_dir.glob("*.pdf")):
        for number, page in enumerate(PdfReader(pdf).pages, 1):
            pages.append((pdf.stem, number, page.extract_text() or ""))
    return pages


def split_pages(pages: Sequence[tuple[str, int, str]]) -> list[tuple[str, int, str]]:
    """LangChain's RecursiveCharacterTextSplitter(1000, 200) per page; each chunk keeps its page."""
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    splitter = RecursiveCharacterTextSplitter(chunk_size=CHUNK_SIZE, chunk_overlap=CHUNK_OVERLAP)
    return [(doc_id, page, chunk) for doc_id, page, text in pages for chunk in splitter.split_text(text)]


def cached_embeddings(texts: Sequence[str], embedder: Embedder, cache_dir: Path = CACHE_DIR) -> list[list[float]]:
    """Passage vectors, read from cache_dir when the same model embedded the same texts before."""
    key = hashlib.sha256(json.dumps([embedder.name, list(texts)]).encode("utf-8")).hexdigest()[:16]
    path = cache_dir / f"baseline-{key}.npy"
    if path.is_file():
        return np.load(path).tolist()
    vectors = embedder.embed_passages(list(texts))
    cache_dir.mkdir(parents=True, exist_ok=True)
    np.save(path, np.asarray(vectors, dtype=np.float32))
    return vectors


class Baseline:
    """Dense top-4 over a Chroma collection of 1000/200 character chunks."""

    def __init__(self, collection, embedder: Embedder, chunks: int) -> None:
        self.collection = collection
        self.embedder = embedder
        self.chunks = chunks

    @classmethod
    def build(cls, corpus_dir: Path, embedder: Embedder, workdir: Path, cache_dir: Path = CACHE_DIR) -> "Baseline":
        """Split, embed (or reuse cached vectors) and store the corpus in a fresh Chroma in workdir."""
        import chromadb
        from chromadb.config import Settings as ChromaSettings

        chunks = split_pages(load_pages(corpus_dir))
        vectors = cached_embeddings([text for _, _, text in chunks], embedder, cache_dir)
        client = chromadb.PersistentClient(path=str(workdir), settings=ChromaSettings(anonymized_telemetry=False))
        collection = client.get_or_create_collection("baseline", metadata={"hnsw:space": "cosine"})
        for start in range(0, len(chunks), 500):
            batch = chunks[start : start + 500]
            collection.add(ids=[f"b{start + i}" for i in range(len(batch))], embeddings=vectors[start : start + 500],
                           documents=[text for _, _, text in batch],
                           metadatas=[{"doc_id": doc_id, "page": page} for doc_id, page, _ in batch])
        return cls(collection, embedder, len(chunks))

    def search(self, question: str, k: int = TOP_K) -> list[BaselineHit]:
        """The k nearest chunks by cosine similarity."""
        found = self.collection.query(query_embeddings=[self.embedder.embed_query(question)], n_results=k)
        return [BaselineHit(meta["doc_id"], int(meta["page"]), text, 1.0 - float(distance))
                for text, meta, distance in zip(found["documents"][0], found["metadatas"][0], found["distances"][0])]

    def answer(self, question: str) -> tuple[str, list[BaselineHit], list[str]]:
        """(answer text with [n] markers, the top-4 hits, the passage each marker n points to)."""
        hits = self.search(question)
        return best_sentences(question, [h.text for h in hits]), hits, [h.text for h in hits]


def best_sentences(question: str, passages: Sequence[str], limit: int = ANSWER_SENTENCES) -> str:
    """From each of the first `limit` passages, the sentence sharing most words with the question, cited [n]."""
    asked = set(_WORD.findall(question.lower()))
    picked = []
    for n, passage in enumerate(passages[:limit], 1):
        sentences = [" ".join(s.split()) for s in _SENTENCE.split(passage) if len(s.split()) >= 4]
        if not sentences:
            continue
        best = max(sentences, key=lambda s: len(asked & set(_WORD.findall(s.lower()))))
        picked.append(f"{best.rstrip(' .')}. [{n}]")
    return " ".join(picked)


def evaluate_baseline(items: Sequence[dict], baseline: Baseline) -> dict:
    """Score the baseline on the same items and checks as the project ({"summary", "items"}).

    The baseline never refuses and ignores chat history (the common pipeline has neither); it retrieves
    only 4 passages, so its recall@5 and recall@10 are recall@4.
    """
    import time

    from evals.metrics import key_facts_found
    from evals.run import citation_checks, summarise

    records = []
    for item in items:
        started = time.perf_counter()
        text, hits, quotes = baseline.answer(item["question"])
        seconds = time.perf_counter() - started
        flags = [any(h.doc_id == g["doc_id"] and h.page in g["pages"] for g in item["gold"]) for h in hits]
        records.append({
            "id": item["id"], "kind": item["kind"], "question": item["question"], "answerable": item["answerable"],
            "status": "answered", "answer": text, "refused": False, "expected_refusal": item.get("refusal_reason"),
            "seconds": round(seconds, 3), "relevance": flags,
            "citations": [{"n": n, "doc_id": h.doc_id, "page": h.page, "valid": True} for n, h in enumerate(hits, 1)
                          if f"[{n}]" in text],
            "sentences": citation_checks(text, dict(enumerate(quotes, 1))),
            "key_facts": item.get("key_facts") or [],
            "key_facts_ok": key_facts_found(text, item.get("key_facts") or []),
        })
    return {"summary": summarise(records), "items": records}
