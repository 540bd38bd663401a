"""Which candidate offences a penalty question may fit: a narrowed variant needs its qualifier in the question."""
from __future__ import annotations

import pytest

from assistant.offences import (added_title_words, leading_ranks, offence_named_by_conduct, stated_stems, title_stated,
                                 without_unstated_qualifiers)

ACCESS = ("peca", "3")
ACCESS_CI = ("peca", "6")
MALICIOUS = ("peca", "23")
TITLES = {
    ACCESS: "Unauthorized access to information system or data",
    ACCESS_CI: "Unauthorized access to critical infrastructure information system or data",
    MALICIOUS: "Malicious code",
    ("peca", "5"): "Interference with information system or data",
}


@pytest.mark.parametrize("title, base, added", [
    (TITLES[ACCESS_CI], TITLES[ACCESS], {"critical", "infrastructure"}),
    (TITLES[ACCESS], TITLES[ACCESS_CI], set()),        # the wider offence adds nothing to the narrower one
    (TITLES[MALICIOUS], TITLES[ACCESS], set()),        # unrelated titles
    (TITLES[("peca", "5")], TITLES[ACCESS], set()),    # shares words, but is not the other title with words added
    (TITLES[ACCESS], TITLES[ACCESS], set()),
    (TITLES[ACCESS], "", set()),
])
def test_a_title_narrows_another_only_when_it_is_that_title_with_words_added(title, base, added):
    assert {w[:5] for w in added_title_words(title, base)} == {w[:5] for w in added}


@pytest.mark.parametrize("question, kept", [
    ("A hacker broke into our clinic's reception PC. What is the punishment?", {ACCESS, MALICIOUS}),
    ("Hackers broke into the power grid's control system, which is critical infrastructure. Punishment?",
     {ACCESS, ACCESS_CI, MALICIOUS}),
    # "infrastructure" alone states the qualifier as well.
    ("Someone got into the national infrastructure's servers. What is the penalty?", {ACCESS, ACCESS_CI, MALICIOUS}),
])
def test_a_narrowed_offence_stays_a_candidate_only_when_the_question_states_its_qualifier(question, kept):
    offences = {key: (rank, ["a defining sentence"]) for rank, key in enumerate((ACCESS_CI, ACCESS, MALICIOUS))}
    assert set(without_unstated_qualifiers(offences, TITLES, question)) == kept


def test_a_narrowed_offence_without_its_wider_one_among_the_candidates_stays():
    offences = {ACCESS_CI: (0, ["s"]), MALICIOUS: (1, ["s"])}
    assert set(without_unstated_qualifiers(offences, TITLES, "Someone hacked our shop's PC.")) == {ACCESS_CI, MALICIOUS}


@pytest.mark.parametrize("question, script, expected", [
    ("What is the punishment for spoofing?", "ENGLISH", "What is the punishment for spoofing?"),
    # Roman Urdu: the glossary's statute terms lead, the question's own words follow
    ("Kisi ne bina ijazat mera account khola, saza kya hai?", "ROMAN_URDU", "without authorization permission"),
])
def test_the_conduct_read_for_the_fit_is_english(question, script, expected):
    from types import SimpleNamespace

    from assistant.offences import conduct_text
    from assistant.query import Script

    query = SimpleNamespace(asked_text=question, script=Script[script])
    text = conduct_text(query)
    assert text.startswith(expected) and question in text


