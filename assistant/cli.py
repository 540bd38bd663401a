"""`python -m assistant`: ask, batch, show, sources, feedback-export. Results on stdout, logs on stderr.

Usage example:
    python -m assistant ask "What is the punishment for spoofing?"
    python -m assistant show peca-2016-consolidated-2025 26A
    python -m assistant feedback-export --format csv > feedback.csv
    python -m assistant hash-password          # prompts; prints ASSISTANT_MAINTAINER_PASSWORD_HASH=...
"""
from __future__ import annotations

import argparse
import getpass
import json
import logging
import os
import sys
import time
from pathlib import Path
from typing import Any, Sequence

from assistant.access import hash_password
from assistant.answer import answer
from assistant.catalog import load_catalog, user_catalog_problems
from assistant.config import Settings
from assistant.errors import AssistantError
from assistant.feedback import EXPORT_FORMATS, export_feedback
from assistant.retrieve import Resources
from assistant.tables_view import print_table
from assistant.types import Answer


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m assistant",
                                     description="Ask questions about Pakistan's AI policy and cyber laws; answers cite document, section and page.")
    parser.add_argument("--data-dir", type=Path, help="folder holding the index (env ASSISTANT_DATA_DIR)")
    parser.add_argument("--generator", help="extractive (default), llamacpp, ollama or openai (env ASSISTANT_GENERATOR)")
    sub = parser.add_subparsers(dest="command", required=True)
    ask = sub.add_parser("ask", help="answer one question")
    ask.add_argument("question")
    ask.add_argument("--json", action="store_true", help="print the answer as JSON")
    ask.add_argument("--doc", action="append", default=[], metavar="ID", help="search only this document; repeatable")
    ask.add_argument("--history", type=Path, help="JSON file with earlier turns: [{\"role\", \"content\"}]")
    batch = sub.add_parser("batch", help="answer every line of a JSONL file ({id, question, history?}); JSONL out")
    batch.add_argument("file", type=Path)
    show = sub.add_parser("show", help="print a section's full text with its pages")
    show.add_argument("doc_id")
    show.add_argument("section", help='section label as printed, e.g. 26A, 4.1.2, "Chapter IC"')
    sub.add_parser("sources", help="list known documents: indexed, and known but missing")
    export = sub.add_parser("feedback-export", help="write the app's feedback (question, answer, citations, vote, comment)")
    export.add_argument("--format", choices=EXPORT_FORMATS, default="jsonl", help="csv or jsonl (default jsonl)")
    penalties = sub.add_parser("penalties", help="the offences-and-penalties table of the indexed statutes")
    penalties.add_argument("--doc", metavar="ID", help="only this document")
    penalties.add_argument("--json", action="store_true", help="JSON rows instead of a table")
    obligations = sub.add_parser("obligations", help="the duties the indexed statutes put on each party")
    obligations.add_argument("--who", help='only duties of this party, e.g. "service provider"')
    obligations.add_argument("--json", action="store_true", help="JSON rows instead of a table")
    amendments = sub.add_parser("amendments", help="which Act inserted, substituted, amended or omitted each section")
    amendments.add_argument("section", nargs="?", help="only this section, e.g. 26A")
    amendments.add_argument("--json", action="store_true", help="JSON rows instead of a table")
    sub.add_parser("hash-password", help="make the maintainer password hash for ASSISTANT_MAINTAINER_PASSWORD_HASH "
                                         "(reads the password from the terminal, or one line of stdin)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point; 0 ok, 1 error, 2 usage."""
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)
    try:
        settings = Settings.from_env(data_dir=args.data_dir, generator=args.generator)
        if args.command == "sources":
            return _sources(settings)
        if args.command == "hash-password":
            return _hash_password()
        if args.command == "feedback-export":
            count = export_feedback(settings, args.format, sys.stdout)
            print(f"{count} feedback rows exported", file=sys.stderr)
            return 0
        resources = Resources.load(settings)
        if args.command == "ask":
            history = json.loads(args.history.read_text(encoding="utf-8")) if args.history else []
            result = answer(args.question, resources, settings, history=history, doc_ids=args.doc)
            print(json.dumps(answer_record(result), ensure_ascii=False, indent=2) if args.json else format_answer(result))
            return 0
        if args.command == "batch":
            return _batch(args.file, resources, settings)
        if args.command in ("penalties", "obligations", "amendments"):
            return print_table(args, resources)
        return _show(resources, args.doc_id, args.section)
    except (AssistantError, ValueError, OSError) as exc:
        if os.environ.get("ASSISTANT_DEBUG"):
            raise
        print(f"Error: {exc}", file=sys.stderr)
        return 1


