"""answer() on the real index: figures asked for and not found, offices and statistics, versions, penalties."""
from __future__ import annotations

import re

import pytest

from assistant.answer import answer
from assistant.types import AnswerStatus

pytestmark = pytest.mark.integration


@pytest.mark.parametrize("question", [
    "What is PTA's annual licence fee for an internet service provider?",
    "What is the minimum capital requirement for an electronic money institution licence in Pakistan?",
    # A rate is a percentage: ETO s. 10 exempts e-contracts from stamp duty for two years and states no rate.
    "What stamp duty rate applies to contracts signed electronically?",
])
def test_a_figure_the_documents_do_not_state_is_declined(resources, question):
    result = answer(question, resources)
    assert result.status is AnswerStatus.NOT_IN_CORPUS, result.text
    assert "no such" in result.text and not result.citations


def test_who_holds_an_office_now_is_declined_with_the_reason(resources):
    result = answer("Who is the current Chairperson of the Social Media Protection and Regulatory Authority?", resources)
    assert result.status is AnswerStatus.NOT_IN_CORPUS
    assert "who holds an office now" in result.text


def test_the_ai_policy_version_question_says_draft_and_cites_its_cover(resources):
    result = answer("Is the AI policy in your library the final approved policy?", resources)
    assert result.status is AnswerStatus.ANSWERED
    assert re.search(r"\bdraft\b", result.text, re.I) and "not in the index" in result.text
    cover = result.citations[0]
    assert (cover.doc_id, cover.page) == ("draft-national-ai-policy-2023", 1)
    assert "Draft" in cover.quote
    assert any("DRAFT" in note for note in result.notes)


def test_a_penalty_question_gets_the_penalty_even_past_the_first_chunk(resources):
    result = answer("What is the punishment for cyber terrorism under PECA?", resources)
    assert result.status is AnswerStatus.ANSWERED
    assert re.search(r"fourteen years", result.text), result.text
    retrieved = {h.chunk.id for h in result.hits}
    assert all(c.chunk_id in retrieved for c in result.citations)


def test_a_specific_question_about_a_named_section_quotes_the_part_asked_for(resources):
    result = answer("What does section 21 of PECA punish and how?", resources)
    assert result.status is AnswerStatus.ANSWERED
    assert all(c.section == "21" for c in result.citations)
    # The punishment restated in the statute's words leads; the clause's own wording follows it.
    assert "seven years" in result.text and result.text.startswith("Imprisonment up to five years")
    assert "Offences against modesty" in result.text


def test_the_same_clause_from_two_documents_is_quoted_once(resources):
    result = answer("Who heads the National Cyber Crime Investigation Agency and for what term?", resources)
    sentences = [re.sub(r"[^a-z]", "", s.lower()) for s in re.split(r"\[\d+\]", result.text) if s.strip()]
    assert len(sentences) == len(set(sentences)), result.text


def test_a_definition_question_finds_the_definition_clause(resources):
    result = answer("How does PECA define a 'minor'?", resources)
    assert result.status is AnswerStatus.ANSWERED
    assert result.hits[0].scores.get("definition") and "“minor” means" in result.hits[0].chunk.text
    assert re.search(r"eighteen years", result.text), result.text


@pytest.mark.parametrize("question", [
    "How does PECA define a social media platform?",
    # Whether something falls within the term is answered by the definition, its exclusion included.
    "Is a PTA-licensed mobile operator treated as a 'social media platform' under PECA?",
])
def test_a_definition_split_across_passages_is_quoted_whole(resources, question):
    result = answer(question, resources)
    assert result.status is AnswerStatus.ANSWERED
    assert "shall not include the licensees of Pakistan Telecommunication Authority" in result.text, result.text


def test_a_list_lead_in_brings_its_items(resources):
    result = answer("What is the composition of a Tribunal under section 2V of PECA?", resources)
    assert result.status is AnswerStatus.ANSWERED
    for member in ("judge of a High Court", "journalist", "software engineer"):
        assert member in result.text, result.text


