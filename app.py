"""Streamlit chat UI: `streamlit run app.py`. Answers cite document, section and page."""
from __future__ import annotations

import re

import streamlit as st

from assistant.answer import answer
from assistant.catalog import load_catalog
from assistant.config import Settings
from assistant.errors import AssistantError, IndexMismatch, IndexMissing
from assistant.retrieve import Resources
from assistant.types import Answer

st.set_page_config(page_title="Pakistan AI & Cyber Law Assistant", page_icon="⚖️", layout="wide")

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$])")


def safe(text: str) -> str:
    """Escape markdown/HTML so text from documents or questions renders as plain text."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


@st.cache_resource(show_spinner="Loading the models and the index...")
def load_resources() -> Resources:
    return Resources.load(Settings.from_env())


def render_answer(result: Answer) -> None:
    st.markdown(safe(result.text))
    for note in result.notes:
        st.warning(note)
    for c in result.citations:
        badge = " · DRAFT" if c.doc_status.value == "draft" else ""
        printed = f" (printed p. {c.page_label})" if c.page_label else ""
        with st.expander(f"[{c.number}] {c.short_name}{badge} — {c.heading_path[-1] if c.heading_path else c.section} — PDF page {c.page}{printed}"):
            st.caption(" > ".join(c.heading_path))
            st.text(c.quote)


def sidebar(settings: Settings, resources: Resources | None) -> list[str]:
    st.sidebar.header("Documents")
    indexed = resources.indexed_ids if resources else set()
    chosen: list[str] = []
    for source in load_catalog(settings):
        if source.id in indexed:
            label = f"{source.short_name}{' (DRAFT)' if source.is_draft else ''} — {source.date}"
            if st.sidebar.checkbox(label, value=True, key=f"doc-{source.id}"):
                chosen.append(source.id)
    with st.sidebar.expander("Known but not indexed"):
        for source in load_catalog(settings):
            if source.id not in indexed:
                st.markdown(f"**{safe(source.short_name)}** ({safe(source.date)})")
                if source.url:
                    st.caption(f"Add: download from {source.url}, then `python -m ingest add FILE.pdf --title ...`")
    st.sidebar.caption(f"Generator: {settings.generator}")
    if st.sidebar.button("New conversation"):
        st.session_state.messages = []
    return chosen if len(chosen) < len(indexed) else []


def main() -> None:
    st.title("Pakistan AI policy & cyber law assistant")
    st.caption("Answers quote the documents and cite section and page. The AI policy indexed is the 2023 consultation draft.")
    settings = Settings.from_env()
    try:
        resources = load_resources()
    except (IndexMissing, IndexMismatch) as exc:
        st.error(f"{exc}")
        sidebar(settings, None)
        return
    except AssistantError as exc:
        st.error(f"The assistant could not start: {exc}")
        return
    doc_filter = sidebar(settings, resources)
    st.session_state.setdefault("messages", [])
    for message in st.session_state.messages:
        with st.chat_message(message["role"]):
            if message["role"] == "assistant" and "answer" in message:
                render_answer(message["answer"])
            else:
                st.markdown(safe(message["content"]))
    question = st.chat_input("Ask about PECA, the ETO or the draft AI policy")
    if question is None:
        return
    with st.chat_message("user"):
        st.markdown(safe(question))
    history = [{"role": m["role"], "content": m["content"]} for m in st.session_state.messages]
    with st.chat_message("assistant"):
        try:
            with st.spinner("Searching the documents..."):
                result = answer(question, resources, settings, history=history, doc_ids=doc_filter)
        except AssistantError as exc:
            st.error(str(exc))
            return
        render_answer(result)
    st.session_state.messages.append({"role": "user", "content": question})
    st.session_state.messages.append({"role": "assistant", "content": result.text, "answer": result})


main()
