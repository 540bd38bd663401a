"""Whether a question asks what a rule's reference to another statute's sections says, so they are quoted too."""
from __future__ import annotations

import pytest

from assistant.answer import asks_what_a_reference_says

RETENTION = [
    "Retention of traffic data.— (1) A service provider shall, within its existing or required technical capability, "
    "retain its specified traffic data for a minimum period of one year or such period as the Authority may notify "
    "from time to time and, subject to production of a warrant issued by the Court, provide that data to the "
    "investigation agency or the authorized officer whenever so required.",
    "(2) The service providers shall retain the traffic data under sub-section (1) by fulfilling all the requirements "
    "of data retention and its originality as provided under sections 5 and 6 of the Electronic Transactions "
    "Ordinance, 2002 (LI of 2002).",
]


@pytest.mark.parametrize("question, asks", [
    # the referring sentence's own words, with or without the other statute's name
    ("PECA says service providers must keep traffic data meeting the data retention and originality requirements of "
     "another law. Which law is that, and what do those requirements say?", True),
    ("What are the electronic transactions law's requirements an ISP must fulfil when it keeps traffic data?", True),
    # words the rest of the section uses as well: the retention period is asked, not the reference
    ("How long must an ISP retain traffic data, and who can ask for it?", False),
    ("What are the traffic data retention requirements for a service provider?", False),
])
def test_a_question_in_the_referring_sentences_own_words_asks_what_it_refers_to(question, asks):
    assert asks_what_a_reference_says(question, RETENTION) is asks


def test_a_section_that_refers_to_no_other_statute_is_never_read_so():
    assert not asks_what_a_reference_says("What are the originality requirements?", RETENTION[:1])
