"""Feedback store (SQLAlchemy Core): turns and ratings written, joined and exported as CSV/JSONL."""
from __future__ import annotations

import csv
import io
import json

import pytest

from assistant.config import Settings
from assistant.errors import AssistantError
from assistant.feedback import FeedbackStore, export_feedback
from assistant.types import Answer, AnswerStatus, Citation, DocStatus


def sample_answer() -> Answer:
    cite = Citation(1, "c1", "peca-2016-consolidated-2025", "PECA", "PECA 2016", DocStatus.CONSOLIDATED, "24",
                    ("24. Spoofing",), 14, "", "Whoever commits spoofing <script>x</script>")
    return Answer("What is spoofing?", AnswerStatus.ANSWERED, "Spoofing is an offence [1].", (cite,), seconds=1.5)


@pytest.fixture
def settings(tmp_path) -> Settings:
    return Settings.from_env(env={}, data_dir=tmp_path / "data")


def test_a_rating_is_stored_with_question_answer_and_citations(settings):
    store = FeedbackStore(settings)
    turn = store.log_turn("conv-1", sample_answer(), "extractive")
    store.record_feedback(turn, -1, "  wrong section  ")
    (row,) = list(store.rows())
    assert (row["rating"], row["comment"], row["question"], row["status"]) == (-1, "wrong section", "What is spoofing?", "answered")
    assert row["citations"][0]["section"] == "24" and row["citations"][0]["page"] == 14
    assert (settings.data_dir / "feedback.sqlite3").is_file()


def test_turns_without_feedback_are_not_exported_and_order_is_kept(settings):
    store = FeedbackStore(settings)
    store.log_turn("conv-1", sample_answer(), "extractive")
    rated = store.log_turn("conv-1", sample_answer(), "extractive")
    store.record_feedback(rated, 1)
    store.record_feedback(rated, -1, "changed my mind")
    assert [r["rating"] for r in store.rows()] == [1, -1]


def test_export_csv_and_jsonl(settings):
    store = FeedbackStore(settings)
    store.record_feedback(store.log_turn("c", sample_answer(), "extractive"), 1, "good, \"quoted\"\nline")
    out = io.StringIO()
    assert export_feedback(settings, "csv", out) == 1
    (row,) = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert row["rating"] == "1" and row["comment"] == 'good, "quoted"\nline'
    assert json.loads(row["citations"])[0]["quote"].endswith("<script>x</script>")
    out = io.StringIO()
    assert export_feedback(settings, "jsonl", out) == 1
    record = json.loads(out.getvalue().splitlines()[0])
    assert record["answer"] == "Spoofing is an offence [1]." and record["generator"] == "extractive"


def test_bad_rating_and_bad_format_are_refused_with_the_allowed_values(settings):
    with pytest.raises(ValueError, match="rating must be 1 .* or -1"):
        FeedbackStore(settings).record_feedback("t", 5)
    with pytest.raises(ValueError, match="choose one of: csv, jsonl"):
        export_feedback(settings, "xml", io.StringIO())


def test_an_unreachable_database_is_an_assistant_error(tmp_path):
    blocked = tmp_path / "file"
    blocked.write_text("not a directory")
    settings = Settings.from_env(env={}, data_dir=tmp_path, database_url=f"sqlite:///{blocked}/sub/x.sqlite3")
    with pytest.raises(AssistantError, match="Cannot write to the SQLite file .*/file/sub/x.sqlite3"):
        FeedbackStore(settings).log_turn("c", sample_answer(), "extractive")