def test_what_a_clause_says_is_quoted_in_reading_order_beyond_one_passage(resources):
    result = answer("What does clause 4.1.2 of the AI policy provide?", resources)
    assert result.status is AnswerStatus.ANSWERED and result.text.startswith("4.1.2")
    assert "two-tiered" in result.text and len(result.text) > 900
    assert all(c.section == "4.1.2" for c in result.citations)


def test_a_neighbouring_sections_penalty_is_not_added_to_the_answer(resources):
    result = answer("What is the punishment for spoofing?", resources)
    assert result.status is AnswerStatus.ANSWERED and "spoofing" in result.text
    assert "false or fake" not in result.text and all(c.section == "26" for c in result.citations), result.text


@pytest.mark.parametrize("question, later_measure, section", [
    # Each section's measure asked about lies past its first passage: the section governs and is read on.
    ("What does the draft AI policy say about generative AI?", "disinformation", "4.3.2"),
    ("What does the draft AI policy plan for agriculture?", "weather prediction", "4.1.3.5"),
])
def test_a_policy_section_is_quoted_past_its_first_passage(resources, question, later_measure, section):
    result = answer(question, resources)
    assert result.status is AnswerStatus.ANSWERED and later_measure in result.text, result.text
    assert any(c.section == section for c in result.citations)


@pytest.mark.parametrize("question, section", [
    # Whether a law reaches a case is answered by its own section on extent or exclusions, quoted first.
    ("Does the ETO apply to a trust deed?", "31"),
    ("Does the ETO cover wills?", "31"),  # the noun "will" is a search word, not the modal verb
    ("Does PECA apply to offences committed outside Pakistan?", "1"),
])
def test_whether_a_law_covers_a_case_is_answered_by_its_reach_section(resources, question, section):
    result = answer(question, resources)
    assert result.status is AnswerStatus.ANSWERED and result.citations[0].section == section, result.text


@pytest.mark.parametrize("question, section", [
    # A yes/no question about a case the law lists as outside it leads with that list, asked of the law or not.
    ("We sell houses. Can the sale deed of a house be signed with e-signatures and still be valid?", "31"),
    ("Can a cheque be issued in electronic form?", "31"),
    # A case the list does not name keeps the rule that answers it.
    ("Can we sign contracts electronically?", "7"),
    ("Is an emailed purchase order binding on our supplier?", "3"),
])
def test_a_yes_no_question_about_a_case_the_law_excludes_leads_with_the_exclusion(resources, question, section):
    result = answer(question, resources)
    assert result.status is AnswerStatus.ANSWERED and result.citations[0].section == section, result.text[:300]


def test_an_omitted_section_is_said_to_be_no_longer_in_force_before_it_is_quoted(resources):
    result = answer("A contract we were sent relies on section 37 of the Electronic Transactions Ordinance. Does that "
                    "section still apply?", resources)
    assert result.text.startswith("ETO s. 37 is no longer in force: PECA s. 54 omitted it."), result.text[:300]
    assert result.citations[0].section == "54"


def test_what_an_act_changed_in_a_provision_the_question_describes_is_read_from_the_act(resources):
    result = answer("Who receives complaints about crimes against children under PECA, and how did the 2025 "
                    "amendment change that section?", resources)
    assert "Section 43A was amended by the PECA (Amendment) Act 2025" in result.text, result.text[:300]
    assert any(c.doc_id == "peca-amendment-act-2025" for c in result.citations)


