"""Follow-up rewriting: rule-based for extractive, by the LLM for the others, the rules as fallback."""
from __future__ import annotations

import pytest

from assistant.answer import answer
from assistant.config import Settings
from assistant.prompt import REWRITE_PROMPT
from assistant.query import analyse
from assistant.rewrite import clean_rewrite, is_plausible_rewrite, understand
from tests.test_generators import fake_llm_server

HISTORY = [
    {"role": "user", "content": "What is the punishment for spoofing under PECA?"},
    {"role": "assistant", "content": "Spoofing is punishable with imprisonment up to three years. [1]"},
]
FOLLOW_UP = "and the fine?"
LLM_REWRITE = "What is the fine for spoofing under PECA?"


def never_called(settings):
    raise AssertionError("the model must not be asked")


@pytest.fixture
def fake_llm(monkeypatch):
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    monkeypatch.delenv("OLLAMA_API_KEY", raising=False)
    with fake_llm_server() as fake:
        fake.rewrite = LLM_REWRITE
        yield fake


def remote(fake, kind: str = "openai") -> Settings:
    url = fake.openai_url if kind == "openai" else fake.ollama_url
    return Settings.from_env(env={}, generator=kind, llm_base_url=url, llm_model="test-model", llm_timeout_s=2.0)


def test_extractive_gives_a_follow_up_its_context_as_a_field_without_a_model():
    settings = Settings.from_env(env={})
    query = understand(FOLLOW_UP, HISTORY, settings, chat_model_factory=never_called)
    assert (query.text, query.context) == (FOLLOW_UP, HISTORY[0]["content"])


def test_a_question_naming_its_own_section_is_not_sent_to_the_model():
    settings = Settings.from_env(env={}, generator="openai")
    question = "What does section 20 of PECA say?"
    assert understand(question, HISTORY, settings, chat_model_factory=never_called) == analyse(question)


def test_no_history_means_no_rewrite_and_no_model_call():
    settings = Settings.from_env(env={}, generator="ollama")
    assert understand(FOLLOW_UP, [], settings, chat_model_factory=never_called).search_text == FOLLOW_UP


@pytest.mark.parametrize("kind", ["openai", "ollama"])
def test_llm_rewrites_a_follow_up_with_the_conversation_in_the_user_message(fake_llm, kind):
    assert understand(FOLLOW_UP, HISTORY, remote(fake_llm, kind)) == analyse(LLM_REWRITE)
    (request,) = fake_llm.received
    assert request.content_of("system") == REWRITE_PROMPT
    user = request.content_of("user")
    assert HISTORY[0]["content"] in user and user.rstrip().endswith(f"Last question: {FOLLOW_UP}")
    if kind == "openai":  # langchain-ollama always streams; the OpenAI client asks for one JSON reply
        assert not request.body.get("stream")


@pytest.mark.parametrize("reply", [
    "",
    "What is the fine for spoofing under PECA? " * 20,
    "The fine is up to fifty thousand rupees. [1]",
    "NOT FOUND",
], ids=["empty", "far-too-long", "an-answer", "not-found"])
def test_a_suspicious_llm_rewrite_falls_back_to_the_rules(fake_llm, reply):
    fake_llm.rewrite = reply
    assert understand(FOLLOW_UP, HISTORY, remote(fake_llm)) == analyse(FOLLOW_UP, HISTORY)
    assert fake_llm.received, "the model should have been asked"


@pytest.mark.parametrize("failure", ["http-500", "timeout"])
def test_a_failing_llm_falls_back_to_the_rules(fake_llm, failure):
    if failure == "timeout":
        fake_llm.delay_s = 3.0
    else:
        fake_llm.status = 500
    settings = remote(fake_llm).with_(llm_timeout_s=1.0)
    assert understand(FOLLOW_UP, HISTORY, settings) == analyse(FOLLOW_UP, HISTORY)


def test_clean_rewrite_takes_the_question_out_of_a_labelled_quoted_reply():
    assert clean_rewrite('\n  Standalone question: "What is the fine for spoofing?"\nBecause ...') == \
        "What is the fine for spoofing?"


def test_a_rewrite_three_times_longer_than_the_conversation_is_implausible():
    settings = Settings.from_env(env={})
    by_rule = analyse(FOLLOW_UP, HISTORY).search_text
    assert is_plausible_rewrite("x" * (3 * len(by_rule)), by_rule, settings)
    assert not is_plausible_rewrite("x" * (3 * len(by_rule) + 1), by_rule, settings)


@pytest.mark.integration
def test_answer_retrieves_with_the_llm_rewrite_of_a_follow_up(resources, fake_llm):
    settings = resources.settings.with_(generator="openai", llm_base_url=fake_llm.openai_url, llm_model="test-model")
    result = answer(FOLLOW_UP, resources, settings, history=HISTORY)
    assert result.rewritten_question == LLM_REWRITE
    asked = [r for r in fake_llm.received if r.content_of("system") != REWRITE_PROMPT]
    assert asked[0].content_of("user").rstrip().endswith(f"Question: {LLM_REWRITE}")
