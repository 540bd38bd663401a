"""The command line, in process: help, sources, ask --json, show, batch, and errors on stderr."""
from __future__ import annotations

import importlib
import json

import pytest

from assistant.cli import main

BATCH_KEYS = {"id", "status", "answer", "citations", "retrieved", "rewritten_question", "seconds"}


def test_help_lists_the_commands(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    for command in ("ask", "batch", "show", "sources", "feedback-export"):
        assert command in out


def test_unknown_command_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["frobnicate"])
    assert exit_info.value.code == 2


def test_sources_lists_indexed_and_missing_documents(capsys):
    assert main(["sources"]) == 0
    out = capsys.readouterr().out
    indexed = [line for line in out.splitlines() if line.startswith("indexed")]
    missing = [line for line in out.splitlines() if line.startswith("NOT INDEXED")]
    assert any("peca-2016-consolidated-2025" in line for line in indexed)
    assert any("cloud-first-policy-2022" in line for line in missing)
    assert "python -m ingest add" in out


def test_empty_data_dir_says_how_to_build_the_index(capsys, isolated_data_dir):
    assert main(["ask", "What is the punishment for spoofing?"]) == 1
    captured = capsys.readouterr()
    assert captured.err.startswith("Error:") and "python -m ingest" in captured.err
    assert captured.out == ""


def test_feedback_export_writes_the_stored_ratings_as_csv(capsys, isolated_data_dir):
    from assistant.config import Settings
    from assistant.feedback import FeedbackStore
    from assistant.types import Answer, AnswerStatus

    store = FeedbackStore(Settings.from_env())
    turn = store.log_turn("conv", Answer("Is spoofing an offence?", AnswerStatus.ANSWERED, "Yes [1].", ()), "extractive")
    store.record_feedback(turn, -1, "cite the page")
    assert main(["feedback-export", "--format", "csv"]) == 0
    captured = capsys.readouterr()
    header, row = captured.out.splitlines()[:2]
    assert "question" in header and "Is spoofing an offence?" in row and "cite the page" in row
    assert "1 feedback rows exported" in captured.err


@pytest.fixture
def indexed(built_index, embedders, monkeypatch):
    """ASSISTANT_DATA_DIR at the session index; model loading reuses the session's models."""
    settings, _ = built_index
    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(settings.data_dir))
    monkeypatch.setenv("ASSISTANT_CORPUS_DIR", str(settings.corpus_dir))
    retrieve_module = importlib.import_module("assistant.retrieve")  # `assistant.retrieve` is also a function
    monkeypatch.setattr(retrieve_module, "MiniLMEmbedder", lambda *a, **k: embedders.dense)
    monkeypatch.setattr(retrieve_module, "E5Embedder", lambda *a, **k: embedders.multilingual)
    return settings


@pytest.mark.integration
def test_ask_json(indexed, capsys):
    assert main(["ask", "What is the punishment for spoofing?", "--json"]) == 0
    record = json.loads(capsys.readouterr().out)
    assert {"status", "answer", "citations", "retrieved"} <= set(record)
    assert record["status"] == "answered" and record["answer"]
    assert record["citations"] and all({"doc_id", "section", "page", "quote"} <= set(c) for c in record["citations"])
    retrieved = {(r["doc_id"], r["section"], r["page"]) for r in record["retrieved"]}
    assert all((c["doc_id"], c["section"], c["page"]) in retrieved for c in record["citations"])


@pytest.mark.integration
def test_ask_prints_sources_with_pdf_pages(indexed, capsys):
    assert main(["ask", "quote section 26A"]) == 0
    out = capsys.readouterr().out
    assert "Sources:" in out and "PDF page 25" in out


@pytest.mark.integration
def test_show_prints_the_whole_clause_and_its_page(indexed, resources, capsys):
    assert main(["show", "peca-2016-consolidated-2025", "26A"]) == 0
    out = capsys.readouterr().out
    section = resources.section("peca-2016-consolidated-2025", "26A")
    assert section.text in out
    assert "PDF page 25" in out


@pytest.mark.integration
def test_show_unknown_section_is_an_error(indexed, capsys):
    assert main(["show", "peca-2016-consolidated-2025", "999Z"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("Error:") and "999Z" in err and "26A" in err


@pytest.mark.integration
def test_show_unknown_document_is_an_error(indexed, capsys):
    assert main(["show", "no-such-doc", "1"]) == 1
    assert "Error:" in capsys.readouterr().err


@pytest.mark.integration
def test_batch_answers_every_line_and_reports_bad_ones(indexed, tmp_path, capsys):
    questions = tmp_path / "questions.jsonl"
    questions.write_text("\n".join([
        json.dumps({"id": "q1", "question": "What is the punishment for spoofing?"}),
        '{"id": "q2", "question": "broken',
        json.dumps({"id": "q3", "question": "and what about cyber stalking?",
                    "history": [{"role": "user", "content": "What is the punishment for spoofing under PECA?"}]}),
    ]) + "\n", encoding="utf-8")
    assert main(["batch", str(questions)]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) == 3
    records = [json.loads(line) for line in lines]
    good = [records[0], records[2]]
    assert [r["id"] for r in good] == ["q1", "q3"]
    for record in good:
        assert BATCH_KEYS <= set(record), set(record)
        assert record["status"] == "answered" and record["citations"]
    assert "spoofing" in records[2]["rewritten_question"].lower()
    bad = records[1]
    assert bad["status"] == "error" and "line 2" in bad["error"] and "seconds" in bad
