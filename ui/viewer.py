"""The page view beside the chat: the cited PDF page as an image with the passage highlighted, and the file."""
from __future__ import annotations

from pathlib import Path
from typing import Any, Sequence

import streamlit as st

from assistant.catalog import source_by_id
from assistant.config import Settings
from assistant.errors import AssistantError
from assistant.types import Source
from ui.pdf_pages import PageImage, pdf_path, render_page
from ui.safe import escape_markdown
from ui.state import close_viewer, turn_page


@st.cache_data(max_entries=48, show_spinner=False)
def page_image(path: str, modified: float, page: int, phrases: tuple[str, ...], fallback: tuple[str, ...]) -> PageImage:
    """A rendered page, cached per file version, page and highlight."""
    return render_page(Path(path), page, phrases, fallback)


@st.cache_data(max_entries=8, show_spinner=False)
def pdf_bytes(path: str, modified: float) -> bytes:
    return Path(path).read_bytes()


def render_viewer(viewer: dict[str, Any], sources: Sequence[Source], settings: Settings) -> None:
    """The open page: heading, the image, previous/next, download, close."""
    try:
        source = source_by_id(list(sources), viewer["doc_id"])
        path = pdf_path(source, settings)
        on_cited = viewer["page"] == viewer["cited_page"]
        phrases = viewer["phrases"] if on_cited else ()
        fallback = viewer["fallback"] if on_cited else ()
        image = page_image(str(path), path.stat().st_mtime, viewer["page"], phrases, fallback)
    except AssistantError as exc:
        st.error(str(exc))
        st.button("Close", on_click=close_viewer, key="viewer-close-error")
        return
    st.html('<span class="pa-viewer"></span>')
    draft = " · :red-background[**DRAFT**]" if source.is_draft else ""
    st.markdown(f"#### {escape_markdown(source.short_name)}{draft}")
    st.caption(f"PDF page {image.page} of {image.page_count}"
               + (" · cited passage highlighted" if image.highlighted else "") + f" · {escape_markdown(source.date)}")
    prev_col, next_col, close_col = st.columns(3)
    prev_col.button("Previous", icon=":material/chevron_left:", key="viewer-prev", on_click=turn_page, args=(-1,), disabled=image.page <= 1,
                    width="stretch")
    next_col.button("Next", icon=":material/chevron_right:", key="viewer-next", on_click=turn_page, args=(1,),
                    disabled=image.page >= image.page_count, width="stretch")
    close_col.button("Close", icon=":material/close:", key="viewer-close", on_click=close_viewer, width="stretch")
    st.image(image.png, width="stretch")
    st.download_button(f"Download {source.file}", icon=":material/download:", data=pdf_bytes(str(path), path.stat().st_mtime),
                       file_name=source.file, mime="application/pdf", key="viewer-download", on_click="ignore")