@pytest.mark.parametrize("fit, ranks, leading", [
    # a rival fitting within the margin is quoted second, whatever its retrieval rank
    ({ACCESS: 0.52, MALICIOUS: 0.45}, {ACCESS: 2, MALICIOUS: 0}, [2, 0]),
    ({ACCESS: 0.39, MALICIOUS: 0.381, ACCESS_CI: 0.26}, {ACCESS: 0, MALICIOUS: 1, ACCESS_CI: 3}, [0, 1]),
    # one clearly ahead governs alone
    ({ACCESS: 0.52, MALICIOUS: 0.30}, {ACCESS: 1, MALICIOUS: 0}, [1]),
    # never more than one rival
    ({ACCESS: 0.50, MALICIOUS: 0.49, ACCESS_CI: 0.48}, {ACCESS: 0, MALICIOUS: 1, ACCESS_CI: 2}, [0, 1]),
    # the rival is of the same statute and another section: not the amending Act's copy, not another law's offence
    ({ACCESS: 0.50, ("amending-act", "3"): 0.49, MALICIOUS: 0.45}, {ACCESS: 0, ("amending-act", "3"): 1, MALICIOUS: 2},
     [0, 2]),
    ({ACCESS: 0.50, ("eto", "36"): 0.49}, {ACCESS: 0, ("eto", "36"): 1}, [0]),
])
def test_an_offence_fitting_nearly_as_well_as_the_best_is_quoted_beside_it(fit, ranks, leading):
    assert leading_ranks(fit, ranks) == leading


INTERFERENCE = ("peca", "5")
STALKING = ("peca", "24")
MODESTY = ("peca", "21")
COPYING = ("peca", "4")
NAMED_TITLES = {**TITLES, STALKING: "Cyber stalking", MODESTY: "Offences against modesty of a natural person and minor",
                COPYING: "Unauthorized copying or transmission of data"}


@pytest.mark.parametrize("conduct, fit, ranks, named", [
    # "deleted" is the glossary's "interferes damages information system data": every word of s. 5's title
    ("Somebody hacked into our store and deleted the whole product catalogue.",
     {ACCESS: 0.47, INTERFERENCE: 0.27}, {ACCESS: 0, INTERFERENCE: 1}, 1),
    ("Someone hacked our online store, crashed the server and wiped our database.",
     {ACCESS: 0.52, INTERFERENCE: 0.31, ACCESS_CI: 0.34}, {ACCESS: 0, INTERFERENCE: 1, ACCESS_CI: 2}, 1),
    # nothing in the conduct states the other offence's title
    ("Somebody logged into our billing server and read our customer list.",
     {ACCESS: 0.47, INTERFERENCE: 0.27}, {ACCESS: 0, INTERFERENCE: 1}, None),
    # a named offence that reads far behind the best one (rank cost aside) is not quoted: "blackmail" names cyber
    # stalking through the glossary, but the face pasted onto an explicit image is s. 21
    ("A student pasted a classmate's face onto an explicit image and shared it to blackmail her.",
     {MODESTY: 0.45, STALKING: 0.30}, {MODESTY: 1, STALKING: 0}, None),
    # what the title adds to the best one's ("copying or transmission"), one of words joined by "or": "downloaded" is
    # the glossary's "copies data"; "unauthorized", which both titles share, need not be said
    ("An ex-employee used his old login to get into our CRM and downloaded our customer list.",
     {ACCESS: 0.48, COPYING: 0.42}, {ACCESS: 0, COPYING: 1}, 1),
    ("An ex-employee used his old login to get into our CRM and looked at our customer list.",
     {ACCESS: 0.48, COPYING: 0.42}, {ACCESS: 0, COPYING: 1}, None),
    # another statute's offence is no rival
    ("Somebody hacked into our store and deleted the whole product catalogue.",
     {ACCESS: 0.47, ("eto", "37"): 0.40}, {ACCESS: 0, ("eto", "37"): 1}, None),
])
def test_an_offence_whose_title_the_conduct_states_is_quoted_beside_the_best(conduct, fit, ranks, named):
    assert offence_named_by_conduct(fit, ranks, NAMED_TITLES, conduct) == named


@pytest.mark.parametrize("title, best, conduct, stated", [
    ("Unauthorized copying or transmission of data", "Unauthorized access to information system or data",
     "he forwarded our files to a rival", False),
    ("Unauthorized copying or transmission of data", "Unauthorized access to information system or data",
     "he copied our files", True),
    # a title that adds nothing to the best one's is not another offence stated
    ("Unauthorized access to information system or data", "Unauthorized access to information system or data",
     "he got unauthorized access to our data", False),
])
def test_a_title_is_stated_by_what_it_adds_to_the_best_offences_title(title, best, conduct, stated):
    assert title_stated(title, best, stated_stems(conduct)) is stated
