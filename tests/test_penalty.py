"""Reading a statute's punishment sentence, and restating it in its own words."""
from __future__ import annotations

import pytest

from assistant.cite import MIN_OVERLAP, support_score
from assistant.penalty import read_penalty

CASES = [
    ("shall be punished with imprisonment for a term which may extend to three months or with fine which may extend "
     "to fifty thousand rupees or with both.",
     "Imprisonment up to three months, fine up to fifty thousand rupees, or both."),
    ("shall be punished with imprisonment which may extend to three years or with fine which may extend to one million "
     "rupees or with both.",
     "Imprisonment up to three years, fine up to one million rupees, or both."),
    ("shall be punished with imprisonment for a term which may extend to seven years or with fine or with both.",
     "Imprisonment up to seven years, fine, or both."),
    ("shall be punished with imprisonment for a term of ten years and with fine.",
     "Imprisonment for a term of ten years, and fine."),
    ("shall be punished with imprisonment of either description for a term which shall not be less than fourteen "
     "years and may extend up to twenty years and with fine which shall not be less than one million rupees.",
     "Imprisonment of not less than fourteen years and up to twenty years, and fine of not less than one million "
     "rupees."),
    ("shall be punished with imprisonment which may extend upto three years or with fine which may extend to two "
     "million rupees or with both.",
     "Imprisonment up to three years, fine up to two million rupees, or both."),
    ("shall be punished with fine not exceeding fifty thousand rupees, and for every subsequent violation shall be "
     "punished with fine not less than fifty thousand rupees that may extend up to one million rupees.",
     "Fine up to fifty thousand rupees."),
    ("shall be punishable with imprisonment of either description of a term not exceeding seven years, or with fine "
     "which may extend to ten million rupees, or with both.",
     "Imprisonment up to seven years, fine up to ten million rupees, or both."),
    # ETO s. 36 leaves out the word "imprisonment".
    ("shall be guilty of an offence under this Ordinance punishable with either description of a term not exceeding "
     "seven years, or fine which may extend to one million rupees, or with both.",
     "Imprisonment up to seven years, fine up to one million rupees, or both."),
]


@pytest.mark.parametrize("sentence, plain", CASES)
def test_statute_punishments_are_restated_in_their_own_words(sentence, plain):
    penalty = read_penalty("Whoever does the act " + sentence)
    assert penalty is not None and penalty.plain() == plain


@pytest.mark.parametrize("sentence, plain", CASES)
def test_the_restatement_passes_citation_checking_against_its_sentence(sentence, plain):
    assert support_score(plain, "Whoever does the act " + sentence) >= MIN_OVERLAP


@pytest.mark.parametrize("sentence", [
    "The Authority may make regulations for the purposes of this Act.",
    "The punishment may be enhanced by the Court.",
    "",
    # A term this reading cannot place must not turn into "fine only".
    "shall be punished with a term in jail of three years or with fine which may extend to one million rupees.",
])
def test_a_sentence_without_a_stated_punishment_reads_as_none(sentence):
    assert read_penalty(sentence) is None
