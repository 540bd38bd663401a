"""Words a statute's text layer splits in two, found and joined again (logic over small texts; the real index is used
in tests/test_answer.py)."""
from __future__ import annotations

import pytest

from assistant.split_words import find_split_words
from assistant.types import Chunk, DocStatus


def _chunk(n: int, text: str, status: DocStatus = DocStatus.IN_FORCE) -> Chunk:
    return Chunk(id=f"c{n}", doc_id="eto" if status is DocStatus.IN_FORCE else "policy", doc_status=status,
                 section=str(n), section_title="", heading_path=(), page_start=1, page_end=1, page_label="1", ordinal=n,
                 text=text)


# The law's words stand whole somewhere; a real phrase's words are common; the policy writes two-word terms.
CORPUS = [
    _chunk(1, "A certification service provider may operate wi thout being accredited by the Accr editation Council."),
    _chunk(2, "No person shall hold out as accredited without an accreditation certificate from the Accreditation "
              "Council. The director or a member sits abroad."),
    _chunk(3, "The director or the member may act. The director or officer may sign. A broad mandate is given to a "
              "broad body, and the director or member is broad minded."),
    _chunk(4, "The centres run boot camps and publish white papers, and bootcamps and whitepapers are listed.",
           DocStatus.DRAFT),
]


@pytest.mark.parametrize("text, shown", [
    # both pieces are rare and the joined word stands whole elsewhere
    ("may operate wi thout being accredited", "may operate without being accredited"),
    ("the Accr editation Council", "the Accreditation Council"),
    # a real phrase: its words are common ("director or", "a broad")
    ("the director or the member", "the director or the member"),
    ("a broad mandate", "a broad mandate"),
    # only a statute's text is read for pairs: the policy's "boot camps" is its own wording
    ("boot camps and white papers", "boot camps and white papers"),
    # a pair found inside a longer word is not one ("wi thoutfit")
    ("wi thoutfit", "wi thoutfit"),
    ("", ""),
])
def test_a_split_word_is_joined_and_a_phrase_is_left(text, shown):
    assert find_split_words(CORPUS).mend(text) == shown


def test_no_pairs_leaves_every_text_as_it_is():
    split_words = find_split_words([_chunk(1, "The director or the member may act.")])
    assert split_words.joins == {}
    assert split_words.mend("wi thout") == "wi thout"


def test_a_long_text_is_mended_in_one_pass():
    text = "wi thout being accredited. " * 5000
    assert find_split_words(CORPUS).mend(text).count("without being accredited") == 5000
