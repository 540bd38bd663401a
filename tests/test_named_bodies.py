"""Bodies and offices a question names, and whether the indexed texts name them."""
from __future__ import annotations

import pytest

from assistant.answer import answer
from assistant.decide import decide
from assistant.named_bodies import NameIndex, body_names, defined_short_names, in_short_names, unnamed_bodies
from assistant.query import analyse
from assistant.types import AnswerStatus, Chunk, DocStatus, Hit


@pytest.mark.parametrize("question, names", [
    ("How do I file a complaint with the Cyber Ombudsman if NCCIA ignores my report?", ("Cyber Ombudsman",)),
    ("Who chairs the National AI Ethics Council, and can businesses appeal?", ("National AI Ethics Council",)),
    ("What documents does the Registrar of Electronic Signatures need?", ("Registrar of Electronic Signatures",)),
    ("Will Pakistan's AI Safety Institute test our chatbot?", ("Pakistan's AI Safety Institute",)),
    ("What happens to the FIA's Cyber Crime Wing?", ("FIA's Cyber Crime Wing",)),
    ("Can the Tribunal's decision go to the Supreme Court?", ("Tribunal", "Supreme Court")),
    # A capitalised question word opens the sentence; it is not part of the name.
    ("Does the Social Media Protection and Regulatory Authority have a budget?",
     ("Social Media Protection and Regulatory Authority",)),
    # so does a Roman Urdu function word ("agar", if; "kya", what)
    ("Agar Social Media Protection Tribunal ka faisla khilaf aaye to appeal kahan hogi?",
     ("Social Media Protection Tribunal",)),
    ("Kya National AI Ethics Council ka koi chairman hai?", ("National AI Ethics Council",)),
    # A name running on past the institution's kind is something else: a law, not a fund.
    ("What does the Payment Systems and Electronic Fund Transfers Act say?", ()),
    # Lower-case words are not names, and background sentences are not asked about.
    ("Must we appoint a data protection officer?", ()),
    # The asker's own team or company is described, not named.
    ("Does our Compliance Team have to keep the logs for a year?", ()),
    ("Must my IT Department report the attack?", ()),
    ("We registered with the Pakistan Software Export Board last year. What must a service provider retain?", ()),
])
def test_body_names(question, names):
    assert body_names(question) == names


def _chunk(text: str, n: int = 0) -> Chunk:
    return Chunk(id=f"c{n}", doc_id="peca", doc_status=DocStatus.CONSOLIDATED, section=str(n), section_title="",
                 heading_path=(), page_start=1, page_end=1, page_label="1", ordinal=0, text=text)


TEXTS = NameIndex([
    _chunk("The Social Media Protection and Regulatory Authority shall prepare its budget.", 0),
    _chunk("After establishment of the NCCIA, the Cyber Crime Wing of the Federal Investigation Agency shall cease "
           "to exist.", 1),
    _chunk("4.1.2 Center of Excellence in AI. The fund shall be administered through an independent Board of "
           "Directors. NAIF shall raise funds. A Chief Executive Officer will be hired from the industry on open "
           "merit, with terms set by the board, to run the AI programmes.", 2),
    _chunk("The council shall meet. Safety of systems matters. An institute of technology may apply.", 3),
])


@pytest.mark.parametrize("name, named", [
    ("Social Media Protection and Regulatory Authority", True),
    # The texts' longer name carries the short one's words close together.
    ("Social Media Protection Authority", True),
    # An acronym the texts only spell out ("Federal Investigation Agency").
    ("FIA's Cyber Crime Wing", True),
    # An acronym in front qualifies the name; it need only be in the same passage.
    ("NAIF Board of Directors", True),
    # British and American spellings are one word.
    ("Centre of Excellence", True),
    ("Pakistan's Centre of Excellence", True),
    ("Cyber Ombudsman", False),
    ("XYZ Board of Directors", False),
    # Each word is somewhere in one passage, but not together as a name.
    ("AI Safety Institute", False),
    ("Chief AI Officer", False),
    ("National AI Ethics Council", False),
])
def test_names_are_found_only_where_their_words_stand_together(name, named):
    assert TEXTS.names(name) is named
    assert unnamed_bodies((name,), TEXTS) == (() if named else (name,))