def test_the_optional_rerank_reorders_only_the_head_and_keeps_its_score(resources):
    from assistant.retrieve import hybrid_search, rerank

    question = "What must a service provider retain and for how long?"
    fused = hybrid_search(question, resources, resources.settings, None)
    reranked = rerank(question, fused, resources, depth=10)
    assert {h.chunk.id for h in reranked[:10]} == {h.chunk.id for h in fused[:10]}
    assert [h.chunk.id for h in reranked[10:]] == [h.chunk.id for h in fused[10:]]
    assert all("rerank" in h.scores and "rrf" in h.scores for h in reranked[:10])
    settings = resources.settings.with_(rerank=True)
    # Re-ranking changes the order, not whether the index answers: the decision is the same either way, and
    # a penalty question is answered through it.
    assert answer(question, resources, settings).status is answer(question, resources).status
    assert answer("What is the punishment for spoofing?", resources, settings).status is AnswerStatus.ANSWERED


@pytest.mark.parametrize("question, expected", [
    ("Compare the punishment for unauthorized access under ETO 2002 s.36 and PECA 2016 s.3.",
     [("electronic-transactions-ordinance-2002", "36"), ("peca-2016-consolidated-2025", "3")]),
    ("What do section 40 of the ETO and section 38 of PECA say?",
     [("electronic-transactions-ordinance-2002", "40"), ("peca-2016-consolidated-2025", "38")]),
])
def test_each_clause_reference_goes_to_the_document_named_beside_it(resources, question, expected):
    from assistant.retrieve import resolve_references

    assert [(s.doc_id, s.label) for s in resolve_references(question, resources, ())] == expected
    result = answer(question, resources)
    assert {(c.doc_id, c.section) for c in result.citations} >= set(expected), result.text


def test_a_described_fraud_is_answered_with_the_fraud_offences_penalty(resources):
    result = answer("Someone impersonated our supplier by email and tricked our accounts team into paying him. "
                    "What is the punishment?", resources)
    assert result.status is AnswerStatus.ANSWERED
    assert result.text.startswith("Imprisonment up to two years, fine up to ten million rupees, or both."), result.text
    assert result.citations[0].section == "14"


@pytest.mark.parametrize("question", [
    "Can you suggest a good laptop for programming under 200,000 rupees?",
    "What is the punishment for spoofing?",
    "Does our online shop need a licence to accept card payments?",
])
def test_an_answer_carries_the_weak_evidence_note_exactly_when_the_decision_was_weak(resources, question):
    from assistant.answer import decide_on, search
    from assistant.decide import WEAK_EVIDENCE
    from assistant.query import analyse

    query = analyse(question)
    decision = decide_on(query, search(query, resources, resources.settings, (), ()), resources, resources.settings)
    result = answer(question, resources)
    weak = result.status is AnswerStatus.ANSWERED and decision.p_answerable < WEAK_EVIDENCE
    assert any(note.startswith("Weak evidence") for note in result.notes) is weak


def test_a_scam_in_everyday_words_is_answered_as_electronic_fraud(resources):
    # "scammer", "pretended", "tricked": words the statutes never use, which must not read as a sign of absence.
    result = answer("A scammer pretended to be our supplier and tricked us into paying. What is the punishment?",
                    resources)
    assert result.status is AnswerStatus.ANSWERED, result.text
    assert result.citations[0].section == "14"


@pytest.mark.parametrize("question", [
    "A fake website pretending to be our shop is taking orders from our buyers. What is the punishment for this?",
    "Somebody made a copycat website of our shop with our logo. What offence is it?",
    "Someone built a lookalike of our bank's site to collect passwords. What is the penalty?",
])
def test_a_site_made_to_pass_for_ours_is_answered_as_spoofing(resources, question):
    # No statute says "fake website", "copycat" or "lookalike"; PECA s. 26 says "a counterfeit source".
    result = answer(question, resources)
    assert result.status is AnswerStatus.ANSWERED, result.text
    assert result.citations[0].section == "26", result.text[:300]


def test_a_hacked_pc_that_is_not_critical_infrastructure_is_not_answered_with_the_critical_infrastructure_offence(
        resources):
    # PECA s. 6 is s. 3's offence against "critical infrastructure"; the question speaks of a clinic's PC and of
    # whoever spreads the harmful software, which is s. 23 (malicious code).
    result = answer("Ransomware locked every PC at our dental clinic. What jail term does the law set for the person "
                    "who wrote and spread that software?", resources)
    assert result.citations[0].section == "23" and "two years" in result.text, result.text[:300]


