"""What a question asks for, and whether a text supplies it: pure functions, hand-made cases."""
from __future__ import annotations

import pytest

from assistant.query import analyse
from assistant.question_type import (Expected, asks_about_reach, asks_about_version, asks_how_done, asks_when_made,
                                     asks_what_bound, asks_whether_bound, defined_term, definition_opening,
                                     expected_answer, has_expected, main_clause, question_parts)


@pytest.mark.parametrize("question, kind", [
    ("What is PTA's annual licence fee for an internet service provider?", Expected.AMOUNT),
    ("What is the minimum capital requirement for an EMI licence?", Expected.AMOUNT),
    ("What is the maximum fine, as a percentage of annual turnover, for a data breach?", Expected.PERCENT),
    ("What income tax exemption rate does the draft policy give to startups?", Expected.PERCENT),  # a rate is a share
    ("What literacy rate does the policy cite?", Expected.PERCENT),
    ("What is today's exchange rate of the dollar?", Expected.WORLD_STATE),
    ("What is the punishment for spoofing?", Expected.PENALTY),
    ("PECA ke tehat spamming ki saza kya hai?", Expected.PENALTY),
    ("Within how many days must the Council decide?", Expected.QUANTITY),
    ("How many members does the Authority have?", Expected.QUANTITY),
    ("Who is the current Chairperson of the Authority?", Expected.WORLD_STATE),
    # Who holds an office one person holds, or the holder's name; someone chosen for a task
    ("Who is the chairperson of the Social Media Protection and Regulatory Authority?", Expected.WORLD_STATE),
    ("What is the name of the Director General of the NCCIA?", Expected.WORLD_STATE),
    ("Which audit firm has been picked to audit the fund's accounts?", Expected.WORLD_STATE),
    # who was put in an office, or held it first, is in a notification
    ("Who was appointed as the first Director General of the National Cyber Crime Investigation Agency?",
     Expected.WORLD_STATE),
    ("Who has been named chairperson of the Tribunal?", Expected.WORLD_STATE),
    ("Who was the first chairman of the Authority?", Expected.WORLD_STATE),
    ("Who's the new DG of the NCCIA?", Expected.WORLD_STATE),
    # ... in Roman Urdu too: who has been appointed, and how many so far
    ("NCCIA ka pehla Director General kaun muqarrar hua hai?", Expected.WORLD_STATE),
    ("Authority ka chairman kaun tayinat kiya gaya hai?", Expected.WORLD_STATE),
    ("Ab tak kitne logon ko PECA ke tehat saza hui hai?", Expected.WORLD_STATE),
    # ... not who will be appointed, who appoints, or a figure that has been fixed
    ("AI Regulatory Directorate ka sarbarah kaun hoga aur usay kaun muqarrar karega?", Expected.OTHER),
    ("Complaint Council ke chairman ki tankhwah kitni muqarrar ki gayi hai?", Expected.AMOUNT),
    ("Who is appointed by the Federal Government to head the NCCIA?", Expected.OTHER),
    ("Who can be appointed as the first chairperson?", Expected.OTHER),
    # ... but which office heads or chairs a body, who appoints, and who may be chosen, the law says
    ("Who chairs the NAIF board?", Expected.OTHER),
    ("Who are the ex-officio members of the Authority?", Expected.OTHER),
    ("Who appoints the chairperson of the Authority?", Expected.OTHER),
    ("Who can be selected as a member of the Tribunal?", Expected.OTHER),
    ("What are the names of the offences added in 2025?", Expected.OTHER),
    ("How many cybercrime complaints did the NCCIA register in 2025?", Expected.WORLD_STATE),
    ("How many social media platforms have enlisted with the Authority so far?", Expected.WORLD_STATE),
    ("How many AI startups received National AI Fund grants in 2024?", Expected.WORLD_STATE),
    # whether a body the law provides for has been set up: an event, not a rule
    ("Have the Tribunals actually been set up yet, and where do they sit?", Expected.WORLD_STATE),
    ("Has the NCCIA been established, and who heads it?", Expected.WORLD_STATE),
    ("Is the Complaint Council functional yet?", Expected.WORLD_STATE),
    # which body or place the government has picked is in its notification, not in the law
    ("Which courts in Multan have actually been designated to hear PECA cases?", Expected.WORLD_STATE),
    ("Which laboratory has the federal government designated for forensic analysis?", Expected.WORLD_STATE),
    ("Has the government appointed the Tribunal's chairperson?", Expected.WORLD_STATE),
    ("Who may the Federal Government designate as a forensic laboratory?", Expected.OTHER),
    ("What agency did the government establish under the 2025 amendment?", Expected.OTHER),
    # ... or when it was: no indexed text dates a body's setting up
    ("When was the Social Media Protection Tribunal actually constituted?", Expected.WORLD_STATE),
    ("In which year was the Certification Council formed?", Expected.WORLD_STATE),
    ("What year were the NCCIA's first officers notified?", Expected.WORLD_STATE),
    ("When was PECA enacted?", Expected.DATE),          # an instrument's making is on its cover
    # The words between "when" and the event may hold a bracketed short name; a named kind of date asks for one.
    ("When did the 2023 amendment to the cybercrime law (PECA) come into force?", Expected.DATE),
    ("What's the last date to apply for the fund's startup grants?", Expected.DATE),
    ("What is the commencement date of the amendment?", Expected.DATE),
    ("By when must the Federal Government set up the Authority?", Expected.DATE),  # what the law requires
    ("Has PECA been amended since 2016?", Expected.OTHER),
    ("Who is currently the chairperson of the Authority?", Expected.WORLD_STATE),
    ("Who chairs PTA right now?", Expected.WORLD_STATE),
    ("Aaj Lahore mein mausam kaisa hai?", Expected.WORLD_STATE),
    # a time word in a question about what the law is, or in a scenario, is not a question about the world
    ("Are the ETO's own hacking offences still in force today?", Expected.OTHER),
    ("If I post this video tomorrow, could I be punished?", Expected.PENALTY),
    ("Yesterday a customer's card was misused on our site. Is that a crime?", Expected.PENALTY),
    ("What do those retention requirements mean in practice?", Expected.OTHER),
    ("Does PECA still apply to acts abroad today?", Expected.OTHER),
    # applying for something today is about the world: whether a fund is open
    ("Can our startup apply for the National AI Fund today?", Expected.WORLD_STATE),
    ("How many people have been charged under section 26A since it came in?", Expected.WORLD_STATE),
    ("How many members shall the Authority have?", Expected.QUANTITY),
    ("Who must be appointed to the Authority, and has a Chairperson's term been fixed?", Expected.OTHER),
    ("How many years can a person convicted of cyber terrorism be imprisoned?", Expected.PENALTY),
    ("How many days does the FIA have to finish an investigation?", Expected.QUANTITY),
    ("What does section 20 of PECA say?", Expected.OTHER),
    ("What is the monthly stipend for interns?", Expected.AMOUNT),
    # what a thing of money is worth is a sum; how much data or time is not
    ("How can a startup apply for the voucher scheme, and how much is each voucher worth?", Expected.AMOUNT),
    ("How much is the grant per research project under the draft policy?", Expected.AMOUNT),
    ("How much data must an ISP keep?", Expected.QUANTITY),
    ("How much time does the Authority have to decide?", Expected.QUANTITY),
    ("How many grants will be given each year?", Expected.QUANTITY),
    ("What does PTA charge to register a VPN?", Expected.AMOUNT),
    # a budget or funding asked for is a sum; a budget sent by a date is not
    ("What's the total rupee budget of the National AI Fund?", Expected.AMOUNT),
    ("How big is the budget set aside for the fund?", Expected.AMOUNT),
    ("How much funding will AI startups get under the draft policy?", Expected.AMOUNT),
    ("By when must the Authority send its yearly budget to the government?", Expected.DATE),
    ("Can a company be charged with an offence?", Expected.OTHER),
    ("What is the fine for spoofing?", Expected.PENALTY),
    ("What will the weather be in Lahore tomorrow?", Expected.WORLD_STATE),
    ("Is the PTA blocking any websites right now?", Expected.WORLD_STATE),
    ("Can we be fined for publishing a false story?", Expected.PENALTY),
    ("What fines apply to hacking?", Expected.PENALTY),
    ("Is it fine to share customer data with a vendor?", Expected.OTHER),
    # "fine" after a determiner or a measure is the noun; after a verb of being and its subject, the adjective
    ("What fine will our social app face if it has no complaints channel?", Expected.PENALTY),
    ("and the fine?", Expected.PENALTY),
    ("Would we get a fine?", Expected.PENALTY),
    ("How big is the fine?", Expected.PENALTY),
    ("What is the maximum fine?", Expected.PENALTY),
    ("Is it fine for us to use customer photos in ads?", Expected.OTHER),
    ("Is that fine under PECA?", Expected.OTHER),
    ("We are fine with it, but is consent needed?", Expected.OTHER),
    ("What is the fine in rupees for failing to enlist?", Expected.AMOUNT),
    ("How many rupees has the government put into the AI fund?", Expected.AMOUNT),
    # A limit is a measure: the minimum or maximum of something asks for a figure, unless it is a punishment.
    ("What is the minimum age to sign a contract electronically?", Expected.QUANTITY),
    ("What is the maximum period a court can order data to be kept?", Expected.QUANTITY),
    ("How old must a member of the Tribunal be?", Expected.QUANTITY),
    # ...and so is a ranking asked for by "what", not an officer's rank or the law's position
    ("What global AI readiness ranking does the draft policy aim for by 2030?", Expected.QUANTITY),
    # ...and so is a noun that names a figure, when it heads what is asked for
    ("What is the quorum for a meeting of the Social Media Complaint Council?", Expected.QUANTITY),
    ("What's the legal deadline for notifying customers of a breach?", Expected.QUANTITY),
    ("What is the term of office of the Chairperson?", Expected.QUANTITY),
    ("What is the tenure of members of the Council?", Expected.QUANTITY),
    ("What is the age limit for members of the Authority?", Expected.QUANTITY),
    ("What is the time limit for an appeal?", Expected.QUANTITY),
    # ...and whether such a figure exists asks for it
    ("Is there an upper age limit for appointing the head of the NCCIA?", Expected.QUANTITY),
    ("Is there a deadline, say a number of days after we discover a fraud, by which we must complain?",
     Expected.QUANTITY),
    ("Is there any time limit to appeal a decision of the Tribunal?", Expected.QUANTITY),
    ("Is there a limit to what we can post?", Expected.OTHER),
    ("Is there an age verification duty for our app?", Expected.OTHER),
    ("What age verification must our app do?", Expected.OTHER),
    ("What is the term used for fake news?", Expected.OTHER),
    ("What rank do NCCIA officers hold under the Code?", Expected.OTHER),
    ("What is the legal position of an electronic signature?", Expected.OTHER),
    ("What is the stage of the bill in Parliament?", Expected.OTHER),
    ("What message does the policy send to investors?", Expected.OTHER),
    ("What is the maximum sentence for cyber stalking?", Expected.PENALTY),
    # "fine" the verb, asked how much; not whether one may fine, nor "fine" the adjective
    ("How much can a court fine someone for online hate speech?", Expected.PENALTY),
    ("How heavily could the Authority fine us?", Expected.PENALTY),
    ("Can the Authority fine our platform directly?", Expected.OTHER),
    ("Would it be fine for us to share the data?", Expected.OTHER),
    # a word for punishment in any of its forms, and the charge an offender faces
    ("What can the fraudster be charged with, and what are the maximum sentences?", Expected.PENALTY),
    ("Could he be sentenced for this?", Expected.PENALTY),
    ("How long could he spend in prison?", Expected.PENALTY),
    ("Can he be jailed for it?", Expected.PENALTY),
    ("What can he be charged under?", Expected.PENALTY),
    ("What fee is charged for accreditation?", Expected.AMOUNT),
    # Roman Urdu asks the same kinds in its own words.
    ("Aaj Islamabad mein internet band hai kya?", Expected.WORLD_STATE),
    ("PTA abhi kaun si websites block kar raha hai?", Expected.WORLD_STATE),
    ("Certificate ki qeemat kya hai?", Expected.AMOUNT),
    ("Bus ka kiraya kitna hai?", Expected.AMOUNT),
    ("PECA mein hacking ki saza kya hai?", Expected.PENALTY),
    # A date is asked for by "by when", a year or a date, or when an instrument or body came into being; "when"
    # before a condition asks about the condition.
    ("What training target does the draft AI policy set, and by when?", Expected.DATE),
    ("By what year should the National AI Fund be set up?", Expected.DATE),
    ("In which year was the ETO promulgated?", Expected.DATE),
    ("When was PECA enacted?", Expected.DATE),
    ("When did the amending Act come into force?", Expected.DATE),
    ("When can the NCCIA arrest someone without a warrant?", Expected.OTHER),
    ("When does the Tribunal hear appeals?", Expected.OTHER),
    ("Awareness ka target kya hai aur kab tak?", Expected.DATE),
    ("How many people will be trained, and by when?", Expected.QUANTITY),
    # Whether conduct is an offence, and what an offender "gets", is answered by the offence and its punishment.
    ("Is that actually a crime, and what could they get?", Expected.PENALTY),
    ("Is it illegal to sell someone's CNIC details?", Expected.PENALTY),
    ("Would that be a criminal offence?", Expected.PENALTY),
    ("What is the most he can get for this?", Expected.PENALTY),
    ("Is it legal to sign contracts electronically?", Expected.OTHER),
    ("Can we get a licence for a certification service?", Expected.OTHER),
    ("Which court tries offences under PECA?", Expected.OTHER),
    # A place: which city or province, where a body's office is. Where to appeal asks for a forum, a body.
    ("In which city is the head office of the NCCIA?", Expected.PLACE),
    ("Which cities are the Centres of Excellence planned for?", Expected.PLACE),
    ("Where is the Authority's principal office?", Expected.PLACE),
    ("Where will the National AI Fund be located?", Expected.PLACE),
    ("Accreditation Council ka daftar kahan hai?", Expected.PLACE),
    ("AI policy mein Centers of Excellence kin shehron mein banenge?", Expected.PLACE),
    ("سوشل میڈیا اتھارٹی کا مرکزی دفتر کہاں ہوگا؟", Expected.PLACE),
    ("Where can we appeal against the order?", Expected.OTHER),
    ("Must our head office be in Pakistan?", Expected.OTHER),
    ("How many Tribunals have been set up so far, and in which cities?", Expected.WORLD_STATE),
    # A person's name is in a notification, never in a law.
    ("What is the name of the person appointed as the first chairperson of the Authority?", Expected.WORLD_STATE),
    ("What is the name of the first Director General of the NCCIA?", Expected.WORLD_STATE),
    ("What is the name of the officer who may seize data?", Expected.OTHER),
    ("What is the name of the Authority's fund?", Expected.OTHER),
    # Urdu asks for a sum with its own words for fee, price and salary.
    ("شکایت درج کرانے کی فیس کتنی ہے؟", Expected.AMOUNT),
    ("سرٹیفکیٹ کی قیمت کیا ہے؟", Expected.AMOUNT),
])
def test_expected_answer_kinds(question, kind):
    assert expected_answer(question) is kind


