"""Answer generators behind one langchain-core Runnable interface: input {"question", "hits"} -> text."""
from __future__ import annotations

import re
from typing import Any, Iterator, Sequence

import numpy as np
from langchain_core.output_parsers import StrOutputParser
from langchain_core.runnables import Runnable, RunnableGenerator, RunnableLambda

from assistant.config import Settings
from assistant.embed import Embedder
from assistant.errors import GenerationError
from assistant.language import keyword_tokens
from assistant.prompt import build_messages
from assistant.types import Hit

_SENTENCE = re.compile(r"(?<=[.;:])\s+(?=[A-Z(“\"])|\n")
MAX_SENTENCES = 3
# Boundaries between the cited sentences an extractive answer is made of.
_ANSWER_SENTENCE = re.compile(r"(?<=\])\s+")
MAX_ANSWER_CHARS = 700


def extractive_answer(question: str, hits: Sequence[Hit], embedder: Embedder, passages: int = 4) -> str:
    """The passages' own sentences that best answer the question, in reading order, each with [n]."""
    if hits and "clause" in hits[0].scores:
        return clause_opening(hits)
    candidates: list[tuple[int, int, str]] = []
    for n, hit in enumerate(hits[:passages], 1):
        for position, sentence in enumerate(_SENTENCE.split(hit.chunk.text)):
            sentence = sentence.strip()
            if len(sentence.split()) >= 5:
                candidates.append((n, position, sentence))
    if not candidates:
        return ""
    query = np.array(embedder.embed_query(question))
    vectors = np.array(embedder.embed_passages([c[2] for c in candidates]))
    terms = set(keyword_tokens(question))
    scores = []
    for (n, position, sentence), vector in zip(candidates, vectors):
        overlap = len(terms & set(keyword_tokens(sentence))) / max(1, len(terms))
        # Earlier passages ranked higher; a clause's opening sentence states its rule.
        scores.append(float(vector @ query) + 0.3 * overlap + 0.05 / n + (0.05 if position == 0 else 0.0))
    best = sorted(range(len(candidates)), key=lambda i: -scores[i])
    chosen: list[int] = []
    length = 0
    for i in best:
        if len(chosen) == MAX_SENTENCES or (chosen and scores[i] < scores[chosen[0]] - 0.25):
            break
        if length + len(candidates[i][2]) > MAX_ANSWER_CHARS and chosen:
            continue
        chosen.append(i)
        length += len(candidates[i][2])
    chosen.sort(key=lambda i: (candidates[i][0], candidates[i][1]))
    return " ".join(_with_marker(candidates[i][2], candidates[i][0]) for i in chosen)


def clause_opening(hits: Sequence[Hit]) -> str:
    """For a question naming a clause: the clause's own opening sentences, cited."""
    sentences = [s.strip() for s in _SENTENCE.split(hits[0].chunk.text) if len(s.split()) >= 3]
    chosen: list[str] = []
    for sentence in sentences:
        if chosen and sum(len(s) for s in chosen) + len(sentence) > MAX_ANSWER_CHARS:
            break
        chosen.append(sentence)
    return " ".join(_with_marker(s, 1) for s in chosen)


def _with_marker(sentence: str, n: int) -> str:
    sentence = sentence.rstrip()
    if not sentence.endswith((".", "!", "?")):
        sentence = sentence.rstrip(";:,") + "."
    return f"{sentence} [{n}]"


def build_generator(settings: Settings, embedder: Embedder) -> Runnable:
    """The configured generator as a Runnable; LLM backends are optional extras, imported lazily."""
    if settings.generator == "extractive":
        def sentences(inputs: Iterator[dict]) -> Iterator[str]:
            # Streams sentence by sentence so the UI shows the same progressive output for every kind.
            for value in inputs:
                text = extractive_answer(value["question"], value["hits"], embedder)
                for n, sentence in enumerate(_ANSWER_SENTENCE.split(text)):
                    yield sentence if n == 0 else " " + sentence

        return RunnableGenerator(sentences, name="extractive")
    model = build_chat_model(settings)
    to_messages = RunnableLambda(lambda inputs: build_messages(inputs["question"], inputs["hits"]), name="prompt")
    return to_messages | model | StrOutputParser()


def build_chat_model(settings: Settings) -> Any:
    """A LangChain chat model for the llamacpp / ollama / openai generators."""
    try:
        if settings.generator == "ollama":
            from langchain_ollama import ChatOllama

            return ChatOllama(model=settings.llm_model or "qwen2.5:1.5b", base_url=settings.llm_base_url or None,
                              temperature=0)
        if settings.generator == "openai":
            from langchain_openai import ChatOpenAI

            return ChatOpenAI(model=settings.llm_model or "gpt-4o-mini", base_url=settings.llm_base_url or None,
                              api_key=settings.api_key or "not-needed", temperature=0,
                              timeout=settings.llm_timeout_s, max_retries=1)
        if settings.generator == "llamacpp":
            from assistant.local_model import build_llamacpp

            return build_llamacpp(settings)
    except ImportError as exc:
        raise GenerationError(
            f"The {settings.generator} generator needs an optional package ({exc.name}). "
            f"Run: .venv/bin/pip install -e '.[{settings.generator}]'"
        ) from exc
    raise GenerationError(f"Unknown generator {settings.generator!r}")
