"""Sidebar: views, indexed and missing documents, document filters, generator switch, conversation actions."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Sequence

import streamlit as st

from assistant.catalog import user_catalog_problems
from assistant.config import Settings
from assistant.types import DocStatus, Source
from ui.export import conversation_markdown
from ui.generators import LABELS, configured_generators
from ui.safe import escape_markdown
from ui.state import new_conversation

VIEWS = ("Chat", "Clause browser", "Penalties", "Obligations", "Add a document", "Feedback")


@dataclass(frozen=True)
class SidebarChoice:
    view: str
    doc_ids: tuple[str, ...]
    generator: str
    export_slot: Any = None


def render_sidebar(settings: Settings, sources: Sequence[Source], indexed: set[str]) -> SidebarChoice:
    """Everything in the sidebar; returns what the user chose."""
    with st.sidebar:
        view = st.radio("View", VIEWS, key="view", horizontal=True)
        st.button("New conversation", on_click=new_conversation, width="stretch", key="new-conversation",
                  icon=":material/add_comment:")
        export_slot = st.empty()
        available = [s for s in sources if s.id in indexed]
        doc_ids = st.multiselect("Search only these documents", [s.id for s in available], key="doc-filter",
                                 format_func=lambda doc_id: _short(sources, doc_id),
                                 placeholder="All indexed documents")
        generator = _generator_switch(settings)
        _catalog_warnings(settings)
        _indexed_list(available)
        _missing_list([s for s in sources if s.id not in indexed])
    return SidebarChoice(view, tuple(doc_ids), generator, export_slot)


def render_export(slot, messages: Sequence[dict]) -> None:
    """The Markdown export of the conversation; filled in last so it includes the answer just given."""
    slot.download_button("Export conversation (Markdown)", key="export-md", icon=":material/download:",
                         data=conversation_markdown(messages, "Pakistan AI policy & cyber law assistant"),
                         file_name="conversation.md", mime="text/markdown", on_click="ignore", width="stretch",
                         disabled=not messages)


def _short(sources: Sequence[Source], doc_id: str) -> str:
    return next((s.short_name + (" (DRAFT)" if s.is_draft else "") for s in sources if s.id == doc_id), doc_id)


def _generator_switch(settings: Settings) -> str:
    options = configured_generators(settings)
    if len(options) == 1:
        st.caption(f"Answers by: {LABELS.get(options[0], options[0])}")
        return options[0]
    return st.radio("Answer generator", options, index=options.index(settings.generator), key="generator",
                    format_func=lambda name: LABELS.get(name, name))


def _catalog_warnings(settings: Settings) -> None:
    """A broken user catalog: the official documents still answer; say which added entry is bad and how to fix it."""
    for problem in user_catalog_problems(settings):
        st.warning(escape_markdown(problem), icon=":material/warning:")


def _indexed_list(available: Sequence[Source]) -> None:
    st.markdown(f"**Indexed documents ({len(available)})**")
    for source in available:
        draft = " :red-background[**DRAFT**]" if source.is_draft else ""
        if source.status is DocStatus.USER:
            draft = " :orange-background[**user-added, unverified**]"
        st.markdown(f":green[:material/check_circle:] {escape_markdown(source.short_name)}{draft}  \n"
                    f":gray[{escape_markdown(source.status.value)} · {escape_markdown(source.date or 'undated')}]")


def _missing_list(missing: Sequence[Source]) -> None:
    if not missing:
        return
    with st.expander(f"Known but not indexed ({len(missing)})"):
        st.caption("Questions about these get “not in the index”. To add one: download the PDF from the link, "
                   "then upload it under **Add a document**, or run "
                   "`python -m ingest add FILE.pdf --title \"…\"` (catalog entries: `python -m ingest --download`).")
        for source in missing:
            line = f"**{escape_markdown(source.short_name)}** · {escape_markdown(source.status.value)} · {escape_markdown(source.date)}"
            st.markdown(line)
            if source.url.startswith(("https://", "http://")):
                st.link_button("Official source", source.url, icon=":material/open_in_new:", type="tertiary")