def test_a_follow_up_is_typed_by_its_own_words_not_the_previous_question():
    history = [{"role": "user", "content": "What is the punishment for child pornography?"}]
    query = analyse("Is that offence bailable?", history)
    assert query.is_follow_up and query.expected is Expected.OTHER


@pytest.mark.parametrize("text, kind, question, found", [
    ("shall be punished with imprisonment for three years", Expected.PENALTY, "", True),
    ("The Authority may make regulations.", Expected.PENALTY, "", False),
    ("within ninety days by a speaking order", Expected.QUANTITY, "how long", True),
    ("(1) The Council shall decide under section 24.", Expected.QUANTITY, "how many days", False),
    ("by 2025 as the question says", Expected.QUANTITY, "how many by 2025?", False),
    ("a fee of ten thousand rupees", Expected.AMOUNT, "what fee", True),
    ("a fine of ten million rupees", Expected.AMOUNT, "what fine", True),
    ("a fine of ten million rupees", Expected.AMOUNT, "what fee", False),  # a fine is not a fee
    ("a fee shall be prescribed by the Authority", Expected.AMOUNT, "what fee", False),
    ("30% of the Ignite R&D fund", Expected.PERCENT, "what percentage", True),
    ("thirty per cent of the fund", Expected.PERCENT, "what percentage", True),
    ("a fine of ten million rupees", Expected.PERCENT, "what percentage", False),
    ("AI Market Enablement Target-5 National AI Fund", Expected.QUANTITY, "how many startups?", False),
    ("Pillar 3 covers the National AI Fund", Expected.QUANTITY, "how many startups?", False),
    ("grants were announced in 2024", Expected.QUANTITY, "how many grants?", False),
    ("train 1 million people by 2030", Expected.QUANTITY, "how many people?", True),
    # the figure must be about the question's subject, not any fee nearby
    ("(c) fee, not exceeding ten Rupees, for every certificate deposited.", Expected.AMOUNT,
     "What fee does the Software Export Board charge to register a software house?", False),
    ("(c) fee, not exceeding ten Rupees, for every certificate deposited.", Expected.AMOUNT,
     "What fee is charged for each certificate deposited in the repository?", True),
    # a count of hours is answered by hours, not by another period or a count of something else
    ("The Authority shall ratify the direction within forty-eight hours.", Expected.QUANTITY,
     "Within how many hours must the Authority ratify a direction?", True),
    ("The certificate shall be revoked within seven days of the request.", Expected.QUANTITY,
     "Within how many hours must a certificate be revoked?", False),
    ("stipend based 3 to 6 months internships", Expected.QUANTITY, "How many months do internships last?", True),
    ("drafted within six (6) months of its finalization", Expected.QUANTITY, "How many months for the draft?", True),
    ("Two members of the Board shall retire every year.", Expected.QUANTITY, "How many years does a member serve?",
     False),
    # a place beside the asked thing: the Authority's office at Islamabad seats no other body
    ("(3) The principal office of the Authority shall be at Islamabad.", Expected.PLACE,
     "Where is the principal office of the Authority?", True),
    ("(3) The principal office of the Authority shall be at Islamabad.", Expected.PLACE,
     "In which city is the head office of the National Cyber Crime Investigation Agency?", False),
    ("established in the three major cities of Pakistan, i.e., Islamabad, Karachi, and Lahore", Expected.PLACE,
     "Which cities will the centres be established in?", True),
    ("The Tribunal shall consist of a Chairperson who has been a Judge of a High Court.", Expected.PLACE,
     "In which city will the Tribunal sit?", False),
    # a date about the question's subject; an Act's "of 2016" dates it
    ("Goal: 1M trained in AI, 10k new trainers By 2027", Expected.DATE, "Training target, by when?", True),
    ("By 2025, 97 million jobs will be opened in AI-based domains.", Expected.DATE, "Training target, by when?", False),
    ("received the assent of the President on 18th August, 2016", Expected.DATE, "When did it receive assent?", True),
    ("The Prevention of Electronic Crimes Act, 2016 (XL of 2016)", Expected.DATE, "When was the Act passed?", False),
    ("ACT NO. II OF 2025 AN ACT further to amend", Expected.DATE, "When was the Act passed?", False),
    ("The Authority shall consist of a Chairperson.", Expected.DATE, "When was the Authority set up?", False),
    # a deadline counted from an event dates it too
    ("The Authority shall submit its budget three months before the commencement of every financial year.",
     Expected.DATE, "By when must the Authority submit its budget?", True),
    ("An appeal shall lie to the Supreme Court within sixty days.", Expected.DATE,
     "By when can I appeal to the Supreme Court?", True),
    ("The Authority shall be established as soon as may be.", Expected.DATE,
     "By when must the Authority be established?", False),
    # a policy's heading number labels a section, it counts nothing
    ("5.1 Steering/Management Committee\nI. The committee will comprise equal members.", Expected.QUANTITY,
     "How many members will sit on the steering committee?", False),
    ("The committee will comprise 12 members.", Expected.QUANTITY, "How many members will sit on the committee?", True),
    # a fine is what an offender pays: no answer to a sum asked as a fee, a grant or assistance
    ("shall be punished with imprisonment ... with fine which may extend to ten million rupees but not less than five "
     "hundred thousand rupees.", Expected.AMOUNT, "How much financial assistance can a victim of online abuse get?",
     False),
    ("Online abuse: fine which may extend to ten million rupees.", Expected.AMOUNT,
     "How much is the fine for online abuse?", True),
    ("The victim shall be given financial assistance of fifty thousand rupees.", Expected.AMOUNT,
     "How much financial assistance can a victim get?", True),
    # a sum asked without saying what kind may be the fine
    ("Failing to enlist: fine which may extend to ten million rupees.", Expected.AMOUNT,
     "How many rupees would failing to enlist cost us?", True),
    # "how many times" asks how often: a notice period or a quorum counts something else
    ("The members shall receive at least seven days notice of each meeting.", Expected.QUANTITY,
     "How many times a year must the Authority meet?", False),
    ("Five members shall constitute a quorum for meetings of the Authority.", Expected.QUANTITY,
     "How many times a year must the Authority meet?", False),
    ("The Authority shall meet at least four times a year.", Expected.QUANTITY,
     "How many times a year must the Authority meet?", True),
    ("The Board shall meet once every quarter.", Expected.QUANTITY,
     "How many times a year does the Board meet?", True),
    ("The committee shall meet quarterly.", Expected.QUANTITY,
     "How many times does the committee meet?", True),
])
def test_has_expected(text, kind, question, found):
    assert has_expected(text, kind, question) is found