@pytest.mark.parametrize("question, history, date", [
    # The targets table's row, quoted with its timeline cell.
    ("What level of public awareness of AI does the draft AI policy want to reach, and by what year?", [], "2026"),
    # The amending Act's enactment line, on its cover.
    ("When did it become law?", [{"role": "user", "content": "What did the PECA (Amendment) Act 2025 change?"},
                                  {"role": "assistant", "content": "It set up the Social Media Protection and "
                                                                   "Regulatory Authority."}], "29th January, 2025"),
])
def test_a_question_asking_by_when_is_answered_with_the_date(resources, question, history, date):
    result = answer(question, resources, history=history)
    assert result.status is AnswerStatus.ANSWERED, result.text
    assert date in result.text, result.text


def test_the_governing_sections_penalty_past_a_page_break_is_quoted(resources):
    # PECA s. 32(3) breaks at a page with a footnote: "... with fine which" / "may extend to ten million rupees".
    history = [{"role": "user", "content": "How long must an internet company keep its customers' traffic data?"},
               {"role": "assistant", "content": "For a minimum of one year, under PECA s. 32(1)."}]
    result = answer("What happens if a provider doesn't keep it? What's the penalty?", resources, history=history)
    assert result.status is AnswerStatus.ANSWERED, result.text
    assert "ten million rupees" in result.text and "six months" in result.text, result.text


def test_a_follow_up_is_answered_by_the_sentence_its_own_ask_needs(resources):
    # The conversation finds section 4.1.2; scored with the earlier question's words its opening outscores the
    # partnership term the turn asks for.
    history = [{"role": "user", "content": "Where does the draft AI policy want to set up Centres of Excellence in AI?"},
               {"role": "assistant", "content": "Section 4.1.2 of the draft proposes full Centres of Excellence "
                                                "(CoE-AI) in Islamabad, Karachi and Lahore."}]
    result = answer("And how long can the partnerships running them be funded by the AI fund?", resources,
                    history=history)
    assert result.status is AnswerStatus.ANSWERED
    assert re.search(r"not be more than five \(5\) years which may be extended for another 2 years", result.text)


@pytest.mark.parametrize("question, wanted", [
    # Two documents, one ask each: the policy's sentence shares no topic word with the offence that leads.
    ("Our startup builds a generative AI image app. What does the government's draft AI policy say about fake "
     "content made with generative AI, and what punishment does the cybercrime law set if a user uses our tool to "
     "put a real person's face onto sexually explicit images?",
     [r"convincing fake content", r"five years"]),
    # The review and its deadline answer the second ask, in words the first ask does not use.
    ("The regulator blocked one of the pages on our news website. How do we challenge that, and what are the "
     "deadlines?", [r"review of the order within thirty days"]),
])
def test_each_ask_of_a_compound_question_keeps_its_own_answer(resources, question, wanted):
    result = answer(question, resources)
    assert result.status is AnswerStatus.ANSWERED, result.text
    for pattern in wanted:
        assert re.search(pattern, result.text), (pattern, result.text)


def test_a_follow_up_is_answered_from_the_statute_the_conversation_names(resources):
    # The ETO's section on bail shares more of the turn's words; the conversation is about a PECA offence.
    history = [{"role": "user", "content": "Under PECA, what is the punishment for glorifying a terrorist online?"},
               {"role": "assistant", "content": "Up to seven years' imprisonment, a fine up to ten million rupees, "
                                                "or both (PECA s. 9). [1]"}]
    result = answer("Would a person accused of that get bail?", resources, history=history)
    assert result.status is AnswerStatus.ANSWERED, result.text
    assert (result.citations[0].doc_id, result.citations[0].section) == ("peca-2016-consolidated-2025", "43")
    assert "electronic-transactions-ordinance-2002" not in {c.doc_id for c in result.citations}


