"""Vectors of every passage sentence, computed once per index build, so answering embeds only the question.

The extractive answer and the citation judge score each sentence of the retrieved passages against the
question. Embedding those sentences at question time was most of a warm answer's cost (about 0.2 s of
0.25 s on 2 cores); the sentences only change when the index does, so ingest embeds them once and the
answering process reads them from `<data_dir>/sentence_vectors/<collection prefix>/<build>.npz`.
"""
from __future__ import annotations

import hashlib
import zipfile
import logging
import threading
import time
from pathlib import Path
from typing import Iterable, Sequence

import numpy as np
from tqdm import tqdm

from assistant.embed import Embedder
from assistant.language import passage_sentences
from assistant.types import Chunk

log = logging.getLogger(__name__)

# Bump when passage_sentences() changes, so stored files are rebuilt.
SENTENCE_VECTORS_VERSION = "2"
# Sentences embedded at question time (a passage added after the file was written) are kept up to this many.
MAX_REMEMBERED = 20_000
# Question vectors kept (oldest dropped first): enough for the turns answered at once by a few users.
RECENT_QUERIES = 64


def sentence_key(model: str, text: str) -> str:
    return hashlib.sha256(f"{model}\n{text}".encode()).hexdigest()[:20]


def vectors_folder(data_dir: Path, collection_prefix: str) -> Path:
    return data_dir / "sentence_vectors" / collection_prefix


def _file(folder: Path, generation: str) -> Path:
    return folder / f"{generation}-v{SENTENCE_VECTORS_VERSION}.npz"


def chunk_sentences(chunks: Iterable[Chunk]) -> list[str]:
    """Every distinct non-empty sentence of the chunks, in first-seen order."""
    return list(dict.fromkeys(s for chunk in chunks for s in passage_sentences(chunk.text) if s))


class SentenceVectors:
    """An Embedder that answers passage sentences from the stored vectors and embeds only what is new.

    Queries and unknown texts go to the wrapped model; unknown texts are remembered in memory.

    Usage example:
        sentences = SentenceVectors.load(MiniLMEmbedder(), vectors_folder(settings.data_dir, "policy"), stamp.generation)
        vectors = sentences.embed_passages(["The Authority may block access."])
    """

    def __init__(self, model: Embedder, known: dict[str, np.ndarray] | None = None) -> None:
        self.model = model
        self.name = model.name
        self.max_tokens = model.max_tokens
        self._known = dict(known or {})
        self._stored = len(self._known)
        self._lock = threading.Lock()
        self._queries: dict[str, list[float]] = {}

    @classmethod
    def load(cls, model: Embedder, folder: Path, generation: str) -> "SentenceVectors":
        """The vectors ingest stored for this build, or none (sentences are then embedded as they come)."""
        path = _file(folder, generation)
        known = _read(path, model.name)
        if known is None:
            log.info("No stored sentence vectors for build %s (%s); answers embed passage sentences as they "
                     "need them. `python -m ingest` stores them.", generation, path)
            known = {}
        return cls(model, known)

    @property
    def stored_count(self) -> int:
        return self._stored

    def embed_passages(self, texts: Sequence[str]) -> list[list[float]]:
        keys = [sentence_key(self.name, t) for t in texts]
        with self._lock:
            missing = list(dict.fromkeys(t for t, k in zip(texts, keys) if k not in self._known))
        fresh = {sentence_key(self.name, t): np.asarray(v, dtype=np.float32)
                 for t, v in zip(missing, self.model.embed_passages(missing) if missing else [])}
        with self._lock:
            if fresh and len(self._known) - self._stored + len(fresh) <= MAX_REMEMBERED:
                self._known.update(fresh)
            return [(fresh.get(k) if k in fresh else self._known[k]).tolist() for k in keys]

    def embed_query(self, text: str) -> list[float]:
        """The question's vector; the last few are kept, since deciding and composing one answer ask for the
        same question's vector several times (the figure checks, the sentence scores)."""
        with self._lock:
            cached = self._queries.get(text)
        if cached is not None:
            return list(cached)
        vector = self.model.embed_query(text)
        with self._lock:
            if len(self._queries) >= RECENT_QUERIES:
                self._queries.pop(next(iter(self._queries)))
            self._queries[text] = list(vector)
        return list(vector)

    def count_tokens(self, text: str) -> int:
        return self.model.count_tokens(text)


def store_sentence_vectors(chunks: Sequence[Chunk], model: Embedder, folder: Path, generation: str,
                           batch_size: int = 64, progress: bool = True) -> tuple[int, int]:
    """Write the vectors of every sentence of the build's chunks; returns (sentences, newly embedded).

    Vectors of an earlier build of the same model are reused, so adding one document embeds only its
    sentences. Files of other builds are removed once the new one is written.
    """
    target = _file(folder, generation)
    sentences = chunk_sentences(chunks)
    keys = [sentence_key(model.name, s) for s in sentences]
    stored = _read(target, model.name)
    if stored is not None and all(k in stored for k in keys):
        return len(keys), 0  # the build has not changed since its sentences were stored
    reused: dict[str, np.ndarray] = {}
    for earlier in sorted(folder.glob("*.npz"), key=lambda p: p.stat().st_mtime, reverse=True) if folder.is_dir() else []:
        reused = _read(earlier, model.name) or {}
        if reused:
            break
    missing = [i for i, k in enumerate(keys) if k not in reused]
    started = time.perf_counter()
    fresh: dict[str, np.ndarray] = {}
    with tqdm(total=len(missing), desc=f"sentence vectors ({model.name})", unit="sentence",
              disable=not progress or not missing, leave=False) as bar:
        for start in range(0, len(missing), batch_size):
            ids = missing[start : start + batch_size]
            for i, vector in zip(ids, model.embed_passages([sentences[i] for i in ids])):
                fresh[keys[i]] = np.asarray(vector, dtype=np.float32)
            bar.update(len(ids))
    vectors = np.stack([fresh[k] if k in fresh else reused[k] for k in keys]) if keys else np.zeros((0, 0), np.float32)
    folder.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    with partial.open("wb") as out:
        np.savez(out, keys=np.asarray(keys), vectors=vectors, model=np.asarray(model.name))
    partial.replace(target)  # a crash mid-write leaves the previous file, never half of one
    for other in folder.iterdir():
        if other != target and other.suffix in (".npz", ".partial"):
            other.unlink(missing_ok=True)
    log.info("Sentence vectors for build %s: %d sentences, %d embedded in %.1f s", generation, len(keys),
             len(missing), time.perf_counter() - started)
    return len(keys), len(missing)


def _read(path: Path, model_name: str) -> dict[str, np.ndarray] | None:
    if not path.is_file():
        return None
    try:
        with np.load(path, allow_pickle=False) as data:
            if str(data["model"]) != model_name:
                return None
            return dict(zip(data["keys"].tolist(), data["vectors"]))
    except (OSError, EOFError, ValueError, KeyError, zipfile.BadZipFile) as exc:
        log.warning("Ignoring unreadable sentence vectors %s: %s", path, exc)
        return None
