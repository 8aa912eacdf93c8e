"""Casualty figures of one sentence each, written for this test: which words give the dead,
the injured and the children, and which words are no figure at all."""

from __future__ import annotations

import pytest

from kg.extract.casualties import find_casualties
from kg.extract.sentences import split_sentences

Ranges = dict[str, tuple[int, int | None]]

CASES: list[tuple[str, Ranges]] = [
    # "the number of people killed ... has risen to": a later count of the dead, which
    # replaces the first
    (
        "The number of people killed by the missile that struck a block of flats in Uman has "
        "risen to at least 23, officials said.",
        {"killed": (23, None), "revised": (23, None)},
    ),
    # taken to hospital or treated for wounds: injured; "taken to hospital dead" is not
    ("Nine pupils were taken to hospital with burns.", {"injured": (9, 9)}),
    ("Medics said 30 more people were being treated for wounds.", {"injured": (30, 30)}),
    # one person wounded, by a noun or an ordinal
    ("Her husband was wounded by shrapnel.", {"injured": (1, 1)}),
    (
        "The drone killed two border guards, injuring a third.",
        {"killed": (2, 2), "injured": (1, 1)},
    ),
    # a family counted by its size
    ("The bomb killed a family of six in their home.", {"killed": (6, 6)}),
    # "several" and "a few" say some were hurt, not how many
    ("Several fishermen were injured when the boat was rammed.", {}),
    ("Rescuers said a few children were among the dead.", {}),
    # nobody hurt is a figure: zero
    ("No injuries were reported after the blast.", {"injured": (0, 0)}),
    ("No casualties were reported at the depot.", {"killed": (0, 0), "injured": (0, 0)}),
    # "the injury of six", like "the death of three"
    (
        "The raid led to the death of four guards and the injury of nine others.",
        {"killed": (4, 4), "injured": (9, 9)},
    ),
    # a long subject between the figure and its verb
    (
        "Five engineers from the state power company were killed on Monday.",
        {"killed": (5, 5)},
    ),
    (
        "About 20 soldiers from Poland and Romania were hurt in the melee.",
        {"injured": (20, 20)},
    ),
    # an aside between commas
    (
        "At least 14 villagers, most of them farmers and herders, were killed overnight.",
        {"killed": (14, None)},
    ),
    # another verb, figure or clause in between: not that figure
    ("Militants fired 40 rockets at the base and killed two guards.", {"killed": (2, 2)}),
    # figures joined by "and" add up
    ("Mortars hit the post, killing three soldiers and two medics.", {"killed": (5, 5)}),
    ("Two pilots and one mechanic were killed.", {"killed": (3, 3)}),
    ("The strike killed 12 people and wounded 30.", {"killed": (12, 12), "injured": (30, 30)}),
    # one person named by an article is one dead
    ("An elderly farmer was killed by shrapnel near the village.", {"killed": (1, 1)}),
    ("The drone hit a car, killing a police officer.", {"killed": (1, 1)}),
    # dates and times are never figures
    ("On March 17 three people were killed in the raid.", {"killed": (3, 3)}),
    ("At 21:40 on Friday 8 people were killed.", {"killed": (8, 8)}),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_casualties_of_a_sentence(text: str, expected: Ranges) -> None:
    [sentence] = split_sentences(text)
    assert {name: rng for name, (rng, _words) in find_casualties(sentence).items()} == expected
