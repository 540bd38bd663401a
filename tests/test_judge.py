"""The paraphrase-aware citation judge with the real MiniLM model, on hand-made cases from the statutes."""
from __future__ import annotations

import pytest

from assistant.judge import ParaphraseJudge, load_thresholds, stated_facts_present

ETO_7 = ("7. Legal recognition of electronic signatures.—The requirement under any law for affixation of signatures "
         "shall be deem ed satisfied where electronic signatures or advanced electronic signature are applied.")
PECA_3 = ("3. Unauthorized access to information system or data.— Whoever with dishonest intention gains unauthorized "
          "access to any information system or data shall be punished with imprisonment for a term which may extend "
          "to three months or with fine which may extend to fifty thousand rupees or with both.")
PECA_32 = ("32. Retention of traffic data.— (1) A service provider shall, within its existing or required technical "
           "capability, retain its specified traffic data for a minimum period of one year or such period as the "
           "Authority may notify from time to time and, subject to production of a warrant issued by the Court, "
           "provide that data to the investigation agency or the authorized officer whenever so required.")


@pytest.fixture(scope="module")
def judge(embedders):
    return ParaphraseJudge(embedders.dense)


@pytest.mark.parametrize("sentence, passage, section, supported", [
    # faithful paraphrases a model writes
    ("Yes, electronic signatures are legally valid under Section 7 of the Electronic Transactions Ordinance-2002. [1]",
     ETO_7, "7", True),
    ("Hacking into an information system can bring up to three months in jail, a fine of up to 50,000 rupees, "
     "or both. [1]", PECA_3, "3", True),
    ("A service provider must keep its specified traffic data for at least one year. [1]", PECA_32, "32", True),
    # a quote passes as before
    ("A service provider shall retain its specified traffic data for a minimum period of one year. [1]",
     PECA_32, "32", True),
    # a figure, a section or a body the passage does not state
    ("Hacking into an information system can bring up to six months in jail. [1]", PECA_3, "3", False),
    ("Yes, electronic signatures are legally valid under Section 9 of the ETO. [1]", ETO_7, "7", False),
    ("A service provider must keep traffic data for one year and hand it to the Tribunal. [1]", PECA_32, "32", False),
    # same statute, another subject
    ("Spreading false information online is punishable with up to three years in prison. [1]", PECA_3, "3", False),
])
def test_the_judge_accepts_paraphrases_and_refuses_unstated_facts(judge, sentence, passage, section, supported):
    assert judge.supports(sentence, passage, section) is supported


@pytest.mark.parametrize("sentence, section, present", [
    ("Under section 32 a service provider keeps data for one year.", "32", True),
    ("Under section 32 of PECA 2016 a service provider keeps data for one year.", "32", True),  # the Act's year
    ("Under section 33 a service provider keeps data for one year.", "32", False),
    ("A service provider keeps data for two years.", "32", False),
    ("The investigation agency may ask for the data.", "32", True),
    ("The Federal Government may ask for the data.", "32", False),
])
def test_stated_facts(sentence, section, present):
    assert stated_facts_present(sentence, PECA_32, section) is present


def test_the_thresholds_are_data_with_their_calibration():
    thresholds = load_thresholds()
    assert 0.0 < thresholds.min_similarity < 1.0 and 0.0 <= thresholds.min_overlap < 0.65
