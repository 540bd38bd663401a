"""The Penalties and Obligations views: the law tables, filtered, sorted, exported, each row opening its page."""
from __future__ import annotations

import csv
import io
from dataclasses import asdict
from typing import Any, Sequence

import streamlit as st

from assistant.retrieve import Resources
from assistant.tables_view import obligation_rows, penalty_rows
from assistant.types import DocStatus
from ui.safe import escape_markdown
from ui.state import open_viewer

SORTS = {"Section order": None, "Longest prison term first": "max_imprisonment_months",
         "Highest fine first": "max_fine_rupees"}


def render_penalties(resources: Resources) -> None:
    """Every punishable provision: offence, punishment, clause and page."""
    st.subheader("Penalties")
    st.caption("Read from the indexed statutes: one row per provision that states a punishment. Months and rupees "
               "are the maxima the text states (0: none stated). Always read the clause itself before relying on it.")
    tables = resources.law_tables
    docs = _documents(resources, {r.doc_id for r in tables.offences})
    left, middle, right = st.columns([2, 2, 2])
    doc_id = left.selectbox("Document", ["", *docs], format_func=lambda d: docs.get(d, "All statutes"), key="pen-doc")
    words = middle.text_input("Offence words", key="pen-words", placeholder="e.g. data, minor, fake")
    sort = right.selectbox("Sort", list(SORTS), key="pen-sort")
    rows = penalty_rows(tables, doc_id, words)
    if SORTS[sort]:
        rows = sorted(rows, key=lambda r: -getattr(r, SORTS[sort]))
    shown = [{"document": docs.get(r.doc_id, r.doc_id), "section": _label(r.section, r.subsection),
              "offence": r.heading, "punishment": "Omitted by " + r.omitted_by if r.omitted else r.plain,
              "max prison (months)": r.max_imprisonment_months, "max fine (Rs)": r.max_fine_rupees,
              "combination": r.combination, "page": r.page} for r in rows]
    _table(shown, [asdict(r) for r in rows], "penalties")
    _open_row(rows, "pen", lambda r: f"{_label(r.section, r.subsection)} {r.heading}", lambda r: r.quote)


def render_obligations(resources: Resources) -> None:
    """Every duty the statutes put on a party, businesses' duties first."""
    st.subheader("Obligations")
    st.caption("Duties read from “shall” provisions. Duties of the state (the Authority, the Federal Government, the "
               "investigation agency) are marked as such. Always read the clause itself before relying on it.")
    tables = resources.law_tables
    docs = _documents(resources, {r.doc_id for r in tables.obligations})
    parties = sorted({r.who for r in tables.obligations}, key=lambda w: (any(r.state for r in tables.obligations
                                                                              if r.who == w), w))
    left, right = st.columns(2)
    who = left.selectbox("Who", ["", *parties], format_func=lambda w: w or "Everyone", key="obl-who")
    doc_id = right.selectbox("Document", ["", *docs], format_func=lambda d: docs.get(d, "All statutes"), key="obl-doc")
    rows = obligation_rows(tables, who, doc_id)
    shown = [{"who": r.who + (" (state)" if r.state else ""), "duty": r.duty, "time limit": r.time_limit,
              "document": docs.get(r.doc_id, r.doc_id), "section": _label(r.section, r.subsection), "page": r.page}
             for r in rows]
    _table(shown, [asdict(r) for r in rows], "obligations")
    _open_row(rows, "obl", lambda r: f"{_label(r.section, r.subsection)} {r.who}: {r.duty[:60]}", lambda r: r.duty)


def _documents(resources: Resources, ids: set[str]) -> dict[str, str]:
    """Names shown for the documents with rows; an added document says what it is on every row."""
    return {s.id: s.short_name + (" (user-added, unverified)" if s.status is DocStatus.USER else "")
            for s in resources.sources if s.id in ids}


def _label(section: str, subsection: str) -> str:
    return f"s. {section}" + (f"({subsection})" if subsection else "")


def _table(shown: list[dict[str, Any]], full: list[dict[str, Any]], name: str) -> None:
    st.caption(f"{len(shown)} rows")
    st.dataframe(shown, hide_index=True, width="stretch", key=f"{name}-table")
    st.download_button("Download CSV", _csv(full), file_name=f"{name}.csv", mime="text/csv", key=f"{name}-csv",
                       disabled=not full, on_click="ignore", icon=":material/download:")


def _csv(rows: Sequence[dict[str, Any]]) -> str:
    out = io.StringIO()
    if rows:
        writer = csv.DictWriter(out, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return out.getvalue()


def _open_row(rows: Sequence[Any], key: str, label, phrase) -> None:
    """Pick a row; its clause opens at its PDF page beside the table."""
    if not rows:
        return
    index = st.selectbox("Open a row's clause", range(len(rows)), key=f"{key}-row",
                         format_func=lambda i: escape_markdown(label(rows[i]))[:110])
    row = rows[index]
    st.button(f"Open PDF page {row.page}", key=f"{key}-open", icon=":material/picture_as_pdf:", on_click=open_viewer,
              args=(row.doc_id, row.page, (phrase(row)[:80],), (phrase(row)[:200],)))
