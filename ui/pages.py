"""The views besides the chat: clause browser, adding a document, feedback export."""
from __future__ import annotations

import io
from typing import Callable, Sequence

import streamlit as st

from assistant.config import Settings
from assistant.errors import AssistantError
from assistant.feedback import export_feedback
from assistant.retrieve import Resources
from assistant.tables_view import amendment_rows
from assistant.types import Section
from ui.safe import escape_markdown
from ui.state import open_viewer
from ui.upload import ingest_upload


def sections_of(resources: Resources, doc_id: str) -> list[Section]:
    """A document's sections in reading order (page, then the order they were stored)."""
    members = [s for s in resources.sections if s.doc_id == doc_id]
    return sorted(members, key=lambda s: (s.page_start, members.index(s)))


def render_clause_browser(resources: Resources) -> None:
    """Pick a document and a section; read its full text (the `python -m assistant show` view)."""
    st.subheader("Clause browser")
    docs = [s for s in resources.sources if s.id in resources.indexed_ids]
    if not docs:
        st.info("No document is indexed yet.")
        return
    names = {s.id: s.short_name + (" (DRAFT)" if s.is_draft else "") for s in docs}
    doc_id = st.selectbox("Document", list(names), format_func=names.get, key="browse-doc")
    sections = sections_of(resources, doc_id)
    if not sections:
        st.info("No numbered sections were found in this document; ask questions about it in the chat.")
        return
    by_key = {s.key: s for s in sections}
    key = st.selectbox("Section", list(by_key), key="browse-section",
                       format_func=lambda k: f"{by_key[k].label} — {by_key[k].title}"[:120])
    section = by_key[key]
    pages = f"PDF page {section.page_start}" + (f"–{section.page_end}" if section.page_end != section.page_start else "")
    printed = f" (printed p. {section.page_label})" if section.page_label else ""
    st.markdown(f"##### {escape_markdown(' › '.join(section.heading_path))}")
    st.caption(f"{escape_markdown(names[doc_id])} · {pages}{escape_markdown(printed)}")
    st.button(f"Open PDF page {section.page_start}", key="browse-open", icon=":material/picture_as_pdf:", on_click=open_viewer,
              args=(doc_id, section.page_start, (), (section.text[:400],)))
    target = next(s for s in docs if s.id == doc_id)
    # Rows read from this text's footnotes, and from an indexed amending Act that this text says it includes.
    history = dict.fromkeys((r.action, r.act, r.act_section) for r in amendment_rows(resources.law_tables, section.label)
                            if r.doc_id == doc_id or f"Act No. {r.act}" in f"{target.title} {target.note}")
    if history:
        st.caption("Amendment history: " + "; ".join(
            escape_markdown(f"{action} by Act No. {act}" + (f", s. {act_section}" if act_section else ""))
            for action, act, act_section in history))
    with st.container(border=True):
        st.markdown(escape_markdown(section.text))



def render_upload(settings: Settings, on_added: Callable[[], None]) -> None:
    """Upload a PDF and index it for this deployment, with progress and a clear refusal for bad files."""
    st.subheader("Add a document")
    limit = settings.max_pdf_bytes // (1024 * 1024)
    st.caption(f"A text PDF up to {limit} MB. Scanned PDFs without a text layer, encrypted or damaged files are "
               "refused with the reason; the current index stays in use until the new one is complete.")
    upload = st.file_uploader("PDF file", type=["pdf"], key="upload-file")
    title = st.text_input("Title", key="upload-title", placeholder="e.g. Data Protection Rules 2026")
    if not st.button("Add to the index", key="upload-go", type="primary", disabled=upload is None):
        return
    progress = st.progress(0.0, text="Starting")
    result = ingest_upload(upload.name, upload.getvalue(), title or upload.name, settings,
                           on_progress=lambda share, text: progress.progress(min(share, 1.0), text=text))
    progress.empty()
    if result.ok:
        st.success(escape_markdown(result.message))
        on_added()
    else:
        st.error(f"Not added: {escape_markdown(result.message)} The existing index is unchanged.")


def render_feedback_export(settings: Settings) -> None:
    """Download every rating with its question, answer and citations, for the evaluators."""
    st.subheader("Feedback export")
    st.caption("Ratings and comments with the question, the answer and its citations. Command line: "
               "`python -m assistant feedback-export --format csv` (or `jsonl`).")
    try:
        files = {fmt: _export(settings, fmt) for fmt in ("csv", "jsonl")}
    except AssistantError as exc:
        st.error(str(exc))
        return
    count, _ = files["csv"]
    st.metric("Ratings stored", count)
    left, right = st.columns(2)
    left.download_button("CSV", files["csv"][1], file_name="feedback.csv", mime="text/csv", key="fb-csv",
                         disabled=not count, on_click="ignore", icon=":material/download:")
    right.download_button("JSONL", files["jsonl"][1], file_name="feedback.jsonl", mime="application/jsonl",
                          key="fb-jsonl", disabled=not count, on_click="ignore", icon=":material/download:")


def _export(settings: Settings, fmt: str) -> tuple[int, str]:
    out = io.StringIO()
    count = export_feedback(settings, fmt, out)
    return count, out.getvalue()
