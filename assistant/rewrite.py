"""Follow-ups: give "and the fine?" the conversation it leans on, or have an LLM rewrite it standalone."""
from __future__ import annotations

import logging
import re
from typing import Any, Callable, Sequence

from assistant.cite import markers_of
from assistant.config import Settings
from assistant.generate import build_chat_model
from assistant.prompt import build_rewrite_messages
from assistant.query import Query, analyse
from assistant.types import Source

logger = logging.getLogger(__name__)

# A rewrite longer than this many times the rule-based one (follow-up + previous question) is the model
# answering or rambling, not rewriting.
MAX_GROWTH = 3
_LABEL = re.compile(r"^(standalone question|rewritten question|question)\s*:\s*", re.I)


def understand(question: str, history: Sequence[dict], settings: Settings,
               chat_model_factory: Callable[[Settings], Any] = build_chat_model, sources: Sequence[Source] = ()
               ) -> Query:
    """The turn as a Query: its context from the conversation only when it cannot stand alone.

    With an LLM generator, a follow-up is also rewritten by the model into a standalone question (the
    conversation context then stays empty); the rule-based Query is the fallback whenever the model fails
    or replies with something that is not a question. A turn that stands alone costs no model call.

    Usage example:
        understand("and the fine?", [{"role": "user", "content": "What is spoofing under PECA?"}], settings)
    """
    query = analyse(question, history, sources=sources)
    if settings.generator == "extractive" or not query.is_follow_up:
        return query
    try:
        reply = chat_model_factory(settings).invoke(build_rewrite_messages(question, history))
    except Exception as exc:  # any backend failure: the rule-based context still lets the answer go on
        logger.warning("LLM rewrite failed (%s: %s); using the conversation context", type(exc).__name__, exc)
        return query
    rewritten = clean_rewrite(str(getattr(reply, "content", reply)))
    if not is_plausible_rewrite(rewritten, query.search_text, settings):
        logger.info("LLM rewrite %r rejected; using the conversation context", rewritten[:200])
        return query
    return analyse(rewritten, context="", sources=sources)


def clean_rewrite(reply: str) -> str:
    """The first non-empty line of a model's reply, without a "Question:" label or surrounding quotes."""
    line = next((line.strip() for line in reply.splitlines() if line.strip()), "")
    return _LABEL.sub("", line).strip().strip("\"'“”`").strip()


def is_plausible_rewrite(rewritten: str, by_rule: str, settings: Settings) -> bool:
    """False for an empty reply, an answer instead of a question, or one far longer than the conversation."""
    if not rewritten or len(rewritten) > settings.max_question_chars:
        return False
    if len(rewritten) > MAX_GROWTH * len(by_rule) or markers_of(rewritten) or "NOT FOUND" in rewritten:
        return False
    return any(ch.isalnum() for ch in rewritten)
