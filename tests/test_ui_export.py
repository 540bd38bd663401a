"""Markdown export of a conversation with its citations."""
from __future__ import annotations

from datetime import datetime, timezone

from assistant.types import Answer, AnswerStatus, Citation, DocStatus
from ui.export import conversation_markdown


def test_export_has_questions_answers_and_numbered_sources_with_quotes():
    cite = Citation(1, "c1", "draft-national-ai-policy-2023", "Draft AI Policy", "Draft National AI Policy 2023",
                    DocStatus.DRAFT, "4.1.2", ("4 Policy", "4.1.2 Skills"), 31, "7", "Line one.\nLine two.")
    result = Answer("What is 4.1.2?", AnswerStatus.ANSWERED, "It covers skills [1].", (cite,),
                    notes=("This is the 2023 consultation draft.",))
    messages = [{"role": "user", "content": "What is 4.1.2?"}, {"role": "assistant", "content": result.text, "answer": result}]
    text = conversation_markdown(messages, "Chat", now=datetime(2026, 1, 2, 3, 4, tzinfo=timezone.utc))
    assert text.startswith("# Chat\n\nExported 2026-01-02 03:04 UTC.")
    assert "## Q: What is 4.1.2?" in text and "It covers skills [1]." in text
    assert "[1] Draft National AI Policy 2023 **[DRAFT]**, section 4.1.2 — 4 Policy › 4.1.2 Skills, PDF page 31 (printed p. 7)" in text
    assert "> Line one.\n> Line two." in text
    assert "*Note: This is the 2023 consultation draft.*" in text
