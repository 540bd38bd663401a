"""Streamlit chat UI: `streamlit run app.py`. Answers cite document, section and page; the page opens beside the chat.

Usage example:
    streamlit run app.py            # http://127.0.0.1:8501, index from ASSISTANT_DATA_DIR (default ./data)
"""
from __future__ import annotations

import logging
import os

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

import streamlit as st  # noqa: E402

from assistant.catalog import load_catalog  # noqa: E402
from assistant.config import Settings  # noqa: E402
from assistant.embed import E5Embedder, MiniLMEmbedder  # noqa: E402
from assistant.errors import AssistantError, IndexMismatch, IndexMissing  # noqa: E402
from assistant.feedback import FeedbackStore  # noqa: E402
from assistant.retrieve import Resources  # noqa: E402
from ui.chat import ask, render_history  # noqa: E402
from ui.citations import CARD_CSS  # noqa: E402
from ui.law_views import render_obligations, render_penalties  # noqa: E402
from ui.roles import maintainer_gate  # noqa: E402
from ui.pages import render_clause_browser, render_feedback_export, render_upload  # noqa: E402
from ui.sidebar import render_export, render_sidebar  # noqa: E402
from ui.state import init_state, queue_question  # noqa: E402
from ui.viewer import render_viewer  # noqa: E402

log = logging.getLogger("app")


@st.cache_resource(show_spinner="Loading the embedding models (once per server)…")
def load_embedders(batch_size: int) -> tuple[MiniLMEmbedder, E5Embedder]:
    """The embedding models, loaded once per process and shared by every session."""
    dense, multilingual = MiniLMEmbedder(batch_size), E5Embedder()
    dense.embed_query("warm up")
    return dense, multilingual


@st.cache_resource(show_spinner="Opening the index…")
def load_resources(index_key: str, _settings: Settings) -> Resources:
    """The index for one data directory / Chroma server (index_key), with the shared models."""
    dense, multilingual = load_embedders(_settings.embed_batch_size)
    return Resources.load(_settings, dense=dense, multilingual=multilingual)


def index_key(settings: Settings) -> str:
    """What identifies an index; the generator is left out so switching it keeps the loaded index."""
    return "|".join(str(v) for v in (settings.data_dir, settings.corpus_dir, settings.catalog_path, settings.chroma_host,
                                     settings.chroma_port, settings.collection_prefix, settings.multilingual))


def main() -> None:
    settings = Settings.from_env()
    st.html(CARD_CSS)
    init_state()
    try:
        resources = load_resources(index_key(settings), settings)
    except (IndexMissing, IndexMismatch) as exc:
        show_without_index(settings, exc)
        return
    choice = render_sidebar(settings, resources.sources, resources.indexed_ids)
    settings = settings.with_(generator=choice.generator)
    viewer = st.session_state.viewer
    main_area, side_area = st.columns([5, 4], gap="medium") if viewer else (st.container(), None)
    question = st.chat_input("Ask about PECA, the ETO or the draft AI policy — e.g. What is the punishment for cyber terrorism?",
                             key="question") if choice.view == "Chat" else None
    store = FeedbackStore(settings)
    with main_area:
        if choice.view == "Chat":
            render_chat(question, resources, settings, choice.doc_ids, store)
        elif choice.view == "Clause browser":
            render_clause_browser(resources)
        elif choice.view == "Penalties":
            render_penalties(resources)
        elif choice.view == "Obligations":
            render_obligations(resources)
        elif choice.view == "Add a document":
            if maintainer_gate(settings, "Add a document"):
                render_upload(settings, on_added=load_resources.clear)
        elif maintainer_gate(settings, "Feedback export"):
            render_feedback_export(settings)
    render_export(choice.export_slot, st.session_state.messages)
    if side_area is not None and st.session_state.viewer:
        with side_area:
            render_viewer(st.session_state.viewer, resources.sources, settings)


EXAMPLES = (
    "What is the punishment for cyber terrorism under section 10 of PECA?",
    "What does clause 4.1.2 of the AI policy say?",
    "What is the legal recognition of electronic signatures?",
)


def render_chat(question, resources, settings, doc_ids, store) -> None:
    st.title("Pakistan AI policy & cyber law assistant")
    question = question or st.session_state.pop("pending_question", None)
    if not st.session_state.messages and question is None:
        st.caption("Answers quote PECA 2016 (consolidated 2025), the PECA (Amendment) Act 2025, the Electronic "
                   "Transactions Ordinance 2002 and the 2023 consultation draft of the National AI Policy, and cite "
                   "section and PDF page. Click a citation to see the page.")
        for n, (column, example) in enumerate(zip(st.columns(len(EXAMPLES)), EXAMPLES)):
            column.button(example, key=f"example-{n}", on_click=queue_question, args=(example,), width="stretch")
    render_history(st.session_state.messages, store)
    if question is not None:
        ask(question, resources, settings, doc_ids, store)


def show_without_index(settings: Settings, exc: AssistantError) -> None:
    """No usable index: say so, with the command that builds it, and list the known documents."""
    st.title("Pakistan AI policy & cyber law assistant")
    st.error(f"{exc}")
    st.markdown("Build the index from the corpus folder, then reload this page:")
    st.code(f"ASSISTANT_DATA_DIR={settings.data_dir} python -m ingest", language="bash")
    try:
        sources = load_catalog(settings)
    except AssistantError as catalog_exc:
        st.error(str(catalog_exc))
        return
    render_sidebar(settings, sources, indexed=set())


def run() -> None:
    """main() with errors shown in the page, never as a traceback (ASSISTANT_DEBUG=1 re-raises)."""
    st.set_page_config(page_title="Pakistan AI & Cyber Law Assistant", page_icon=":material/balance:", layout="wide")
    try:
        main()
    except AssistantError as exc:
        if os.environ.get("ASSISTANT_DEBUG"):
            raise
        st.error(str(exc))
    except Exception as exc:  # the app stays up; the next question retries
        if os.environ.get("ASSISTANT_DEBUG"):
            raise
        log.exception("app error")
        st.error(f"Something went wrong ({type(exc).__name__}: {exc}). Please try again; "
                 f"set ASSISTANT_DEBUG=1 to see the details.")


run()
