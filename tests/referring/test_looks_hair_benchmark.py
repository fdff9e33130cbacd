"""The hair benchmark's reading of annotation descriptions (benchmarks/looks_hair.py)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from script_helpers import load_script

hair = load_script("benchmarks/looks_hair.py")


@pytest.mark.parametrize(
    "desc, colour",
    [
        ("young woman with long straight blond hair in a black top", "blonde"),
        ("bald man with glasses behind the blonde woman", "bald"),
        ("man with grey hair and glasses in a blue shirt standing behind", "gray"),
        ("grey-haired man in a dark suit with a lanyard", "gray"),
        ("smiling old man with white hair in a blue striped shirt", "gray"),
        ("woman with short dark hair in a blue jacket behind the blonde girl", "dark"),
        ("little girl with long light-brown hair and a white bow", "dark"),
        ("red-haired toddler in green shorts", "red"),
        ("man in a red shirt and white trousers", None),
        ("blurred person in a maroon shirt, face not seen", None),
    ],
)
def test_the_first_hair_colour_a_description_names(desc, colour):
    assert hair.said_colour(desc) == colour


PHRASES = {"blonde": "with curly blonde hair", "gray": "grey-haired", "red": "with red hair",
           "bald": "bald", "dark": "with long black hair"}  # fmt: skip
FILLER = st.lists(st.sampled_from(["in", "a", "red", "shirt", "white", "coat", "blonde", "woman", "behind",
                                   "the", "grey", "hair", "dark", "bald", "man"]), max_size=12)  # fmt: skip


@settings(max_examples=100, deadline=None)
@given(colour=st.sampled_from(sorted(PHRASES)), rest=FILLER)
def test_what_follows_the_persons_own_hair_does_not_change_it(colour, rest):
    desc = f"person {PHRASES[colour]} " + " ".join(rest)
    assert hair.said_colour(desc) == colour
