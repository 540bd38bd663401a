"""The law tables against hand-labelled truth tables (tests/data/law_truth, written from the PDFs)."""
from __future__ import annotations

import collections
import tomllib
from pathlib import Path

import pytest

from assistant.law_tables import months, strip_editorial, subsections, words_to_number
from assistant.tables_view import amendment_rows, obligation_rows, penalty_rows

TRUTH = Path(__file__).parent / "data" / "law_truth"
FIGURES = ("max_imprisonment_months", "min_imprisonment_months", "max_fine_rupees", "min_fine_rupees", "combination")
BUSINESS = ("service provider", "social media platform")
PECA = "peca-2016-consolidated-2025"


def truth(name: str, table: str) -> list[dict]:
    return tomllib.loads((TRUTH / f"{name}.toml").read_text(encoding="utf-8"))[table]


@pytest.mark.parametrize("text, number", [
    ("fifty thousand rupees", 50_000), ("rupees five million", 5_000_000), ("ten million rupees", 10_000_000),
    ("one hundred million rupees", 100_000_000), ("two hundred and fifty thousand rupees", 250_000),
    ("five hundred thousand", 500_000), ("Rs. 1,000,000", 1_000_000), ("5 million", 5_000_000), ("", 0),
])
def test_sums_in_words(text, number):
    assert words_to_number(text) == number


@pytest.mark.parametrize("term, expected", [("three months", 3), ("fourteen years", 168), ("seven years", 84), ("", 0)])
def test_terms_in_months(term, expected):
    assert months(term) == expected


def test_footnotes_and_markers_do_not_break_a_sentence():
    text = "with fine which 1Subs. by Act No. II of 2025, s.8. may extend to 1[ten million rupees]."
    assert strip_editorial(text) == "with fine which may extend to ten million rupees."


def test_subsections_split_on_numbers_not_on_references():
    parts = subsections("22. Child pornography.— (1) Whoever does X. (2) Any person may apply under sub-section\n"
                        "(1) and the Authority shall act.")
    assert [n for n, _ in parts] == ["", "1", "2"]


@pytest.fixture(scope="module")
def tables(resources):
    return resources.law_tables


def test_every_offence_of_the_truth_table_is_found_with_exact_figures(tables):
    expected = {(r["doc"], r["section"], r["subsection"]): r for r in truth("offences", "offence")}
    found = {(r.doc_id, r.section, r.subsection): r for r in tables.offences if r.doc_id in {k[0] for k in expected}}
    assert len(expected) >= 25
    matched = set(found) & set(expected)
    assert len(matched) / len(found) >= 0.95 and len(matched) / len(expected) >= 0.95, (set(found) ^ set(expected))
    for field in FIGURES:
        right = [k for k in matched if getattr(found[k], field) == expected[k][field]]
        assert len(right) / len(expected) >= 0.95, (field, [(k, getattr(found[k], field)) for k in matched - set(right)])
    omitted = {k[1]: found[k].omitted_by for k in matched if expected[k]["omitted"]}
    assert omitted == {"36": "PECA s. 54", "37": "PECA s. 54"}
    pages = [k for k in matched if found[k].page == expected[k]["page"]]
    assert len(pages) / len(matched) >= 0.85


def test_duties_of_service_providers_and_platforms_are_found(tables):
    expected = collections.Counter((r["doc"], r["section"], r["who"]) for r in truth("obligations", "obligation")
                                   if r["doc"] == PECA and r["who"] in BUSINESS)
    found = collections.Counter((r.doc_id, r.section, r.who) for r in tables.obligations
                                if r.doc_id == PECA and r.who in BUSINESS)
    hits = sum((expected & found).values())
    assert sum(truth_rows := expected.values()) >= 10 and sum(found.values())
    assert hits / sum(truth_rows) >= 0.85, expected - found
    assert hits / sum(found.values()) >= 0.85, found - expected


