"""The extractive generator keeps a list's items with the lead-in that introduces them."""
from __future__ import annotations

from assistant.generate import MAX_LIST_CHARS, with_list_items

CANDIDATES = [
    (1, 0, "(1) The Federal Government may establish Tribunals by notification."),
    (1, 1, "(2) A Tribunal shall consist of__"),
    (1, 2, "(a) a Chairman, who is qualified to be a judge of a High Court;"),
    (1, 3, "(b) a journalist registered with any press club of Pakistan; and"),
    (1, 4, "(c) a software engineer, and expert in the field of social media rights."),
    (1, 5, "(3) The Chairman and members shall be appointed for three years."),
    (2, 0, "(a) an item of another passage that follows nothing chosen."),
]


def test_items_after_a_chosen_lead_in_are_added_in_order():
    assert with_list_items([1], CANDIDATES) == [1, 2, 3, 4]


def test_a_sentence_that_introduces_no_list_adds_nothing():
    assert with_list_items([0, 5], CANDIDATES) == [0, 5]


def test_items_already_chosen_are_not_repeated():
    assert with_list_items([3, 1], CANDIDATES) == [3, 1, 2, 4]


def test_the_items_stop_at_the_character_budget():
    long_items = [(1, 0, "The Authority shall consist of the following:")] + [
        (1, i, f"({chr(96 + i)}) " + "member " * 40) for i in range(1, 6)]
    added = with_list_items([0], long_items)[1:]
    assert added and sum(len(long_items[i][2]) for i in added) <= MAX_LIST_CHARS < sum(len(c[2]) for c in long_items[1:])
