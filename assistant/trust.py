"""User-added documents never speak for the law: their passages are searched apart from the official ones.

Anyone who can reach an upload form can add a PDF, so an added document is untrusted input. It answers
only when the user asked about it (named it, or chose it in the document filter). Otherwise the official
documents answer, and an added document that also matched is reported beside the answer, labelled
"user-added, unverified", never in the answer's place. When the question names an official instrument
("under PECA") the added document is only named, not quoted: the user asked what PECA says.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

from assistant.catalog import sources_named
from assistant.query import gives_orders
from assistant.types import DocStatus, Hit, Source

UNVERIFIED = "user-added, unverified"
# The longest quote of an added document shown beside an answer.
_NOTE_QUOTE_CHARS = 240
_SENTENCE = re.compile(r"(?<=[.;:!?])\s+")
_MARKUP = re.compile(r"[<>\[\]`*#|_{}\\]")


@dataclass(frozen=True)
class Scope:
    """Which indexed documents answer a question, and which added ones are searched only to be reported."""

    answer_from: tuple[str, ...]
    report_only: tuple[str, ...]
    names_official: bool


def search_scope(named_ids: Sequence[str], sources: Sequence[Source], indexed: set[str], chosen: Sequence[str] = ()
                 ) -> Scope:
    """Official documents answer unless the user asked about an added one by name (`named_ids`, the documents the
    question names) or by choosing it."""
    added = [s.id for s in sources if s.status is DocStatus.USER and s.id in indexed]
    named = [s for s in sources_named(named_ids, sources) if s.id in indexed]
    names_official = any(s.status is not DocStatus.USER for s in named)
    if chosen:
        return Scope(tuple(chosen), (), names_official)
    if not added or any(s.id in added for s in named):
        return Scope((), (), names_official)  # () = every indexed document
    official = tuple(s.id for s in sources if s.id in indexed and s.id not in added)
    return Scope(official, tuple(added), names_official)


def is_added(doc_id: str, sources: Sequence[Source]) -> bool:
    return any(s.id == doc_id and s.status is DocStatus.USER for s in sources)


def added_document_note(hits: Sequence[Hit], question: str, sources: Sequence[Source], names_official: bool) -> str:
    """One line about the best added-document passage, labelled unverified; '' when there is none.

    The passage is quoted as inert text: markup is stripped and sentences that give the assistant
    orders are left out. Under a question that names an official instrument it is not quoted at all.
    """
    if not hits:
        return ""
    chunk = hits[0].chunk
    source = next((s for s in sources if s.id == chunk.doc_id), None)
    title = _inert(source.short_name if source else chunk.doc_id)[:120]
    where = f"“{title}” ({UNVERIFIED}, PDF page {chunk.page_start})"
    if names_official:
        return (f"A {UNVERIFIED} document, {where}, also matched this question. It is not quoted because "
                f"the question asks about an official text; ask about it by name to read it.")
    quote = best_sentence(chunk.text, question)
    if not quote:
        return f"A {UNVERIFIED} document, {where}, also matched this question; it is not an official text."
    return f"A {UNVERIFIED} document, {where}, says: “{quote}” It is not an official text and was not checked."


def best_sentence(text: str, question: str) -> str:
    """The passage sentence sharing most words with the question, without orders to the assistant or markup."""
    words = set(re.findall(r"\w{3,}", question.lower()))
    best, best_score = "", 0
    for sentence in _SENTENCE.split(" ".join(text.split())):
        if gives_orders(sentence):
            continue
        score = len(words & set(re.findall(r"\w{3,}", sentence.lower())))
        if score > best_score:
            best, best_score = sentence, score
    best = _inert(best)
    return best if len(best) <= _NOTE_QUOTE_CHARS else best[:_NOTE_QUOTE_CHARS].rsplit(" ", 1)[0] + " …"


def _inert(text: str) -> str:
    return " ".join(_MARKUP.sub(" ", text).split())
