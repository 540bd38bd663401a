"""The law tables as the command line prints them: filtered rows, as a text table or JSON."""
from __future__ import annotations

import json
import re
from dataclasses import asdict
from typing import Any, Sequence

from assistant.law_tables import AmendmentRow, LawTables, ObligationRow, OffenceRow


def penalty_rows(tables: LawTables, doc_id: str = "", words: str = "") -> list[OffenceRow]:
    """Offences of one document (all if ''), whose heading or quote has every one of `words`."""
    wanted = [w for w in re.findall(r"\w+", words.lower())]
    return [r for r in tables.offences if (not doc_id or r.doc_id == doc_id)
            and all(w in f"{r.heading} {r.quote}".lower() for w in wanted)]


def obligation_rows(tables: LawTables, who: str = "", doc_id: str = "") -> list[ObligationRow]:
    """Duties of one party ('service provider' matches 'service providers'); the state's own duties last."""
    wanted = who.strip().lower().rstrip("s")
    rows = [r for r in tables.obligations if (not wanted or r.who.lower().rstrip("s") == wanted)
            and (not doc_id or r.doc_id == doc_id)]
    return sorted(rows, key=lambda r: r.state)


def amendment_rows(tables: LawTables, section: str = "") -> list[AmendmentRow]:
    return [r for r in tables.amendments if not section or r.section.lower() == section.strip().lower()]


def print_table(args, resources) -> int:
    """`python -m assistant penalties|obligations|amendments`: rows on stdout."""
    tables = resources.law_tables
    if args.command == "penalties":
        rows: Sequence[Any] = penalty_rows(tables, args.doc or "")
        columns = ("doc_id", "section", "subsection", "heading", "max_imprisonment_months", "max_fine_rupees",
                   "combination", "page", "omitted_by")
    elif args.command == "obligations":
        rows = obligation_rows(tables, args.who or "")
        columns = ("doc_id", "section", "subsection", "who", "state", "duty", "time_limit", "page")
    else:
        rows = amendment_rows(tables, args.section or "")
        columns = ("section", "action", "act", "act_section", "doc_id", "page")
    if args.json:
        print(json.dumps([asdict(r) for r in rows], ensure_ascii=False, indent=2))
        return 0
    print("\t".join(columns))
    for row in rows:
        print("\t".join(str(getattr(row, c))[:120] for c in columns))
    if not rows:
        print("(no rows)")
    return 0