@pytest.mark.parametrize("question, is_version", [
    ("Is the AI policy document in your library the final approved National AI Policy?", True),
    ("Which version of PECA do you have?", True),
    ("Does your PECA text already include the 2023 amendments?", True),
    ("Is the AI policy final?", True),
    ("Is the PECA text you have the Act as originally passed?", True),
    ("What did section 37 of PECA say as originally passed?", False),
    ("What is the current penalty under section 17?", False),
    ("What are the six pillars of the National AI Policy 2025 approved by cabinet?", False),
    ("What is the punishment for spoofing?", False),
    ("Do you have the latest version of PECA?", True),
    ("Which offences became non-bailable in 2025, compared with the earlier version of the law?", False),
])
def test_asks_about_version(question, is_version):
    assert asks_about_version(question) is is_version


@pytest.mark.parametrize("question, parts", [
    ("Who heads the NCCIA and for what term is that person appointed?",
     ["Who heads the NCCIA", "for what term is that person appointed"]),
    ("What is the fund called, and where does its money come from?",
     ["What is the fund called", "where does its money come from"]),
    ("Which version of PECA do you have? Does it include the 2025 amendments?",
     ["Which version of PECA do you have", "Does it include the 2025 amendments"]),
    ("What population, literacy rate and youth share figures does the policy cite?",
     ["What population, literacy rate and youth share figures does the policy cite?"]),
    ("What is the punishment for spoofing?", ["What is the punishment for spoofing?"]),
    ("Will we have to register with the regulator, and will there be a fee?",
     ["Will we have to register with the regulator", "will there be a fee"]),
    # a preposition may lead the second ask's wh-word
    ("How many members sit on the board and by what year must it meet?",
     ["How many members sit on the board", "by what year must it meet"]),
    ("Who appoints the Director General and under which section?",
     ["Who appoints the Director General", "under which section"]),
    ("Who appoints the chairperson and within how many days?",
     ["Who appoints the chairperson", "within how many days"]),
    # so may an adverb
    ("Does the policy offer R&D grants we could go for, and roughly how much per project?",
     ["Does the policy offer R&D grants we could go for", "roughly how much per project"]),
    ("Does the draft policy fund research, and about how much per project?",
     ["Does the draft policy fund research", "about how much per project"]),
    ("Is it done slowly and carefully?", ["Is it done slowly and carefully?"]),
    # Roman Urdu "aur" before a question word opens a second ask
    ("AI policy draft ke mutabiq har saal kitni internships di jayengi aur kya un mein stipend milega?",
     ["AI policy draft ke mutabiq har saal kitni internships di jayengi", "kya un mein stipend milega"]),
    ("Is jurm ki saza kya hai aur kya zamanat milti hai?", ["Is jurm ki saza kya hai", "kya zamanat milti hai"]),
    ("Hacking aur spoofing ki saza kya hai?", ["Hacking aur spoofing ki saza kya hai?"]),
    # "and" joining two things asked about is not a second ask
    ("What are the duties of platforms and service providers?", ["What are the duties of platforms and service providers?"]),
])
def test_question_parts(question, parts):
    assert question_parts(question) == parts