def test_state_duties_are_labelled_as_the_states(tables):
    by_who = {r.who: r.state for r in tables.obligations}
    assert by_who["Authority"] and by_who["Federal Government"] and by_who["investigation agency"]
    assert not by_who["service provider"] and not by_who["social media platform"]


def test_every_section_of_the_amendment_act_maps_to_the_sections_it_changes(tables):
    rows = [r for r in tables.amendments if r.doc_id == "peca-amendment-act-2025"]
    for expected in truth("amendments", "amendment"):
        got = [r for r in rows if r.act_section == expected["act_section"]]
        assert {r.section for r in got} == set(expected["target_sections"]), expected["heading"]
        assert {r.action for r in got} <= {expected["action"]}, expected["heading"]
        assert all(r.act == "II of 2025" for r in got)


def test_consolidated_footnotes_are_joined_to_the_sections_they_change(tables):
    expected = {(r["section"], r["act"]) for r in truth("amendments", "footnote")}
    found = {(r.section, r.act) for r in tables.amendments if r.doc_id == PECA}
    assert len(found & expected) / len(found) >= 0.95
    assert len(found & expected) / len(expected) >= 0.95
    with_action = {(r["section"], r["act"], r["action"]) for r in truth("amendments", "footnote")}
    found_action = {(r.section, r.act, r.action) for r in tables.amendments if r.doc_id == PECA}
    assert len(found_action & with_action) / len(with_action) >= 0.9


@pytest.mark.parametrize("footnote, action, act, act_section", [
    ("1Ins. by Act No. II of 2025, s.2.", "inserted", "II of 2025", "2"),
    ("1Ins. by XXXVII of 2023, s. 2.", "inserted", "XXXVII of 2023", "2"),
    ("1Subs. and Ins. by Act No. XXXVII of 2023, ss.3-4", "amended", "XXXVII of 2023", "3-4"),
    ("1Subs., Omitted, added and ins. by Act No. II of 2025, ss.12-13.", "amended", "II of 2025", "12-13"),
    ("1Subs. by the Establishment of Telecommunication Appellate Tribunal Act, 2024 (Act No. XXV of 2024), s. 7.",
     "substituted", "XXV of 2024", "7"),
    ("1Numbered and added by Act No. II of 2025, s.14.", "amended", "II of 2025", "14"),
])
def test_footnote_wordings(footnote, action, act, act_section):
    from assistant.law_tables import _FOOTNOTE, _footnote_action

    found = _FOOTNOTE.search(footnote)
    assert (_footnote_action(found.group(2)), f"{found.group(3)} of {found.group(4)}", found.group(5).replace(" ", "")) == (
        action, act, act_section)


@pytest.mark.parametrize("words, opens_label, action", [
    ("Ins. and subs.", "26A", "inserted"),  # the marker opens an inserted, lettered section
    ("Ins. and subs.", "29", "substituted"),  # the marker opens a plain-numbered section
    ("Ins. and subs.", "", "amended"),  # the marker sits inside a section's text
    ("Subs.", "", "substituted"),
])
def test_a_footnote_with_several_actions_is_read_through_its_marker(words, opens_label, action):
    from assistant.law_tables import _footnote_action

    assert _footnote_action(words, opens_label) == action


def test_the_command_line_filters(tables):
    assert {r.doc_id for r in penalty_rows(tables, "electronic-transactions-ordinance-2002")} == {
        "electronic-transactions-ordinance-2002"}
    assert [r.section for r in penalty_rows(tables, PECA, "false fake")] == ["26A"]
    assert {r.who for r in obligation_rows(tables, "service providers")} == {"service provider"}
    assert {(r.action, r.act) for r in amendment_rows(tables, "26a")} >= {("inserted", "II of 2025")}


def test_a_document_without_penal_sections_has_an_empty_table(tables):
    assert not [r for r in tables.offences if r.doc_id == "draft-national-ai-policy-2023"]


