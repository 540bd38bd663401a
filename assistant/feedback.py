"""Feedback and chat log: every answered turn and its thumbs up/down, in any SQLAlchemy database.

SQLite in the data directory by default (`Settings.resolved_database_url`); a shared PostgreSQL
through `ASSISTANT_DATABASE_URL` when replicas run behind a load balancer. SQLAlchemy Core only,
portable column types, no dialect-specific SQL.

Usage example:
    store = FeedbackStore(Settings.from_env())
    turn = store.log_turn(conversation_id, answer, generator="extractive")
    store.record_feedback(turn, rating=1, comment="clear and cited")
    export_feedback(settings, "csv", sys.stdout)
"""
from __future__ import annotations

import csv
import json
import threading
import uuid
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any, Iterator, TextIO

from sqlalchemy import (Column, DateTime, Float, ForeignKey, Integer, MetaData, String, Table, Text, create_engine,
                        delete, insert, select)
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError

from assistant.config import Settings
from assistant.errors import AssistantError
from assistant.types import Answer

EXPORT_FORMATS = ("csv", "jsonl")
EXPORT_FIELDS = ("feedback_id", "created_at", "rating", "comment", "conversation_id", "turn_id", "question",
                 "rewritten_question", "status", "answer", "citations", "generator", "seconds")

metadata = MetaData()

