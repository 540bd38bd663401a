"""Frozen values that cross stage boundaries: corpus -> ingest -> index -> retrieve -> answer."""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class DocStatus(StrEnum):
    """Legal standing of a document; drives the DRAFT labels users see."""

    DRAFT = "draft"
    FINAL = "final"
    IN_FORCE = "in force"
    CONSOLIDATED = "consolidated"
    AMENDING_ACT = "amending act"
    BILL = "bill"
    USER = "user-added"


# Acts and ordinances, as enacted, consolidated or amending: their sections are short, self-contained rules with
# their penalty at the end.
STATUTES = (DocStatus.IN_FORCE, DocStatus.CONSOLIDATED, DocStatus.AMENDING_ACT)
# Policies, draft or final: numbered programmes that direct government bodies and bind no business.
POLICIES = (DocStatus.DRAFT, DocStatus.FINAL)


class AnswerStatus(StrEnum):
    """Outcome of answer(): decided from retrieval evidence before any generation."""

    ANSWERED = "answered"
    NOT_IN_CORPUS = "not_in_corpus"
    MISSING_DOCUMENT = "missing_document"
    OUT_OF_DOMAIN = "out_of_domain"
    INVALID_QUESTION = "invalid_question"


@dataclass(frozen=True)
class Source:
    """One document the assistant knows about, indexed or not (a catalog row)."""

    id: str
    title: str
    short_name: str
    issuer: str
    date: str
    status: DocStatus
    available: bool
    url: str = ""
    sha256: str = ""
    file: str = ""
    extraction_mode: str = "plain"
    aliases: tuple[str, ...] = ()
    note: str = ""
    # Id of the indexed document this is another version of ("PECA as passed" of the consolidated PECA).
    version_of: str = ""
    # What a document that is not indexed deals with ("transferring personal data outside Pakistan").
    subjects: tuple[str, ...] = ()

    @property
    def is_draft(self) -> bool:
        return self.status in (DocStatus.DRAFT, DocStatus.BILL)


@dataclass(frozen=True)
class Page:
    """Cleaned text of one PDF page; `number` is 1-based, `label` is the printed page number."""

    source_id: str
    number: int
    text: str
    label: str = ""


@dataclass(frozen=True)
class Section:
    """A whole clause of a document (e.g. PECA s. 26A), kept so it can be quoted in full."""

    doc_id: str
    label: str
    title: str
    heading_path: tuple[str, ...]
    page_start: int
    page_end: int
    text: str
    page_label: str = ""

    @property
    def key(self) -> str:
        return f"{self.doc_id}::{self.label}"


@dataclass(frozen=True)
class Chunk:
    """A retrievable passage with full provenance; `id` is deterministic."""

    id: str
    doc_id: str
    doc_status: DocStatus
    section: str
    section_title: str
    heading_path: tuple[str, ...]
    page_start: int
    page_end: int
    page_label: str
    ordinal: int
    text: str

    @property
    def embed_text(self) -> str:
        """What the embedding model reads: the heading path gives a bare sub-clause its topic."""
        heading = " > ".join(self.heading_path)
        return f"{heading}\n{self.text}" if heading else self.text


@dataclass(frozen=True)
class Hit:
    """A retrieved chunk with every score that put it there."""

    chunk: Chunk
    score: float
    scores: dict[str, float] = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class Citation:
    """A verified reference from an answer sentence to a retrieved passage."""

    number: int
    chunk_id: str
    doc_id: str
    title: str
    short_name: str
    doc_status: DocStatus
    section: str
    heading_path: tuple[str, ...]
    page: int
    page_label: str
    quote: str


@dataclass(frozen=True)
class Answer:
    """What answer() returns to the CLI, the app and the evals."""

    question: str
    status: AnswerStatus
    text: str
    citations: tuple[Citation, ...] = ()
    hits: tuple[Hit, ...] = ()
    rewritten_question: str = ""
    notes: tuple[str, ...] = ()
    seconds: float = 0.0
    # The catalog's own words at the start of `text` (a document's status, a corrected premise): they cite
    # no passage, so citation checking and its evaluation skip them.
    preamble: str = ""
