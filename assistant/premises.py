"""What a question takes for granted, checked against the index and the catalog before anything is searched.

Three checks, all from data the index and the catalog already hold:
- a clause reference that no named document has ("Quote section 77 of PECA") is answered with what the
  document does have, instead of the nearest passages;
- a question that treats a draft as final or approved ("as the National AI Policy is now final, ...")
  is answered with that premise corrected first;
- a question that asks a policy for a punishment ("what fine does the draft AI policy impose on ...?") is told
  that a policy is not law and punishes nothing, instead of being answered from the policy's nearest plans.

Usage example:
    missing_clause_text(query, labels_by_doc, sources)   # "PECA 2016 (consolidated 2025) has no section 77; ..."
"""
from __future__ import annotations

import re
from typing import Mapping, Sequence

from assistant.catalog import FINALITY, shares_a_name, sources_named
from assistant.query import Query
from assistant.question_type import asks_for_punishment
from assistant.types import STATUTES, Source

_LABEL = re.compile(r"^(\d+)([A-Z]{0,2})$")


def label_ranges(labels: Sequence[str]) -> str:
    """'1 to 55, with 2A–2X, 22A–22C, 26A inserted' for statute sections; '1 to 9' for numbered policy clauses."""
    numbers: set[int] = set()
    lettered: dict[int, list[str]] = {}
    for label in labels:
        top = label.split(".")[0]
        match = _LABEL.match(top)
        if not match:
            continue
        number, letters = int(match.group(1)), match.group(2)
        if letters and "." not in label:
            lettered.setdefault(number, []).append(letters)
        else:
            numbers.add(number)
    if not numbers:
        return ""
    text = f"{min(numbers)} to {max(numbers)}"
    inserted = []
    for number in sorted(lettered):
        letters = sorted(lettered[number], key=lambda x: (len(x), x))
        inserted.append(f"{number}{letters[0]}" if len(letters) == 1 else f"{number}{letters[0]}–{number}{letters[-1]}")
    return f"{text}, with {', '.join(inserted)} inserted" if inserted else text


def missing_clause_text(query: Query, labels_by_doc: Mapping[str, set[str]], sources: Sequence[Source]) -> str:
    """For a clause the named document lacks: what it does have. '' when every reference exists or no document is
    named (then retrieval decides)."""
    references = [r for r in query.references if not r.label.startswith("Chapter ")]
    named = [s for s in sources_named(query.documents, sources) if s.id in labels_by_doc]
    if not references or len(named) != 1:
        return ""
    source = named[0]
    labels = labels_by_doc[source.id]
    missing = [r for r in references if r.label not in labels and r.label.upper() not in labels]
    if len(missing) != len(references):
        return ""
    kind = "clause" if any(r.is_policy_clause for r in missing) else "section"
    ranges = label_ranges(sorted(labels))
    have = f"; its {kind}s run from {ranges}" if ranges else ""
    wanted = ", ".join(r.label for r in missing)
    return (f"{source.short_name} has no {kind} {wanted}{have}. Ask about one of those, or name the document "
            "the clause belongs to.")


def premise_correction(query: Query, sources: Sequence[Source], indexed: set[str]) -> str:
    """A first sentence correcting a question that treats an indexed draft as final; '' otherwise."""
    if not FINALITY.search(query.text):
        return ""
    drafts = [s for s in sources_named(query.documents, sources) if s.id in indexed and s.is_draft]
    if not drafts:
        return ""
    source = drafts[0]
    others = " ".join(f"{o.title} ({o.status.value}, {o.date}) is not in the index."
                      for o in related_missing([source], sources, indexed))
    return (f"Note: the question assumes a final text, but the indexed {source.short_name} is a draft "
            f"({source.status.value}, {source.date}), not an approved or final text. {others}").strip()


def related_missing(named: Sequence[Source], sources: Sequence[Source], indexed: set[str]) -> list[Source]:
    """Known-but-missing documents that share a name with a named one (the final AI policy for the draft)."""
    return [other for other in sources
            if other.id not in indexed and any(shares_a_name(source, other) for source in named)]


def punishment_asked_of_a_policy(query: Query, sources: Sequence[Source], indexed: set[str]) -> str:
    """For a question asking a punishment or fine of the documents it names, none of them a statute: why they
    cannot answer it; '' otherwise. Only a statute creates offences and sets fines; the indexed draft AI policy
    never uses the words penalty, punishment, fine or imprisonment. A question that also names a statute ("what
    does the policy say about deepfakes, and what punishment does the cybercrime law set?") is answered."""
    named = [s for s in sources_named(query.documents, sources) if s.id in indexed]
    policies = [s for s in named if s.status not in STATUTES and "policy" in s.title.lower()]
    if not named or len(policies) != len(named) or not asks_for_punishment(query.text):
        return ""
    statutes = ", ".join(s.short_name for s in sources if s.id in indexed and s.status in STATUTES)
    titles = " and ".join(f"{s.short_name} ({s.status.value})" for s in named)
    return (f"{titles} is a policy, not a law: it creates no offences and sets no fines or punishments. Penalties "
            f"are set by statutes; the indexed ones are {statutes}. Ask what they provide for the conduct.")
