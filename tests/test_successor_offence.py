"""An omitted offence among the best passages is answered with the offence in force that the conduct fits."""
from __future__ import annotations

import pytest

from assistant.answer import answer

pytestmark = pytest.mark.integration

PECA = "peca-2016-consolidated-2025"
ETO = "electronic-transactions-ordinance-2002"


@pytest.mark.parametrize("question, omitted, successor", [
    ("My copy of the Electronic Transactions Ordinance 2002 says getting into someone's computer system without "
     "authorisation can get up to seven years. Is that still the law for unauthorised access?", "36", "3"),
    ("Somebody told me the 2002 electronic transactions ordinance gives up to seven years for breaking into "
     "someone's computer system. Does that still apply?", "37", "3"),
    # led by the omitting provision (PECA s. 54), the first omitted offence still gets its successor
    ("A friend says accessing a computer without permission carries seven years under the Electronic Transactions "
     "Ordinance 2002. Is that still the penalty now?", "36", "3"),
])
def test_the_offence_in_force_is_quoted_beside_the_omitted_one(resources, question, omitted, successor):
    result = answer(question, resources)
    cited = {(c.doc_id, c.section) for c in result.citations}
    assert (PECA, successor) in cited, result.text
    assert (PECA, "54") in cited  # the omission itself, cited to the omitting provision
    assert f"ETO s. {omitted} is no longer in force" in result.text


def test_a_question_with_no_omitted_offence_among_its_passages_gets_no_successor(resources):
    result = answer("What is the punishment for spoofing under PECA?", resources)
    assert all(c.doc_id == PECA for c in result.citations)
    assert {c.section for c in result.citations} >= {"26"}
    assert "no longer in force" not in result.text


def test_the_omitting_provision_is_answered_with_the_omitted_sections_as_they_stood(resources):
    result = answer("Which provisions of the Electronic Transactions Ordinance were removed by PECA, and what "
                    "punishment did they carry?", resources)
    cited = {(c.doc_id, c.section) for c in result.citations}
    assert (PECA, "54") in cited and cited & {(ETO, "36"), (ETO, "37")}, result.text
    assert result.text.startswith("ETO ss. 36 and 37 are no longer in force: PECA s. 54 omitted them"), result.text
    # the omitted offence's punishment is said as what it was, never as the law now
    assert "Until it was omitted, " in result.text and "seven years" in result.text
    assert not result.text.split("[")[0].strip().startswith("Imprisonment")


def test_a_clause_question_on_the_omitting_provision_quotes_that_provision_alone(resources):
    result = answer("What does section 54 of PECA say?", resources)
    assert {(c.doc_id, c.section) for c in result.citations} == {(PECA, "54")}, result.text
    assert "quoted as they stood" not in result.text


def test_each_omitted_section_asked_for_is_named_as_omitted(resources):
    result = answer("Quote sections 36 and 37 of the ETO.", resources)
    cited = {(c.doc_id, c.section) for c in result.citations}
    assert {(ETO, "36"), (ETO, "37"), (PECA, "54")} <= cited, result.text
    assert "ETO ss. 36 and 37 are no longer in force: PECA s. 54 omitted them." in result.text