@pytest.mark.parametrize("question, term", [
    ("How does PECA define a 'minor'?", "minor"),
    ("What is the definition of critical infrastructure under PECA?", "critical infrastructure"),
    ("What does “dishonest intention” mean?", "dishonest intention"),
    ("What is meant by spoofing?", "spoofing"),
    ("PECA's definitions contain two clauses defining 'Tribunal'. Which are they?", "Tribunal"),
    ("What does PECA define?", ""),
    # Whether something falls within a term is asked of the term's definition.
    ("Would we count as a 'social media platform' that has to enlist?", "social media platform"),
    ("Is an internet service provider considered an intermediary under the ETO?", "intermediary"),
    ("Is a chatbot deemed to be an intermediary?", "intermediary"),
    ("Is a WhatsApp group regarded as a social media platform?", "social media platform"),
    ("Can we be considered for a grant?", ""),
    ("We were treated to a demo. What is spoofing?", ""),
    ("What does section 20 say?", ""),
    ("What is the punishment for spoofing?", ""),
])
def test_defined_term(question, term):
    assert defined_term(question) == term


@pytest.mark.parametrize("question, kind", [
    # background sentences do not set what is asked
    ("Our HR team wants staff to study AI but fees are a barrier. Does the draft AI policy foresee any education "
     "loans?", Expected.OTHER),
    ("We run a news website. Can we be fined for publishing a story that turns out to be false?", Expected.PENALTY),
    ("We pay a fee to our cloud host. How long must we keep traffic data?", Expected.QUANTITY),
    ("What is the punishment for spoofing", Expected.PENALTY),  # no question mark: the whole text asks
])
def test_the_asking_sentence_sets_the_kind(question, kind):
    assert expected_answer(question) is kind


