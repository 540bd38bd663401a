"""The chat: past turns, a new question streamed as it is produced, citation cards and feedback."""
from __future__ import annotations

import logging
from typing import Any, Sequence

import streamlit as st

from assistant.answer import stream_answer
from assistant.errors import AssistantError
from assistant.feedback import FeedbackStore
from assistant.config import Settings
from assistant.retrieve import Resources
from assistant.types import Answer, AnswerStatus
from ui.citations import CitationCard, build_cards, card_html, link_markers
from ui.safe import escape_markdown
from ui.state import open_viewer

log = logging.getLogger(__name__)
_REFUSALS = (AnswerStatus.NOT_IN_CORPUS, AnswerStatus.MISSING_DOCUMENT, AnswerStatus.OUT_OF_DOMAIN)


def render_history(messages: Sequence[dict[str, Any]], store: FeedbackStore) -> None:
    """Every earlier turn, answers with their cards and feedback form."""
    for message in messages:
        with st.chat_message(message["role"]):
            if message["role"] == "assistant":
                render_turn(message, store)
            else:
                st.markdown(escape_markdown(message["content"]))


def render_turn(message: dict[str, Any], store: FeedbackStore) -> None:
    """One answer: text with linked [n] markers, notes, citation cards, feedback."""
    result: Answer = message["answer"]
    turn: int = message["turn"]
    cards = build_cards(result, turn)
    if result.status == AnswerStatus.ANSWERED:
        st.markdown(link_markers(result.text, turn, {c.number for c in cards}))
    elif result.status == AnswerStatus.INVALID_QUESTION:
        st.warning(escape_markdown(result.text))
    else:
        st.info(escape_markdown(result.text), icon=":material/search_off:")
    for note in result.notes:
        st.warning(escape_markdown(note), icon=":material/warning:")
    for card in cards:
        render_card(card, turn)
    if result.status != AnswerStatus.INVALID_QUESTION:
        scope = f" · searched {len(message['doc_ids'])} selected document(s)" if message.get("doc_ids") else ""
        st.caption(f"{result.seconds:.1f} s · {message.get('generator', '')}{scope}")
    if result.status != AnswerStatus.INVALID_QUESTION:
        render_feedback(message, store)


def render_card(card: CitationCard, turn: int) -> None:
    """A bordered card; its button opens the cited page beside the chat."""
    with st.container(border=True):
        st.html(card_html(card))
        st.button(f"Open PDF page {card.page}", key=f"open-{turn}-{card.number}", on_click=open_viewer, icon=":material/picture_as_pdf:",
                  args=(card.doc_id, card.page, tuple(card.highlighted), (card.quote,)))


def render_feedback(message: dict[str, Any], store: FeedbackStore) -> None:
    """Thumbs up/down plus an optional comment, stored with the question, answer and citations."""
    turn = message["turn"]
    if message.get("feedback"):
        st.caption(f"Thanks, your feedback ({message['feedback']}) was recorded.")
        return
    with st.form(key=f"feedback-{turn}", border=False, clear_on_submit=False):
        left, middle, right = st.columns([1, 4, 1.3], vertical_alignment="bottom")
        with left:
            rating = st.feedback("thumbs", key=f"rating-{turn}")
        with middle:
            comment = st.text_input("Comment (optional)", key=f"comment-{turn}", placeholder="What was right or wrong?",
                                    label_visibility="collapsed")
        with right:
            sent = st.form_submit_button("Send feedback")
    if sent:
        save_feedback(message, store, rating, comment)


def save_feedback(message: dict[str, Any], store: FeedbackStore, rating: int | None, comment: str) -> None:
    """Store a rating (st.feedback gives 1 for thumbs up, 0 for down); shows what happened."""
    if rating is None:
        st.warning("Choose thumbs up or down first, then send.")
        return
    try:
        if not message.get("turn_id"):
            message["turn_id"] = store.log_turn(message["conversation_id"], message["answer"], message["generator"])
        store.record_feedback(message["turn_id"], 1 if rating == 1 else -1, comment or "")
    except AssistantError as exc:
        st.error(str(exc))
        return
    message["feedback"] = "thumbs up" if rating == 1 else "thumbs down"
    st.success(f"Thanks, your feedback ({message['feedback']}) was recorded.")


def conversation_history(messages: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """The turns answer() reads: each role and text, and a reply's Answer, whose citations say which sections the
    next turn may be asking about ("what if the victim is 15?")."""
    return [{"role": m["role"], "content": m["content"], **({"answer": m["answer"]} if m.get("answer") else {})}
            for m in messages]


def ask(question: str, resources: Resources, settings: Settings, doc_ids: Sequence[str], store: FeedbackStore) -> None:
    """Answer a new question in the conversation, streaming the draft, then showing the checked answer."""
    state = st.session_state
    history = conversation_history(state.messages)
    with st.chat_message("user"):
        st.markdown(escape_markdown(question))
    with st.chat_message("assistant"):
        result = _stream(question, resources, settings, history, doc_ids)
        if result is None:
            return
        message = {"role": "assistant", "content": result.text, "answer": result, "turn": state.next_turn,
                   "conversation_id": state.conversation_id, "generator": settings.generator, "turn_id": None,
                   "doc_ids": tuple(doc_ids)}
        state.next_turn += 1
        state.messages += [{"role": "user", "content": question}, message]
        if settings.chat_log_days:  # 0: the chat log is off; a turn is stored only if feedback is sent on it
            _log_turn(message, store)
        render_turn(message, store)


def _stream(question, resources, settings, history, doc_ids) -> Answer | None:
    """Show the generator's text as it comes, then clear it; the checked Answer replaces it."""
    draft = st.empty()
    text = ""
    try:
        with st.spinner("Searching the documents…"):
            for event in stream_answer(question, resources, settings, history=history, doc_ids=list(doc_ids)):
                if isinstance(event, Answer):
                    draft.empty()
                    return event
                text += event
                draft.markdown(escape_markdown(text) + " ▌")
    except AssistantError as exc:
        draft.empty()
        st.error(f"{exc}")
        return None
    draft.empty()
    st.error("The answer could not be completed; please ask again.")
    return None


def _log_turn(message: dict[str, Any], store: FeedbackStore) -> None:
    """Keep the chat log; a database outage is shown but does not lose the answer."""
    try:
        message["turn_id"] = store.log_turn(message["conversation_id"], message["answer"], message["generator"])
    except AssistantError as exc:
        log.warning("chat log not written: %s", exc)
        st.caption("The chat log could not be written; feedback will be retried when you send it.")
