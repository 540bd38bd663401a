"""Per-session state of the app and the callbacks that change it (run by Streamlit before a rerun)."""
from __future__ import annotations

import uuid
from typing import Sequence

import streamlit as st


def init_state() -> None:
    """Defaults for a new browser session."""
    st.session_state.setdefault("messages", [])
    st.session_state.setdefault("conversation_id", str(uuid.uuid4()))
    st.session_state.setdefault("next_turn", 0)
    st.session_state.setdefault("viewer", None)


def new_conversation() -> None:
    """Forget the turns (follow-ups start fresh) and close the page view."""
    st.session_state.messages = []
    st.session_state.conversation_id = str(uuid.uuid4())
    st.session_state.viewer = None


def open_viewer(doc_id: str, page: int, phrases: Sequence[str] = (), fallback: Sequence[str] = ()) -> None:
    """Show a document page beside the chat, highlighting the phrases found on it."""
    st.session_state.viewer = {"doc_id": doc_id, "page": page, "cited_page": page,
                               "phrases": tuple(phrases), "fallback": tuple(fallback)}


def turn_page(step: int) -> None:
    """Previous/next page in the open document."""
    viewer = st.session_state.get("viewer")
    if viewer:
        viewer["page"] = max(1, viewer["page"] + step)


def queue_question(question: str) -> None:
    """An example question clicked: asked on the next run as if typed."""
    st.session_state.pending_question = question


def close_viewer() -> None:
    st.session_state.viewer = None