@pytest.mark.parametrize("question, kind", [
    # Whether a charge exists is a yes/no question: the texts answer it though they state no amount.
    ("Will we have to register with the regulator before operating, and will there be a fee?", Expected.OTHER),
    ("Is there a fee for enlistment?", Expected.OTHER),
    ("Do we have to pay a fee to get an accreditation certificate?", Expected.OTHER),
    ("Can the Authority charge a fee for enlistment?", Expected.OTHER),
    ("Does the draft policy offer tax exemptions to AI startups?", Expected.OTHER),
    # Asking for the figure, or naming one, stays a question about the amount.
    ("How much is the enlistment fee?", Expected.AMOUNT),
    ("What fee does the Board charge?", Expected.AMOUNT),
    ("Do we need to register, and how much is the fee?", Expected.AMOUNT),
    ("Do we have to charge sales tax on subscriptions, and if so how much?", Expected.AMOUNT),
    ("Do we have to charge sales tax on subscriptions, and if so at what rate?", Expected.PERCENT),
    ("Is the accreditation fee more than Rs 10,000?", Expected.AMOUNT),
    ("Enlistment ki fee kitni hai?", Expected.AMOUNT),
])
def test_whether_a_charge_exists_is_not_a_question_about_its_amount(question, kind):
    assert expected_answer(question) is kind