@pytest.mark.parametrize("question, party", [
    ("What must a service provider do under PECA?", "service provider"),
    ("What obligations do social media platforms have?", "social media platform"),
    ("What are the duties of a certification service provider?", "certification service provider"),
    ("What must the owner of an information system do?", "owner of information system"),
    ("What is a service?", ""),
])
def test_the_party_a_question_asks_about(question, party):
    from assistant.table_answers import asked_party

    assert asked_party(question) == party


@pytest.mark.parametrize("question, expected", [
    ("What must a service provider do under PECA?", ["32", "32", "48"]),
    ("What obligations do social media platforms have?", ["2Q", "2S"]),
])
def test_a_partys_duties_are_listed_each_cited(resources, question, expected):
    from assistant.answer import answer

    result = answer(question, resources)
    cited = [c.section for c in result.citations]
    assert result.text.startswith("The indexed statutes put") and all(s in cited for s in set(expected)), result.text
    assert all(c.doc_status.value != "user-added" for c in result.citations)


@pytest.mark.parametrize("question, whole", [
    ("What are the obligations of a social media platform?", True),
    ("What must a service provider do under PECA?", True),
    # One duty named: the rows that name it are part of an answer, never a reason to overturn a decline.
    ("Do social media platforms have to enlist with the Authority?", False),
    ("How many days does a service provider have to retain traffic data?", False),
])
def test_a_duty_list_is_the_whole_answer_only_when_every_duty_is_asked_for(resources, question, whole):
    from assistant.rewrite import understand
    from assistant.table_answers import duty_lead

    lead = duty_lead(understand(question, (), resources.settings, sources=resources.sources), resources)
    assert lead is not None and lead.whole is whole


@pytest.mark.parametrize("question, section, act_section, action", [
    ("What did the 2025 Act change in section 30?", "30", "7", "substituted"),
    ("Which Act inserted section 26A of PECA?", "26A", "5", "inserted"),
    ("Was section 43 of PECA amended?", "43", "9", "amended"),
    # the section is named against the amending Act: it is a section the Act changes, not one it lacks
    ("How did the PECA Amendment Act 2025 change section 43?", "43", "9", "amended"),
])
def test_what_an_act_did_to_a_section_is_answered_from_the_amending_provision(resources, question, section, act_section,
                                                                            action):
    from assistant.answer import answer

    result = answer(question, resources)
    assert result.text.startswith(f"Section {section} was {action} by the PECA (Amendment) Act 2025 (Act No. II of 2025).")
    assert (result.citations[0].doc_id, result.citations[0].section) == ("peca-amendment-act-2025", act_section)


def test_a_change_question_naming_a_law_is_answered_from_that_laws_section_with_the_changed_words(resources):
    from assistant.answer import answer

    # The ETO's s. 38 on bail ranks first; the question names PECA, whose s. 43 the Act changed in place.
    result = answer("Did the 2025 amendment to PECA change the list of non-bailable offences, and what did it say "
                    "before?", resources)
    assert result.text.startswith("Section 43 was amended by the PECA (Amendment) Act 2025"), result.text
    opening = result.text.split("[1]")[0]
    assert "for the expression “22, 22A, 22B and 22C”" in opening and "…" not in opening


def test_a_provision_changing_words_in_place_is_quoted_through_its_items():
    from assistant.table_answers import _opening

    items = ("9. Amendment of section 43, Act XL of 2016.—In the said Act, in section 43,— (a) in sub-section (1), for "
             "the expression “10, 21 and 22”, the expression “10, 13, 14, 20, 21, 22 and 26A” shall be substituted; "
             "and (b) in sub-section (2), for the expression “22, 22A, 22B and 22C”, the expression “13, 14, 20, 22, "
             "22A, 22B, 22C and 26A” shall be substituted.")
    assert _opening(items).endswith("22A, 22B, 22C and 26A” shall be substituted")
    whole = ("7. Substitution of section 30, Act XL of 2016.—In the said Act, for section 30, the following shall be "
             "substituted, namely:— “30. Power to investigate.—" + "(1) Only an authorised officer shall " * 20)
    assert _opening(whole) == ("Substitution of section 30, Act XL of 2016.—In the said Act, for section 30, the "
                               "following shall be substituted")