def test_an_unnamed_body_declines_whatever_the_passages_score():
    hit = Hit(_chunk("The council shall meet."), 0.9, {"dense": 0.9, "bm25": 9.0})
    query = analyse("Who chairs the National AI Ethics Council?")
    decision = decide(query, [hit], {"council", "chair"}, unnamed_bodies=("National AI Ethics Council",))
    assert decision.status is AnswerStatus.NOT_IN_CORPUS
    assert "No indexed document mentions “National AI Ethics Council”" in decision.text
    assert decision.unnamed_bodies == ("National AI Ethics Council",)
    # A named clause still governs its own answer.
    clause = Hit(_chunk("Section 29 text."), 1.0, {"clause": 1.0})
    assert decide(query, [clause], set(), unnamed_bodies=("National AI Ethics Council",)).answers


@pytest.mark.parametrize("question, named", [
    ("Who chairs the National AI Ethics Council, and can businesses appeal its decisions?", False),
    ("How do I file a complaint with the Cyber Ombudsman if NCCIA ignores my harassment report?", False),
    ("Will our chatbot have to be cleared by Pakistan's AI Safety Institute before launch?", False),
    ("Does the draft AI policy make every company designate a Chief AI Officer?", False),
    ("What does the Registrar of Electronic Signatures need before registering my e-signature?", False),
    ("Who can set up a Computer Emergency Response Team?", True),
    ("What powers does the Social Media Regulatory Authority have?", True),
    ("Who chairs the Board of Directors of the National AI Fund?", True),
    ("What happens to the FIA's Cyber Crime Wing once the new investigation agency is set up?", True),
    ("What will the Centre of Excellence in AI do?", True),
    ("Can an order of the Sessions Court be appealed?", True),
    ("What does the Pakistan Telecommunication Authority do under PECA?", True),
    ("Who sits on the Electronic Certification Accreditation Council?", True),
])
def test_bodies_in_the_real_texts(resources, question, named):
    result = answer(question, resources)
    unnamed = unnamed_bodies(analyse(question).bodies, resources.name_index)
    assert (not unnamed) is named
    if not named:
        assert result.status is AnswerStatus.NOT_IN_CORPUS
        assert f"No indexed document mentions “{unnamed[0]}”" in result.text


def _chunk(text: str) -> Chunk:
    return Chunk(id="d", doc_id="peca", doc_status=DocStatus.CONSOLIDATED, section="2", section_title="Definitions",
                 heading_path=(), page_start=1, page_end=1, page_label="1", ordinal=0, text=text)


@pytest.mark.parametrize("definitions, short_names", [
    # a body named in full once and by its kind everywhere else
    (["(iv) “Authority” means the Social Media Protection and Regulatory Authority established under section 2A;"],
     {"Social Media Protection and Regulatory Authority": "Authority"}),
    (["(b) “Certification Council” means the Electronic Certification Accreditation Council established under "
      "section 18;"], {"Electronic Certification Accreditation Council": "Certification Council"}),
    # a nickname that is not the name's kind
    (["(vi) “Code” means the Code of Criminal Procedure, 1898 (Act V of 1898);"], {}),
    # a term given two full names is ambiguous: neither is rewritten
    (["(xxx) “Tribunal” means the Telecommunication Appellate Tribunal;",
      "(xxxa) “Tribunal” means the Social Media Protection Tribunal established under section 2V;"], {}),
])
def test_short_names_come_from_the_definitions(definitions, short_names):
    assert defined_short_names([_chunk(text) for text in definitions]) == short_names


@pytest.mark.parametrize("question, searched", [
    ("How many members does the Social Media Protection and Regulatory Authority have?",
     "How many members does the Authority have?"),
    ("Who audits the social media protection & regulatory authority?", "Who audits the Authority?"),
    ("What do the Social Media Protection and Regulatory Authorityx rules say?",
     "What do the Social Media Protection and Regulatory Authorityx rules say?"),  # part of another word
    ("What does the Authority do?", "What does the Authority do?"),
])
def test_a_full_name_is_searched_as_the_short_term_the_texts_use(question, searched):
    assert in_short_names(question, {"Social Media Protection and Regulatory Authority": "Authority"}) == searched


def test_the_real_texts_define_the_authority_by_its_short_term(resources):
    assert resources.short_names == {"Social Media Protection and Regulatory Authority": "Authority"}
    result = answer("Who audits the accounts of the Social Media Protection and Regulatory Authority?", resources)
    assert result.status is AnswerStatus.ANSWERED
    assert any(c.section == "2M" for c in result.citations), result.text
    assert "chartered accountants" in result.text and "Auditor-General" in result.text