turns = Table(
    "assistant_turns", metadata,
    Column("id", String(36), primary_key=True),
    Column("conversation_id", String(36), nullable=False, index=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("question", Text, nullable=False),
    Column("rewritten_question", Text, nullable=False, default=""),
    Column("status", String(32), nullable=False),
    Column("answer", Text, nullable=False),
    Column("citations", Text, nullable=False),  # JSON list; Text keeps it portable across dialects
    Column("generator", String(32), nullable=False),
    Column("seconds", Float, nullable=False, default=0.0),
)

feedback = Table(
    "assistant_feedback", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("turn_id", String(36), ForeignKey("assistant_turns.id"), nullable=False, index=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("rating", Integer, nullable=False),  # +1 thumbs up, -1 thumbs down
    Column("comment", Text, nullable=False, default=""),
)

_ENGINES: dict[str, Engine] = {}
_LOCK = threading.Lock()


def citation_records(result: Answer) -> list[dict[str, Any]]:
    """The citations of an answer as plain JSON-ready dicts."""
    return [
        {"n": c.number, "doc_id": c.doc_id, "short_name": c.short_name, "doc_status": c.doc_status.value,
         "section": c.section, "heading_path": list(c.heading_path), "page": c.page, "page_label": c.page_label,
         "quote": c.quote}
        for c in result.citations
    ]


class FeedbackStore:
    """Writes turns and ratings; tables are created on first use."""

    def __init__(self, settings: Settings) -> None:
        self.url = settings.resolved_database_url
        self.keep_days = settings.chat_log_days

    def _engine(self) -> Engine:
        with _LOCK:
            engine = _ENGINES.get(self.url)
            if engine is None:
                try:
                    if self.url.startswith("sqlite:///"):
                        Path(self.url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
                    engine = create_engine(self.url, pool_pre_ping=True)
                except (OSError, SQLAlchemyError, ImportError) as exc:
                    raise self._unavailable(exc) from exc
                _ENGINES[self.url] = engine
        try:
            metadata.create_all(engine, checkfirst=True)
        except SQLAlchemyError as exc:
            raise self._unavailable(exc) from exc
        return engine

    def _unavailable(self, exc: Exception) -> AssistantError:
        sqlite = self.url.startswith("sqlite:///")
        # Never echo a server URL: it may carry a password.
        where = f"the SQLite file {self.url.removeprefix('sqlite:///')}" if sqlite else "the feedback database"
        return AssistantError(f"Cannot write to {where} ({type(exc).__name__}). Check ASSISTANT_DATABASE_URL "
                              f"or that the data directory is writable; the answer itself is unaffected.")

    def log_turn(self, conversation_id: str, result: Answer, generator: str) -> str:
        """Store one answered (or refused) question; returns the turn id used for feedback."""
        turn_id = str(uuid.uuid4())
        row = {"id": turn_id, "conversation_id": conversation_id, "created_at": datetime.now(timezone.utc),
               "question": result.question, "rewritten_question": result.rewritten_question,
               "status": result.status.value, "answer": result.text,
               "citations": json.dumps(citation_records(result), ensure_ascii=False),
               "generator": generator, "seconds": float(result.seconds)}
        self._write(insert(turns).values(**row))
        self.forget_old_turns()
        return turn_id

    def forget_old_turns(self, now: datetime | None = None) -> int:
        """Delete logged questions older than the retention period, except those someone sent feedback on.

        Businesses type confidential facts into questions; the log keeps them only as long as configured.
        Returns how many turns were deleted.
        """
        if self.keep_days <= 0:
            return 0
        cutoff = (now or datetime.now(timezone.utc)) - timedelta(days=self.keep_days)
        rated = select(feedback.c.turn_id)
        engine = self._engine()
        try:
            with engine.begin() as connection:
                result = connection.execute(delete(turns).where(turns.c.created_at < cutoff, turns.c.id.not_in(rated)))
        except SQLAlchemyError as exc:
            raise self._unavailable(exc) from exc
        return result.rowcount or 0

    def record_feedback(self, turn_id: str, rating: int, comment: str = "") -> None:
        """Thumbs up (+1) or down (-1) with an optional comment, for a logged turn."""
        if rating not in (1, -1):
            raise ValueError(f"rating must be 1 (thumbs up) or -1 (thumbs down), got {rating!r}")
        self._write(insert(feedback).values(turn_id=turn_id, created_at=datetime.now(timezone.utc), rating=rating,
                                            comment=comment.strip()[:4000]))

    def _write(self, statement) -> None:
        engine = self._engine()
        try:
            with engine.begin() as connection:
                connection.execute(statement)
        except SQLAlchemyError as exc:
            raise self._unavailable(exc) from exc

    def rows(self) -> Iterator[dict[str, Any]]:
        """Every feedback entry joined with its question, answer and citations, oldest first."""
        engine = self._engine()
        query = (select(feedback.c.id.label("feedback_id"), feedback.c.created_at, feedback.c.rating,
                        feedback.c.comment, turns.c.conversation_id, turns.c.id.label("turn_id"), turns.c.question,
                        turns.c.rewritten_question, turns.c.status, turns.c.answer, turns.c.citations,
                        turns.c.generator, turns.c.seconds)
                 .select_from(feedback.join(turns, feedback.c.turn_id == turns.c.id))
                 .order_by(feedback.c.created_at, feedback.c.id))
        try:
            with engine.connect() as connection:
                result = [dict(row._mapping) for row in connection.execute(query)]
        except SQLAlchemyError as exc:
            raise self._unavailable(exc) from exc
        for row in result:
            row["created_at"] = row["created_at"].isoformat() if row["created_at"] else ""
            row["citations"] = json.loads(row["citations"] or "[]")
            yield row


def export_feedback(settings: Settings, fmt: str, out: TextIO) -> int:
    """Write all feedback (CSV or JSONL) to `out` for the evaluators; returns the number of rows."""
    if fmt not in EXPORT_FORMATS:
        raise ValueError(f"Unknown export format {fmt!r}; choose one of: {', '.join(EXPORT_FORMATS)}")
    count = 0
    writer = csv.DictWriter(out, fieldnames=EXPORT_FIELDS) if fmt == "csv" else None
    if writer:
        writer.writeheader()
    for row in FeedbackStore(settings).rows():
        count += 1
        if writer:
            writer.writerow({**row, "citations": json.dumps(row["citations"], ensure_ascii=False)})
        else:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    return count
