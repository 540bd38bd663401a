"""The conversation the chat app hands answer(): each turn's role and text, and a reply's Answer."""
from __future__ import annotations

from assistant.query import reply_sections
from assistant.types import Answer, AnswerStatus, Citation, DocStatus
from ui.chat import conversation_history


def test_a_replys_answer_travels_with_it_so_its_sections_are_known():
    citation = Citation(number=1, chunk_id="peca:p24:1", doc_id="peca-2016-consolidated-2025", title="PECA",
                        short_name="PECA", doc_status=DocStatus.CONSOLIDATED, section="24", heading_path=(),
                        page=24, page_label="24", quote="Cyber stalking.— (1) A person commits the offence ...")
    reply = Answer("Is online stalking a crime?", AnswerStatus.ANSWERED, "Cyber stalking.— (1) ... [1]",
                   citations=(citation,))
    messages = [{"role": "user", "content": "Is online stalking a crime?"},
                {"role": "assistant", "content": reply.text, "answer": reply, "turn": 1, "turn_id": None}]
    history = conversation_history(messages)
    assert history == [{"role": "user", "content": "Is online stalking a crime?"},
                       {"role": "assistant", "content": reply.text, "answer": reply}]
    assert reply_sections(history) == ("24",)
