"""What an ingest run did, per document, for the summary table and --json."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field

from ingest.load import PageProblem


@dataclass
class DocumentReport:
    """Outcome for one document: indexed, unchanged, kept previous version, or skipped."""

    doc_id: str
    status: str
    file: str = ""
    pages: int = 0
    chunks: int = 0
    sections: int = 0
    embedded: int = 0
    skipped_pages: list[PageProblem] = field(default_factory=list)
    reason: str = ""
    seconds: float = 0.0

    @property
    def has_problem(self) -> bool:
        return self.status in ("skipped", "kept previous") or bool(self.skipped_pages)


@dataclass
class IngestReport:
    """The whole run; `ok` is False when any document or page was skipped."""

    documents: list[DocumentReport] = field(default_factory=list)
    noop: bool = False
    seconds: float = 0.0
    load_seconds: float = 0.0
    embed_seconds: float = 0.0
    generation: str = ""
    index_location: str = ""
    # Distinct passage sentences whose vectors are stored for answering (assistant/sentence_vectors.py).
    sentences: int = 0
    sentences_embedded: int = 0

    @property
    def ok(self) -> bool:
        return not any(d.has_problem for d in self.documents)

    @property
    def totals(self) -> dict[str, int]:
        return {
            "pages": sum(d.pages for d in self.documents),
            "chunks": sum(d.chunks for d in self.documents),
            "sections": sum(d.sections for d in self.documents),
            "embedded": sum(d.embedded for d in self.documents),
            "skipped_pages": sum(len(d.skipped_pages) for d in self.documents),
        }

    def to_dict(self) -> dict:
        data = asdict(self)
        data["ok"] = self.ok
        data["totals"] = self.totals
        return data
