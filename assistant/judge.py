"""Whether a cited passage supports a sentence a language model wrote in its own words.

The extractive generator quotes, so the lexical check (assistant.cite.support_score) judges it well. A model
paraphrases: "Yes, electronic signatures are legally valid under Section 7 of the ETO" shares few words with
"... shall not be denied legal recognition ... on the ground that it is in electronic form". This judge
accepts a sentence when the facts it states are in the passage (every figure, every section it names, every
body it names) and its meaning is close to one of the passage's sentences (MiniLM cosine) with some words
in common. Its two thresholds are fitted on hand labels that include paraphrases by
`python -m evals.calibrate_judge`, which reports Cohen's kappa, cross-validated.

Usage example:
    judge = ParaphraseJudge(resources.dense)
    judge.supports("Hacking can mean three months in jail.", passage_text, section="3")
"""
from __future__ import annotations

import math
import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Sequence

from assistant.cite import MIN_OVERLAP, quantities, strip_markers, support_score
from assistant.embed import Embedder
from assistant.law_tables import PARTIES
from assistant.types import Hit

THRESHOLDS_PATH = Path(__file__).with_name("judge.toml")
# A passage is compared sentence by sentence (and clause by clause at ';'): a paraphrase restates one
# provision, and the whole chunk's vector is diluted by the provisions around it.
_PASSAGE_SENTENCE = re.compile(r"(?<=[.;:])\s+|\n+")
_SECTION_NAMED = re.compile(r"\b(?:section|s\.|sub-section|clause)\s*(\d+[A-Z]{0,2}(?:\.\d+)*)", re.I)
# The year in an instrument's name ("Ordinance-2002", "PECA 2016", "Act No. II of 2025") names the document
# the passage comes from; it is not a figure the passage has to state.
_INSTRUMENT_YEAR = re.compile(r"\b(?:Act|Ordinance|Policy|Rules|Regulations|Bill|PECA|ETO)\b[\w\s.,()-]{0,12}?"
                              r"\b(?:19|20)\d\d\b", re.I)


@dataclass(frozen=True)
class JudgeThresholds:
    """min_similarity: cosine to the closest passage sentence; min_overlap: share of the sentence's words
    the passage uses (below the quote check's MIN_OVERLAP, since a paraphrase changes words)."""

    min_similarity: float
    min_overlap: float


@lru_cache(maxsize=2)
def load_thresholds(path: Path = THRESHOLDS_PATH) -> JudgeThresholds:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return JudgeThresholds(float(data["min_similarity"]), float(data["min_overlap"]))


def stated_facts_present(sentence: str, passage: str, section: str = "") -> bool:
    """Every figure, section and named body of the sentence is in the passage (or is the passage's own section)."""
    claim = strip_markers(sentence)
    own = {section.upper()} if section else set()
    named_sections = {m.group(1).upper() for m in _SECTION_NAMED.finditer(claim)}
    if named_sections - own - {m.group(1).upper() for m in _SECTION_NAMED.finditer(passage)} - _labels_in(passage):
        return False
    # The figures left once section numbers are set aside ("section 7" is checked above, not as a quantity).
    figures = quantities(_INSTRUMENT_YEAR.sub(" ", _SECTION_NAMED.sub(" ", claim)))
    if not figures <= quantities(passage) | {q for label in own for q in quantities(label)}:
        return False
    return all(re.search(pattern, passage, 0 if state else re.I)
               for pattern, _, state in PARTIES if re.search(pattern, claim, 0 if state else re.I))


def _labels_in(passage: str) -> set[str]:
    """Section labels printed at a line or provision start in the passage ("7. Legal recognition ...")."""
    return {m.group(1).upper() for m in re.finditer(r"(?:^|\n|\[)\s*(\d+[A-Z]{0,2})\s*[.,]\s+[A-Z]", passage)}


def passage_units(passage: str) -> list[str]:
    units = [u.strip() for u in _PASSAGE_SENTENCE.split(passage) if len(u.strip()) > 20]
    return units or [passage]


def _cosine(a: Sequence[float], b: Sequence[float]) -> float:
    dot = sum(x * y for x, y in zip(a, b))
    norm = math.sqrt(sum(x * x for x in a)) * math.sqrt(sum(y * y for y in b))
    return dot / norm if norm else 0.0


@dataclass(frozen=True)
class Evidence:
    """What the judge reads about one (sentence, passage) pair."""

    quote_check: bool  # the lexical check alone passes (a quote, or a close restatement)
    facts_present: bool
    overlap: float  # share of the sentence's words in the passage, figures aside
    similarity: float  # cosine to the closest passage sentence; 0.0 when not computed

    def passes(self, thresholds: JudgeThresholds) -> bool:
        # Facts first: a sentence that names a body or a figure the passage does not is unsupported, however
        # many of its other words the passage shares.
        return self.facts_present and (self.quote_check or (self.overlap >= thresholds.min_overlap
                                                            and self.similarity >= thresholds.min_similarity))


class ParaphraseJudge:
    """supports(sentence, passage): the facts it states are in the passage, and it either passes the lexical check
    or is close in meaning to one passage sentence with some words in common."""

    def __init__(self, embedder: Embedder, thresholds: JudgeThresholds | None = None) -> None:
        self.embedder = embedder
        self.thresholds = thresholds or load_thresholds()

    def similarity(self, sentence: str, passage: str) -> float:
        """Cosine between the sentence and the passage sentence closest to it in meaning."""
        vectors = self.embedder.embed_passages([strip_markers(sentence), *passage_units(passage)])
        return max(_cosine(vectors[0], v) for v in vectors[1:])

    def evidence(self, sentence: str, passage: str, section: str = "", embed: bool = True) -> Evidence:
        """embed=False skips the model when the cheap parts already decide (a quote, or a figure not stated)."""
        plain = _INSTRUMENT_YEAR.sub(" ", _SECTION_NAMED.sub(" ", sentence))
        quote = support_score(plain, passage) >= MIN_OVERLAP
        facts = stated_facts_present(sentence, passage, section)
        overlap = _overlap_ignoring_figures(sentence, passage)
        undecided = not quote and facts and overlap >= self.thresholds.min_overlap
        return Evidence(quote, facts, overlap, self.similarity(sentence, passage) if embed or undecided else 0.0)

    def supports(self, sentence: str, passage: str, section: str = "") -> bool:
        return self.evidence(sentence, passage, section, embed=False).passes(self.thresholds)

    def supports_hit(self, sentence: str, hit: Hit) -> bool:
        """The assistant.cite.SupportCheck form: a cited hit and one answer sentence."""
        return self.supports(sentence, hit.chunk.text, hit.chunk.section)


def _overlap_ignoring_figures(sentence: str, passage: str) -> float:
    """support_score's word share without its figure veto (figures are checked on their own, with words and
    digits read alike)."""
    digits_free = re.sub(r"\d[\d,.]*", " ", _INSTRUMENT_YEAR.sub(" ", _SECTION_NAMED.sub(" ", strip_markers(sentence))))
    return support_score(digits_free, passage)