@pytest.mark.parametrize("question", ["What is the punishment for spoofing?", "What does section 30 of PECA say?",
                                      "What must I do to get a visa?"])
def test_other_questions_get_no_table_lead(resources, question):
    from assistant.rewrite import understand
    from assistant.table_answers import table_lead

    assert table_lead(understand(question, [], resources.settings, sources=resources.sources), resources) is None


def test_rows_of_an_added_document_are_labelled_unverified_in_the_views():
    from types import SimpleNamespace

    from assistant.types import DocStatus, Source
    from ui.law_views import _documents

    sources = [Source(id=i, title=i, short_name=name, issuer="", date="", status=status, available=True)
               for i, name, status in (("peca", "PECA", DocStatus.CONSOLIDATED), ("acme", "Acme Rules", DocStatus.USER))]
    assert _documents(SimpleNamespace(sources=sources), {"peca", "acme"}) == {
        "peca": "PECA", "acme": "Acme Rules (user-added, unverified)"}


@pytest.mark.parametrize("question, omitted", [
    ("ETO 2002 section 36 made violation of privacy of information an offence. Is it still in force?", "36"),
    ("What did section 37 of the Electronic Transactions Ordinance provide on damage to information systems?", "37"),
])
def test_an_omitted_section_is_answered_with_the_provision_that_omitted_it(resources, question, omitted):
    from assistant.answer import answer

    result = answer(question, resources)
    cited = [(c.doc_id, c.section) for c in result.citations]
    assert ("electronic-transactions-ordinance-2002", omitted) in cited and (PECA, "54") in cited, result.text
    assert "are omitted" in result.text


def test_a_rule_that_applies_another_statutes_sections_is_read_with_them(resources):
    from assistant.answer import answer

    assert resources.law_tables.references[(PECA, "32")] == [("electronic-transactions-ordinance-2002", "5"),
                                                             ("electronic-transactions-ordinance-2002", "6")]
    result = answer("PECA section 32 says traffic data must be retained in line with the ETO. Which ETO sections, "
                    "and what do they require?", resources)
    cited = {(c.doc_id, c.section) for c in result.citations}
    assert (PECA, "32") in cited and {("electronic-transactions-ordinance-2002", s) for s in ("5", "6")} & cited


@pytest.mark.parametrize("doc_id, section, amended", [
    (PECA, "43A", True),                                   # the 2025 Act amends PECA's s. 43A
    ("electronic-transactions-ordinance-2002", "2", False),  # PECA's s. 2 was amended; the ETO's s. 2 was not
])
def test_a_change_question_naming_no_section_is_asked_of_the_best_passages_section_in_its_own_statute(
        resources, doc_id, section, amended):
    from assistant.rewrite import understand
    from assistant.table_answers import amendment_lead
    from assistant.types import Hit

    chunk = next(c for c in resources.chunks if c.doc_id == doc_id and c.section == section)
    query = understand("What did the 2025 amendment change in that provision?", [], resources.settings,
                       sources=resources.sources)
    lead = amendment_lead(query, resources, [Hit(chunk, 1.0, {})])
    assert (lead is not None and lead.intro.startswith(f"Section {section} was")) is amended


@pytest.mark.parametrize("question, first, described", [
    # the question states s. 29's title ("Investigation agency") word for word, none of s. 43A's "children"
    ("What did the 2025 amendment change about which agency investigates cybercrimes?", "43A", "29"),
    # no title stated: the best passage's section, as before
    ("What did the 2025 amendment change in that provision?", "43A", "43A"),
    # a stated title of a section no Act changed is no change question's section
    ("What did the 2025 amendment change about cyber stalking?", "43A", "43A"),
])
def test_a_change_question_is_asked_of_the_changed_section_whose_title_it_states(resources, question, first,
                                                                               described):
    from assistant.rewrite import understand
    from assistant.table_answers import amendment_lead
    from assistant.types import Hit

    def hit(section):
        return Hit(next(c for c in resources.chunks if c.doc_id == PECA and c.section == section), 1.0, {})

    query = understand(question, [], resources.settings, sources=resources.sources)
    lead = amendment_lead(query, resources, [hit(first), hit("24"), hit("29")])
    assert lead is not None and lead.intro.startswith(f"Section {described} was")