@pytest.mark.parametrize("part, main", [
    # A phrase that sets the scene before a comma is dropped when a yes/no clause follows it.
    ("Under the draft policy or PECA, do we have to label it", "do we have to label it"),
    ("In Pakistan, is it legal to sell used phones", "is it legal to sell used phones"),
    ("According to the ETO, are e-signatures valid", "are e-signatures valid"),
    ("We run a platform, must we register", "must we register"),
    # An ask that already opens with its yes/no clause, or has none after the comma, is kept whole.
    ("Is it a crime, in Pakistan, to spoof a website", "Is it a crime, in Pakistan, to spoof a website"),
    ("Under PECA, what is the fine for spamming", "Under PECA, what is the fine for spamming"),
    ("In 2025, the Act was amended", "In 2025, the Act was amended"),
])
def test_main_clause_of_an_ask(part, main):
    assert main_clause(part) == main


@pytest.mark.parametrize("question, names, reach", [
    # Whether a law reaches a case: its sections on extent and application answer it.
    ("Our startup wants customers to create trusts online. Does the electronic transactions law cover that?", (),
     True),
    ("Are wills covered by the Electronic Transactions Ordinance?", (), True),
    ("Is a power of attorney covered under the ETO?", ("ETO",), True),
    ("Does PECA apply to offences committed outside Pakistan?", ("PECA",), True),
    ("Does the AI policy apply to the provinces?", ("AI policy",), True),
    # bound to follow a law as a whole is the same ask
    ("Do we have to follow PECA if our servers are in Dubai?", ("PECA",), True),
    ("Are we, a foreign company, required to comply with Pakistan's cybercrime law?", (), True),
    ("Is our overseas startup bound by PECA?", ("PECA",), True),
    # a duty under one of its sections is not
    ("Do we have to follow the law's section on spamming?", (), False),
    ("Are we required to comply with the retention rule?", (), False),
    # An offence's or a clause's coverage is its own section's matter; and only a yes/no ask counts.
    ("Does the offence of cyber stalking cover repeated messages?", (), False),
    ("Does section 24 apply to WhatsApp messages?", (), False),
    ("What penalties apply to spoofing under the law?", (), False),
    ("Which law covers online harassment?", (), False),
])
def test_asks_about_reach(question, names, reach):
    assert asks_about_reach(question, names) is reach