def answer_record(result: Answer) -> dict[str, Any]:
    """The JSON shape shared by `ask --json` and `batch`."""
    return {
        "status": "answered" if result.status.value == "answered" else "not_in_corpus",
        "reason": result.status.value,
        "answer": result.text,
        "notes": list(result.notes),
        "citations": [
            {"n": c.number, "doc_id": c.doc_id, "title": c.title, "doc_status": c.doc_status.value, "section": c.section,
             "heading_path": list(c.heading_path), "page": c.page, "page_label": c.page_label, "quote": c.quote}
            for c in result.citations
        ],
        "retrieved": [{"doc_id": h.chunk.doc_id, "section": h.chunk.section, "page": h.chunk.page_start,
                       "score": h.score} for h in result.hits[:10]],
        "rewritten_question": result.rewritten_question,
        "seconds": result.seconds,
    }


def format_answer(result: Answer) -> str:
    """Answer text, notes, then numbered sources."""
    lines = [result.text]
    lines += [f"Note: {note}" for note in result.notes]
    if result.citations:
        lines.append("")
        lines.append("Sources:")
        for c in result.citations:
            draft = {"draft": " [DRAFT]", "user-added": " [USER-ADDED, UNVERIFIED]"}.get(c.doc_status.value, "")
            label = f" (printed p. {c.page_label})" if c.page_label else ""
            lines.append(f"[{c.number}] {c.short_name if hasattr(c, 'short_name') else c.title}{draft}, "
                         f"{' > '.join(c.heading_path[-1:])}, PDF page {c.page}{label}")
    return "\n".join(lines)


def _batch(path: Path, resources: Resources, settings: Settings) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        started = time.perf_counter()
        record: dict[str, Any] = {"id": None}
        try:
            item = json.loads(line)
            record["id"] = item.get("id", number)
            result = answer(item["question"], resources, settings, history=item.get("history") or [])
            record.update(answer_record(result))
        except Exception as exc:  # one bad line must not stop the batch
            record.update({"status": "error", "error": f"line {number}: {type(exc).__name__}: {exc}",
                           "seconds": round(time.perf_counter() - started, 3)})
        print(json.dumps(record, ensure_ascii=False), flush=True)
    return 0


def _show(resources: Resources, doc_id: str, label: str) -> int:
    section = resources.section(doc_id, label)
    if section is None:
        labels = sorted({s.label for s in resources.sections if s.doc_id == doc_id})
        if not labels:
            raise AssistantError(f"No indexed document {doc_id!r}. Run: python -m assistant sources")
        raise AssistantError(f"No section {label!r} in {doc_id}. Sections: {', '.join(labels[:80])}")
    pages = f"PDF page {section.page_start}" + (f"-{section.page_end}" if section.page_end != section.page_start else "")
    print(f"{' > '.join(section.heading_path)}\n{doc_id}, {pages}\n\n{section.text}")
    return 0


def _hash_password() -> int:
    if sys.stdin.isatty():
        password = getpass.getpass("Maintainer password: ")
        if getpass.getpass("Again: ") != password:
            raise ValueError("The two passwords differ; nothing was printed.")
    else:
        password = sys.stdin.readline().rstrip("\n")
    print(f"ASSISTANT_MAINTAINER_PASSWORD_HASH={hash_password(password)}")
    return 0


def _sources(settings: Settings) -> int:
    for source in load_catalog(settings):
        state = "indexed" if source.available else "NOT INDEXED"
        status = "user-added, unverified" if source.status.value == "user-added" else source.status.value
        print(f"{state:12} {source.id:44} {status:13} {source.date:10} {source.short_name}")
        if not source.available and source.url:
            print(f"{'':12} add: download {source.url} into the corpus folder, then python -m ingest add FILE.pdf --title ...")
    for problem in user_catalog_problems(settings):
        print(f"Warning: {problem}", file=sys.stderr)
    return 0
