"""Offline Q&A over Pakistan's AI policy and cyber laws, with verified clause citations."""
from assistant.answer import answer, stream_answer
from assistant.config import Settings
from assistant.retrieve import Resources, retrieve
from assistant.types import Answer, AnswerStatus, Citation, Hit

__all__ = ["answer", "stream_answer", "retrieve", "Resources", "Settings", "Answer", "AnswerStatus", "Citation", "Hit"]