@pytest.mark.parametrize("term, text, opens", [
    ("minor", "(xxiv) “minor” means any person who has not completed the age of eighteen years;", True),
    ("social media platforms", "2[(xxviiib) “social media platform” means__", True),   # plural asked, singular defined
    ("Tribunal", "(xxxa) “Tribunal” means the Telecommunication Appellate Tribunal", True),
    ("sexual abuse of a minor", "“sexual abuse of a minor” shall have the same meaning given to it", True),
    ("minor", "any person who is a “minor” under this Act", False),                      # used, not defined
    ("", "(xxx) “traffic data” includes data relating to a communication", True),       # any definition
    ("", "the platform means well", False),
])
def test_where_a_definition_opens(term, text, opens):
    assert bool(definition_opening(term).search(text)) is opens


@pytest.mark.parametrize("question, bound", [
    ("Are we legally required to report a cyber attack to anyone?", True),
    ("If our agency publishes AI-made images, are we obliged to label them?", True),
    ("Before we launch, does the draft AI policy make us run an impact assessment?", True),
    ("Must our online shop keep invoices for five years?", True),
    ("Is a company that stores customer data required to carry insurance?", True),
    ("We run a platform. Do we have to register with anyone?", True),
    ("Is it mandatory under Pakistani law for a fintech to encrypt customer data?", True),
    ("Is there any legal requirement that we hash passwords?", True),
    ("Does our website legally need a cookie banner?", True),
    ("Are banks bound to report fraud to the FIA?", True),
    ("Under the draft AI policy or PECA, do we have to label AI-made ads, and what is the penalty?", True),
    ("In Pakistan, must an e-commerce seller keep invoices?", True),
    # The party may be named in the scene the question sets.
    ("We keep our shop's customer database in Germany. Does the law require personal data to be stored in Pakistan?",
     True),
    ("We run a shop. Is it mandatory to keep invoices?", True),
    # "supposed to" asks what one is bound to do, as "required to" does
    ("We host websites. Are we supposed to be checking what our customers upload?", True),
    ("Is the Authority supposed to consult platforms?", False),
    # a body that speaks for businesses is no business bound
    ("Under the draft AI policy, is any business body supposed to help factories like mine?", False),
    ("I own a textile mill. Under the draft AI policy, is any business body supposed to help factories like mine?",
     False),
    ("Do we need to register with any government body before launch?", True),
    # What a government body must do, and questions that ask what or how long, are other questions.
    ("Must the government host a copy of public data in the cloud?", False),
    ("Within how long must the consultant hired by CoE-AI develop the curriculum?", False),
    ("What must we do to get a grant from the National AI Fund?", False),
    ("How long do we have to keep traffic data?", False),
    ("Can our startup apply for a CoE-AI grant?", False),
    # The party named first is the one bound: here a government body, with businesses as its object.
    ("Must the Authority notify service providers before blocking content?", False),
    ("Is the government required to consult platforms on new rules?", False),
    ("Under PECA, is the FIA obliged to tell a bank about an investigation?", False),
    ("Our bank was hacked. Is the FIA required to investigate?", False),
    ("Does PECA require traffic data to be kept?", False),
    # Roman Urdu: a "kya" ask with a duty word ("zaroori", "qanoonan", "rakhna parega") and a private party first
    ("Kya hamari company ko customers ka data Pakistan mein rakhna zaroori hai?", True),
    ("Meri dukaan hai. Kya mujhe CCTV ki recording qanoonan rakhni parti hai ya rakhna parega?", True),
    ("Kya social media platform ko Authority ke saath enlist hona lazmi hai?", True),
    ("Kya Authority ko platform ko notice dena zaroori hai?", False),
    ("Spamming ki saza kya hai?", False),
    ("Agar qanoon mein likhit document zaroori ho to kya electronic document chal jayega?", False),
])
def test_asks_whether_a_private_party_is_bound(question, bound):
    assert asks_whether_bound(question) is bound


@pytest.mark.parametrize("question, bound", [
    ("What password rules am I legally required to enforce on customer accounts?", True),
    ("We send promotional SMS to customers. What does PECA require of us?", True),
    ("What must our shop give people who get our messages?", True),
    # a yes/no ask, or one for a figure, a punishment or a place, is typed by that
    ("Are we required to encrypt customer data?", False),
    ("How long do we have to keep traffic data?", False),
    ("What fine must we pay if we ignore a directive?", False),
    # no private party
    ("What must the Authority do before blocking content?", False),
])
def test_asks_what_a_private_party_must_do(question, bound):
    assert asks_what_bound(question) is bound


@pytest.mark.parametrize("question, how", [
    ("How does the Social Media Complaint Council handle a complaint filed against a platform?", True),
    ("What process does the government follow to declare a company's servers critical infrastructure?", True),
    ("A foreign e-signature company wants its certificates recognised. What is the step-by-step process?", True),
    ("How can a blocking order be challenged?", True),
    ("How do I file a complaint with the Authority?", True),
    ("What are the steps to get a certificate?", True),
    # What is owed, how long, how many, or whether: other questions.
    ("What is the punishment for hacking?", False),
    ("How long does the Authority take to decide a complaint?", False),
    ("Does PECA apply to acts done abroad?", False),
    ("We process customer data. Do we need consent?", False),
])
def test_asks_how_something_is_done(question, how):
    assert asks_how_done(question) is how


