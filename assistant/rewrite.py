"""Follow-up rewriting: make "and the fine?" standalone before retrieval.

Rule-based for the extractive generator; asked of the LLM for the others, with the rule-based rewrite as
the fallback whenever the model fails or replies with something that is not a question.
"""
from __future__ import annotations

import logging
import re
from typing import Any, Callable, Sequence

from assistant.config import Settings
from assistant.generate import build_chat_model
from assistant.prompt import build_rewrite_messages
from assistant.question_type import CONTEXT_MARKER
from assistant.references import find_references

logger = logging.getLogger(__name__)

_FOLLOW_UP = re.compile(r"\b(it|its|that|this|these|those|they|them|there|the same|such|above)\b|^(and|what about|how about|also)\b", re.I)
# A rewrite longer than this many times the rule-based one (follow-up + previous question) is the model
# answering or rambling, not rewriting.
MAX_GROWTH = 3
_LABEL = re.compile(r"^(standalone question|rewritten question|question)\s*:\s*", re.I)
_MARKER = re.compile(r"\[\d{1,2}\]")


def rewrite_question(question: str, history: Sequence[dict], settings: Settings,
                     chat_model_factory: Callable[[Settings], Any] = build_chat_model) -> str:
    """The question made standalone from the conversation: by rule for extractive, by the LLM otherwise.

    The LLM is asked only when the rules see a follow-up (a question naming its own clause, or a long
    one naming a document, is left alone), so a standalone question costs no model call.

    Usage example:
        rewrite_question("and the fine?", [{"role": "user", "content": "What is spoofing under PECA?"}], settings)
    """
    by_rule = rewrite_follow_up(question, history)
    if settings.generator == "extractive" or by_rule == question:
        return by_rule
    try:
        reply = chat_model_factory(settings).invoke(build_rewrite_messages(question, history))
    except Exception as exc:  # any backend failure: the rule-based rewrite still lets the answer go on
        logger.warning("LLM rewrite failed (%s: %s); using the rule-based rewrite", type(exc).__name__, exc)
        return by_rule
    rewritten = clean_rewrite(str(getattr(reply, "content", reply)))
    if not is_plausible_rewrite(rewritten, by_rule, settings):
        logger.info("LLM rewrite %r rejected; using the rule-based rewrite", rewritten[:200])
        return by_rule
    return rewritten


def clean_rewrite(reply: str) -> str:
    """The first non-empty line of a model's reply, without a "Question:" label or surrounding quotes."""
    line = next((line.strip() for line in reply.splitlines() if line.strip()), "")
    return _LABEL.sub("", line).strip().strip("\"'“”`").strip()


def is_plausible_rewrite(rewritten: str, by_rule: str, settings: Settings) -> bool:
    """False for an empty reply, an answer instead of a question, or one far longer than the conversation."""
    if not rewritten or len(rewritten) > settings.max_question_chars:
        return False
    if len(rewritten) > MAX_GROWTH * len(by_rule) or _MARKER.search(rewritten) or "NOT FOUND" in rewritten:
        return False
    return any(ch.isalnum() for ch in rewritten)


def rewrite_follow_up(question: str, history: Sequence[dict]) -> str:
    """Make a follow-up standalone by adding the previous user question (rule-based)."""
    previous = [turn["content"] for turn in history if turn.get("role") == "user" and turn.get("content")]
    if not previous:
        return question
    words = question.split()
    if find_references(question):
        return question  # it names its own clause
    names_something = bool(resolve_hint(question))
    if names_something and len(words) > 6:
        return question
    if _FOLLOW_UP.search(question) or len(words) <= 8 or not names_something:
        return f"{question}{CONTEXT_MARKER}{previous[-1]})"
    return question


def resolve_hint(question: str) -> list[str]:
    """Labels or document names a question states itself (then it needs no history)."""
    return re.findall(r"\b(?:section|sec|s\.|clause|chapter|peca|eto|policy|ordinance)\b", question, re.I)
