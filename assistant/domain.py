"""Whether a question is on the documents' subject at all, read from what they deal with.

What the indexed documents deal with is their section titles ("PECA 2016: Spamming") and the catalog's
documents, with the subjects listed for those not indexed. What lies outside is a list of other fields
(other_fields.toml: tax, labour law, travel documents, sport, recipes ...). A question that reads clearly
closer to another field than to anything the documents deal with, or to the best passage sentences found
for it, is out of domain: its decline says so instead of "the documents do not answer this".

Usage example:
    field = outside_field(question, best_passage_similarity, sentences, domain_descriptions(sections, sources))
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Sequence

import numpy as np

from assistant.embed import Embedder
from assistant.types import DocStatus, Section, Source

OTHER_FIELDS_PATH = Path(__file__).with_name("other_fields.toml")


@dataclass(frozen=True)
class OtherFields:
    fields: tuple[str, ...]
    margin: float


@lru_cache(maxsize=2)
def load_other_fields(path: Path = OTHER_FIELDS_PATH) -> OtherFields:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return OtherFields(tuple(str(f) for f in data["fields"]), float(data["margin"]))


def domain_descriptions(sections: Sequence[Section], sources: Sequence[Source]) -> list[str]:
    """What the documents deal with, in short lines: each official section's title under its document's short
    name, each catalog document's title and listed subjects. A user-added document's titles are not read: an
    upload may not widen what the assistant takes as its subject."""
    official = {s.id: s for s in sources if s.status is not DocStatus.USER}
    lines = [f"{official[x.doc_id].short_name}: {x.title}" for x in sections if x.title and x.doc_id in official]
    lines += [f"{s.short_name}: {subject}" for s in official.values() for subject in s.subjects]
    lines += [s.title for s in official.values()]
    return list(dict.fromkeys(lines))


def outside_field(question: str, passage_similarity: float, sentences: Embedder, descriptions: Sequence[str],
                  other: OtherFields | None = None) -> str | None:
    """The other field a question reads closest to, when it reads closer to it by the margin than to every
    description of the documents' domain and than `passage_similarity` (its closest passage sentence); else
    None."""
    other = other or load_other_fields()
    if not descriptions or not other.fields:
        return None
    question_vector = np.array(sentences.embed_query(question))
    domain = float((_vectors(sentences, tuple(descriptions)) @ question_vector).max())
    fields = _vectors(sentences, other.fields) @ question_vector
    best = int(fields.argmax())
    return other.fields[best] if fields[best] - max(domain, passage_similarity) >= other.margin else None


@lru_cache(maxsize=8)
def _vectors(sentences: Embedder, texts: tuple[str, ...]) -> np.ndarray:
    """The texts' vectors as one matrix, kept per model and text list: the same few hundred lines are read for
    every question, and only change when the index does."""
    return np.array(sentences.embed_passages(list(texts)), dtype=np.float32)
