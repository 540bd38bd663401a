"""A second offence the conduct may be: named with its punishment beside the first, each said with its offence."""
from __future__ import annotations

import pytest

from assistant.cite import MIN_OVERLAP, support_score
from assistant.generate import first_punishment, offence_name, rival_penalty_lead
from assistant.types import Chunk, DocStatus, Hit

SPOOFING = ("Spoofing.—(1) Whoever with dishonest intention establishes a website with a counterfeit source commits "
            "spoofing. (2) Whoever commits spoofing shall be punished with imprisonment for a term which may extend to "
            "three years or with fine which may extend to five hundred thousand rupees or with both.")


def _chunk(section: str, title: str, text: str = "") -> Chunk:
    return Chunk(id=f"peca:{section}", doc_id="peca", doc_status=DocStatus.IN_FORCE, section=section,
                 section_title=title, heading_path=(), page_start=1, page_end=1, page_label="1", ordinal=0, text=text)


@pytest.mark.parametrize("title, name", [
    ("Spoofing", "spoofing"),
    ("Punishment for false and fake information", "false and fake information"),
    ("Electronic forgery.", "electronic forgery"),
    ("PECA offences", "PECA offences"),          # an abbreviation keeps its capitals
    ("", "the offence"),
])
def test_an_offence_is_named_from_its_sections_title(title, name):
    assert offence_name(_chunk("1", title)) == name


def test_the_rival_offences_punishment_is_said_with_its_name_and_cited_to_its_passage():
    hits = {1: Hit(_chunk("25", "Spamming", "Spamming.— ..."), 1.0, {"governing": 1.0}),
            2: Hit(_chunk("26", "Spoofing", SPOOFING), 1.0, {"offence": 1.0, "governing": 1.0})}
    candidates = [(1, 0, "Whoever commits spamming shall be punished with imprisonment which may extend to three "
                         "months or with fine which may extend to fifty thousand rupees or with both."),
                  (2, 0, "(2) Whoever commits spoofing shall be punished with imprisonment for a term which may extend "
                         "to three years or with fine which may extend to five hundred thousand rupees or with both.")]
    lead = rival_penalty_lead([0, 1], candidates, hits)
    assert lead == ("If it is spoofing: Imprisonment up to three years, fine up to five hundred thousand rupees, or "
                    "both. [2]")
    # the restatement passes citation checking against the passage it cites
    assert support_score(lead.removesuffix(" [2]"), SPOOFING) >= MIN_OVERLAP


def test_without_a_rival_offence_nothing_is_added():
    hits = {1: Hit(_chunk("26", "Spoofing", SPOOFING), 1.0, {"governing": 1.0})}
    candidates = [(1, 0, SPOOFING)]
    assert rival_penalty_lead([0], candidates, hits) == ""


SPAMMING_PUNISHMENT = ("Whoever commits spamming shall be punished with imprisonment which may extend to three months "
                       "or with fine which may extend to fifty thousand rupees or with both.")


@pytest.mark.parametrize("chosen, governing, expected", [
    ([0, 1], {1}, (1, "Imprisonment up to three months, fine up to fifty thousand rupees, or both.")),
    ([0, 1], {2}, (2, "Imprisonment up to three years, fine up to five hundred thousand rupees, or both.")),
    ([0, 1], set(), (1, "Imprisonment up to three months, fine up to fifty thousand rupees, or both.")),
    ([2], {1}, None),                              # no quoted sentence states a punishment
])
def test_the_first_punishment_is_the_governing_sections_and_carries_its_passage(chosen, governing, expected):
    candidates = [(1, 0, SPAMMING_PUNISHMENT), (2, 1, SPOOFING.split("(2) ")[1]), (3, 0, "This Act extends to "
                                                                                   "the whole of Pakistan.")]
    assert first_punishment(chosen, candidates, governing) == expected
