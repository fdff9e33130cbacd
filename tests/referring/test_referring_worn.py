"""Things worn read by the picture classifier (looks_words.WORN_PHRASES, looks.py ``_worn``,
looks_scoring ``_worn_cue``): the words, how readings become fits, and sentences on real photos
with their annotated boxes as the people."""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from rpipp_gui.imaging import load_image
from rpipp_gui.people.person import Person
from rpipp_gui.referring.looks_options import WORN_FIT_OPTIONS
from rpipp_gui.referring.looks_scoring import _worn_cue
from rpipp_gui.referring.looks_words import WORN_PHRASES, worn_at
from rpipp_gui.referring.query import parse
from rpipp_gui.referring.resolver import resolve
from rpipp_gui.referring.sentence_words import unjudged

DATA = Path(__file__).resolve().parents[2] / "benchmarks" / "data"


# -- the words -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence, worn, still_unjudged",
    [
        ("the guy in the cowboy hat", ("cowboy hat",), ()),
        ("the man in a suit and tie", ("suit",), ("tie",)),
        ("the man in the grey suit on the left", ("suit",), ()),
        ("the driver in the silver helmet", ("helmet",), ()),
        ("the guy in the black cap", ("hat",), ()),
        ("the woman in the bathing suit", (), ("suit",)),  # not a suit; swimwear is not read
        ("the girl with the visor", (), ("visor",)),
    ],
)
def test_worn_words_are_read_and_no_longer_unjudged(sentence, worn, still_unjudged):
    q = parse(sentence)
    assert q.worn == worn
    assert q.unjudged == still_unjudged
    assert q.has_looks == bool(worn) or q.has_looks


def test_a_worn_word_in_the_exception_belongs_to_the_exception():
    q = parse("everyone except the man in the cowboy hat")
    assert q.worn == ()
    assert q.exclude is not None and q.exclude.worn == ("cowboy hat",)


_WORDS = [w for p, _ in WORN_PHRASES for w in p] + ["the", "man", "red", "a"]


@given(st.lists(st.sampled_from(_WORDS), max_size=12))
def test_worn_at_marks_whole_phrases_only(words):
    found = worn_at(words)
    assert all(0 <= i < len(words) for i in found)
    values = {v for _, v in WORN_PHRASES if v is not None}
    assert set(found.values()) <= values
    only_read = {w for w in words if all(i in found for i, v in enumerate(words) if v == w)}
    assert set(unjudged(words)).isdisjoint(only_read)


# -- readings to fits ------------------------------------------------------------------------------


class _Readings:
    """A stand-in for ``looks.PhotoLooks``: fixed summed probabilities per person (None: unread)."""

    worn_options = WORN_FIT_OPTIONS

    def __init__(self, sums):
        self.sums = sums

    def fit(self, i, attribute, value):
        assert attribute == "worn"
        return self.sums[i]


def test_a_clear_reading_leads_and_weak_ones_stay_below_it():
    cue = _worn_cue(_Readings([0.0005, 0.16, 0.0003]), 3, "cowboy hat", _options())
    assert cue.weight == "worn" and not cue.missing
    assert int(np.argmax(cue.fits)) == 1
    assert cue.fits[1] > 2 * max(cue.fits[0], cue.fits[2])


def test_read_low_on_everyone_a_suit_is_worn_by_nobody():
    cue = _worn_cue(_Readings([0.003, 0.001]), 2, "suit", _options())
    assert cue.missing and cue.can_deny


def test_read_low_on_everyone_a_cap_is_unjudged_not_absent():
    cue = _worn_cue(_Readings([0.003, 0.001]), 2, "hat", _options())
    assert cue.missing and not cue.can_deny  # scoring reports it unjudged


def test_someone_unread_keeps_a_suit_possible():
    cue = _worn_cue(_Readings([0.003, None]), 2, "suit", _options())
    assert not cue.missing and not cue.known[1]


def _options():
    from rpipp_gui.referring.looks_scoring import LOOKS_SCORING_OPTIONS

    return LOOKS_SCORING_OPTIONS


# -- real photos, annotated boxes as the people ----------------------------------------------------


def _boxes(folder: str, photo: str) -> tuple[np.ndarray, list[Person], list[str]]:
    path = DATA / folder / "images" / photo
    if not path.is_file():
        pytest.skip(f"run scripts/fetch_{folder}.py first")
    with open(DATA / folder / "people.tsv", encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(f, delimiter="\t") if r["photo"] == f"images/{photo}"]
    people = [Person(box=tuple(float(r[k]) for k in ("x0", "y0", "x1", "y1"))) for r in rows]
    return load_image(path).rgb, people, [r["id"] for r in rows]


@pytest.mark.slow
def test_the_man_in_the_cowboy_hat_among_four_men_in_suits():
    rgb, people, ids = _boxes("real_people_pkg7", "jqfd_picture.jpg")
    res = resolve("the guy in the cowboy hat", people, image=rgb)
    assert res.verdict == "matched" and [ids[i] for i in res.selected] == ["p3"]
    res = resolve("everyone except the man in the cowboy hat", people, image=rgb)
    assert sorted(ids[i] for i in res.selected) == ["p1", "p2", "p4"]


@pytest.mark.slow
def test_a_suit_on_a_man_in_a_t_shirt_fits_nobody():
    rgb, people, _ = _boxes("real_people_pkg4", "Image_with_alpha.png")
    assert resolve("the man in a suit and tie", people, image=rgb).verdict == "nobody"