def test_a_substituted_section_is_quoted_by_its_new_opening_unless_a_best_passage_holds_it(resources):
    from assistant.rewrite import understand
    from assistant.table_answers import amendment_lead
    from assistant.types import Hit

    query = understand("What did the 2025 Act change in section 29?", [], resources.settings, sources=resources.sources)
    lead = amendment_lead(query, resources)
    assert "the following shall be substituted" in lead.text
    assert "National Cyber Crime Investigation Agency (NCCIA)" in lead.text
    consolidated = next(c for c in resources.chunks if c.doc_id == PECA and c.section == "29"
                        and "to be called the National Cyber Crime" in c.text)
    quoted = amendment_lead(query, resources, [Hit(consolidated, 1.0, {})])
    assert "National Cyber Crime Investigation Agency (NCCIA)" not in quoted.text
    # the new text's sentences on what it replaced are quoted either way
    assert len(quoted.hits) == len(lead.hits) - 1 and "shall cease to exist" in quoted.text


@pytest.mark.parametrize("section, said", [
    # the NCCIA's section says what it ends (the FIA's Cyber Crime Wing) and what made before it still holds
    ("29", ["(5) After establishment of the NCCIA, the Cyber Crime Wing of the Federal Investigation Agency shall "
            "cease to exist", "(9) Without prejudice to anything contained in this section, the rules"]),
    # the new Authority's "existing members" are its own, not what was there before the Act
    ("2E", []),
    # the transitory section's only sentence is its opening, which the lead quotes already
    ("50A", []),
])
def test_a_new_texts_sentences_on_what_it_replaced_are_found(resources, section, said):
    from assistant.retrieve import chunks_of_section
    from assistant.table_answers import speaks_of_before

    found = speaks_of_before(chunks_of_section("peca-amendment-act-2025", section, resources))
    assert len(found) == len(said)
    assert all(text.startswith(opening) and text in " ".join(chunk.text.split())
               for (chunk, text), opening in zip(found, said))


def test_a_change_question_is_answered_by_what_the_new_text_ended(resources):
    from assistant.answer import answer

    result = answer("What did the 2025 amendment to PECA change about which agency investigates cybercrimes?",
                    resources)
    assert "National Cyber Crime Investigation Agency (NCCIA)" in result.text
    assert "Cyber Crime Wing of the Federal Investigation Agency shall cease to exist" in result.text
    assert ("peca-amendment-act-2025", "29") in {(c.doc_id, c.section) for c in result.citations}


def test_a_section_inserted_with_whole_chapters_is_not_quoted_by_another_sections_opening(resources):
    from assistant.rewrite import understand
    from assistant.table_answers import amendment_lead

    query = understand("What did the 2025 Act change in section 2F?", [], resources.settings, sources=resources.sources)
    lead = amendment_lead(query, resources)
    assert lead is not None and "new Chapters shall be inserted" in lead.text
    assert "Establishment of the Authority" not in lead.text and len(lead.hits) == 1


@pytest.mark.parametrize("labels, said", [
    (["36"], "ETO s. 36 is no longer in force: PECA s. 54 omitted it"),
    (["36", "37"], "ETO ss. 36 and 37 are no longer in force: PECA s. 54 omitted them"),
    (["35", "36", "37"], "ETO ss. 35, 36 and 37 are no longer in force: PECA s. 54 omitted them"),
])
def test_omitted_sections_are_said_to_be_no_longer_in_force(labels, said):
    from assistant.table_answers import no_longer_in_force

    assert no_longer_in_force("ETO", labels, "PECA s. 54") == said
