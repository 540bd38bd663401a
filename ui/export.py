"""The conversation as a Markdown file: questions, answers, notes and numbered citations with quotes."""
from __future__ import annotations

from datetime import datetime, timezone
from typing import Any, Sequence

from assistant.types import Answer


def _quote_block(text: str) -> str:
    return "\n".join("> " + line if line.strip() else ">" for line in text.strip().splitlines())


def answer_markdown(result: Answer) -> str:
    """One answer with its notes and a numbered source list."""
    parts = [result.text.strip()]
    parts += [f"*Note: {note}*" for note in result.notes]
    if result.citations:
        lines = ["**Sources**", ""]
        for c in result.citations:
            draft = " **[DRAFT]**" if c.doc_status.value in ("draft", "bill") else ""
            printed = f" (printed p. {c.page_label})" if c.page_label else ""
            path = " › ".join(c.heading_path)
            lines.append(f"[{c.number}] {c.short_name}{draft}, section {c.section} — {path}, PDF page {c.page}{printed}")
            lines.append("")
            lines.append(_quote_block(c.quote))
            lines.append("")
        parts.append("\n".join(lines).rstrip())
    return "\n\n".join(parts)


def conversation_markdown(messages: Sequence[dict[str, Any]], title: str = "Conversation",
                          now: datetime | None = None) -> str:
    """All turns in order; assistant turns carry their citations."""
    stamp = (now or datetime.now(timezone.utc)).strftime("%Y-%m-%d %H:%M UTC")
    out = [f"# {title}", "", f"Exported {stamp}. PDF page numbers are 1-based pages of the PDF file.", ""]
    for message in messages:
        if message["role"] == "user":
            out += [f"## Q: {message['content'].strip()}", ""]
        elif isinstance(message.get("answer"), Answer):
            out += [answer_markdown(message["answer"]), ""]
        else:
            out += [str(message.get("content", "")), ""]
    return "\n".join(out).rstrip() + "\n"