@pytest.mark.parametrize("question, made", [
    ("When did that Act become law?", True),
    ("When was the Electronic Transactions Ordinance promulgated?", True),
    ("What is its Act number?", True),
    ("In which Gazette was the amending Act published?", True),
    ("When can the NCCIA arrest without a warrant?", False),
    ("What does the Act say about spoofing?", False),
])
def test_asks_when_an_instrument_was_made(question, made):
    assert asks_when_made(question) is made


@pytest.mark.parametrize("question, noun", [
    ("What fee does the Certification Council charge to accredit a provider?", "fee"),
    ("How much will it cost us to get a forensic copy of our data?", "cost"),
    ("What is the monthly stipend for interns?", "stipend"),
    ("How many members will sit on the steering committee?", "members"),
    ("How many AI scholarships per year does the policy plan?", "scholarships"),
    # "a year", "each month" close the counted phrase as "per year" does
    ("How many AI internships a year will the government arrange?", "internships"),
    ("How many trainers each year are to be trained?", "trainers"),
    ("How many startups every year get a grant?", "startups"),
    ("How many days does the Tribunal have to decide?", "days"),
    ("How much is each voucher worth?", "voucher"),
    # a limit or a "what" question names what it measures
    ("What's the maximum age at which someone can chair the Tribunal?", "age"),
    ("What is the minimum age to open an account?", "age"),
    ("What global AI readiness ranking does the policy aim for by 2030?", "ranking"),
    ("What is the quorum for a meeting of the Complaint Council?", "quorum"),
    ("What is the maximum period a court can order data to be kept?", ""),
    # an amount asked with no word for the sum, or no figure asked at all
    ("How much will each startup get from the fund?", ""),
    ("Who chairs the Authority?", ""),
])
def test_the_thing_a_figure_question_asks_the_figure_of(question, noun):
    from assistant.question_type import asked_figure_noun

    assert asked_figure_noun(question, expected_answer(question)) == noun


@pytest.mark.parametrize("question, measure", [
    ("What's the maximum age at which someone can chair the Tribunal?", True),
    ("What AI readiness ranking does the policy cite?", True),
    ("What is the quorum for a meeting of the Complaint Council?", True),
    # whether a limit on a measure exists asks for the measure
    ("Is there an upper age limit for appointing the head of the NCCIA?", True),
    ("Is there any age limit for members of the Complaint Council?", True),
    ("Is there a minimum age to open a social media account?", True),
    # a count names its thing, which a section may call otherwise
    ("How many people sit on the council?", False),
    ("What is the maximum fine?", False),
    ("Who chairs the Authority?", False),
])
def test_a_measure_is_told_from_a_count(question, measure):
    from assistant.question_type import asks_a_measure

    assert asks_a_measure(question) is measure


@pytest.mark.parametrize("question, advice", [
    ("Can you suggest a good laptop for programming under 200,000 rupees?", True),
    ("Which phone should I buy for my shop's billing under Rs 50,000?", True),
    ("We have 2 million rupees spare. Should we invest in gold or in a savings scheme?", True),
    ("Recommend me a cheap router for our office", True),
    # asked of the law or the policy, it is a legal question
    ("Which e-signature product should we buy to comply with the ETO?", False),
    ("Can you suggest what our shop must do under PECA?", False),
    ("What does the draft policy recommend for AI startups?", False),
    ("Is it legal to buy a used laptop without a receipt?", False),
    # no buying or investing asked
    ("Should we report the hack to the FIA?", False),
    ("Which laptop is best for coding?", False),
])
def test_asks_for_purchase_advice(question, advice):
    from assistant.question_type import asks_for_purchase_advice
    assert asks_for_purchase_advice(question) is advice


@pytest.mark.parametrize("question, now", [
    ("Is that still the punishment today?", True),
    ("Does the seven-year term apply any more?", True),
    ("Which ETO sections are currently in force?", True),
    ("What punishment did the removed provisions carry?", False),
    ("What did section 36 of the ETO say?", False),
])
def test_a_question_on_the_law_as_it_is_now_is_told_from_one_on_what_a_provision_said(question, now):
    from assistant.question_type import asks_about_the_law_now

    assert asks_about_the_law_now(question) is now


@pytest.mark.parametrize("text, stated", [
    ("shall be punished with imprisonment which may extend to two years or with fine which may extend to one million "
     "rupees or with both", True),
    ("or with fine of rupees fifty thousand which may extend upto rupees five million or with both", True),
    ("shall be punished with imprisonment for a term which may extend to seven years or with fine or with both", False),
    ("The Court may, in addition to award of any punishment including fine under this Act, order compensation.", False),
])
def test_whether_a_fine_states_its_sum(text, stated):
    from assistant.question_type import states_a_fine_sum

    assert states_a_fine_sum(text) is stated