def test_a_question_naming_a_statute_is_composed_from_it_first(resources):
    # ETO s. 36, which PECA s. 54 omitted, shares the question's words; the question names PECA.
    result = answer("Under PECA, what is the maximum punishment for gaining unauthorized access to an information "
                    "system or data?", resources)
    assert result.status is AnswerStatus.ANSWERED, result.text
    assert (result.citations[0].doc_id, result.citations[0].section) == ("peca-2016-consolidated-2025", "3")
    assert {c.doc_id for c in result.citations} == {"peca-2016-consolidated-2025"}, result.text


def test_a_punishment_asked_of_the_draft_policy_is_told_the_policy_sets_none(resources):
    policy_only = answer("Under the draft AI policy, what fine will a company pay if its chatbot leaks user data?",
                         resources)
    assert policy_only.status is AnswerStatus.NOT_IN_CORPUS and "is a policy, not a law" in policy_only.text
    assert "PECA" in policy_only.text, "the user is told which indexed texts do set penalties"
    # Naming a statute too, the punishment is looked for in it.
    both = answer("What does the draft AI policy say about deepfakes, and what punishment does PECA set for fake "
                  "information?", resources)
    assert both.status is AnswerStatus.ANSWERED and "imprisonment" in both.text.lower()


def test_a_continuation_that_says_they_is_read_with_the_conversation(resources):
    history = [{"role": "user", "content": "If cybercrime investigators seize our office servers, do we get a list "
                                           "of what they took?"},
               {"role": "assistant", "content": "Yes. PECA s. 36(1): the officer makes a list of what was seized."}]
    result = answer("And can we get a copy of our files back while they hold them?", resources, history=history)
    assert result.status is AnswerStatus.ANSWERED
    assert "forensic image" in result.text, "s. 36(2), the owner's copy, not the offence of copying data"


@pytest.mark.parametrize("question, wanted", [
    ("We are planning an AI lab and read that the draft policy sets up Centres of Excellence in AI. "
     "In which cities will the first ones be?", r"Islamabad, Karachi, and Lahore"),
    ("My university group wants R&D funding for an AI project. Does the draft AI policy fund research projects, "
     "and about how much per project?", r"PKR 1 million per project"),
])
def test_a_question_told_after_a_scenario_is_answered_by_its_asking_sentence(resources, question, wanted):
    # The scenario's words read closest to a section's opening; the asking sentence picks the sentence that answers.
    result = answer(question, resources)
    assert result.status is AnswerStatus.ANSWERED
    assert re.search(wanted, result.text), result.text


def test_a_body_named_by_its_abbreviation_is_quoted_with_its_introduction(resources):
    # 4.3.1 speaks of "The ARD" in the passages that match; "AI Regulatory Directorate (ARD) ... under the National
    # Commission for Personal Data Protection" stands two chunks earlier in the same section.
    result = answer("Under the draft AI policy, which body would regulate the use of AI doctors' assistants in "
                    "hospitals?", resources)
    assert result.status is AnswerStatus.ANSWERED
    assert "AI Regulatory Directorate (ARD)" in result.text, result.text


def test_a_follow_up_changing_the_victim_stays_with_the_offence_the_reply_answered_from(resources):
    # Section 24's proviso: five years and ten million rupees if the victim is a minor.
    first = ("Someone keeps following me online, messaging me from new accounts after I block him and watching "
             "everything I post. Is there a law against it?")
    reply = ("It can be. Under section 24 of PECA this is cyber stalking, punishable with up to three years, a fine "
             "up to Rs 1 million, or both.")
    history = [{"role": "user", "content": first}, {"role": "assistant", "content": reply}]
    result = answer("what if he does it to my 14 year old daughter?", resources, history=history)
    assert result.status is AnswerStatus.ANSWERED
    assert result.citations[0].section == "24", result.text
    assert re.search(r"five years", result.text), result.text
