"""Facial hair read to confirm only (stop 28): the upper lip and the jaw both darker than the
cheeks on the aligned face chip; a read beard decides, a face read without one never denies."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis.extra.numpy import arrays

from rpipp_gui.people.person import Person
from rpipp_gui.referring import looks_scoring, parse
from rpipp_gui.referring.looks import Guess, _facial_hair_guess
from rpipp_gui.referring.looks_options import LooksOptions

O = LooksOptions()
SKIN = (200, 160, 140)
HAIR = (60, 45, 40)


def _chip(lip: bool, jaw: bool) -> np.ndarray:
    """64x64x3 uint8 RGB chip of even skin, with the option's upper-lip and jaw bands dark."""
    chip = np.full((64, 64, 3), SKIN, np.uint8)
    bands = ((O.beard_lip,) if lip else ()) + (O.beard_jaw if jaw else ())
    for t, b, left, r in bands:
        chip[t:b, left:r] = HAIR
    return chip


def test_a_dark_lip_and_jaw_read_as_a_beard():
    assert _facial_hair_guess(_chip(True, True), O).fit("beard") == 1.0


@pytest.mark.parametrize("lip, jaw", [(True, False), (False, True), (False, False)])
def test_a_dark_mouth_or_a_dark_scarf_alone_is_no_beard(lip, jaw):
    """Lipstick darkens the lip band only; a dark collar or scarf the jaw only."""
    assert _facial_hair_guess(_chip(lip, jaw), O).fit("beard") == 0.0


def test_the_chip_size_does_not_change_the_reading():
    big = np.repeat(np.repeat(_chip(True, True), 2, axis=0), 2, axis=1)
    assert _facial_hair_guess(big, O).fit("beard") == 1.0


@settings(max_examples=40, deadline=None)
@given(arrays(np.uint8, (64, 64, 3)))
def test_the_fit_is_a_share(chip):
    g = _facial_hair_guess(chip, O)
    assert 0.0 <= g.fit("beard") <= 1.0 and g.fit("beard") + g.fit("none") == pytest.approx(1.0)


@pytest.mark.parametrize(
    "text, want",
    [
        ("the man with a beard", ("beard",)),
        ("the bearded guy", ("bearded",)),
        ("the soldier with the moustache", ("moustache",)),
        ("the man without a beard", ()),
        ("the man with no moustache", ()),
        ("the man in red", ()),
    ],
)
def test_facial_hair_words(text, want):
    q = parse(text)
    assert q.facial_hair == want
    if want:
        assert want[0] in q.unjudged  # until a face reads it


class _Beards:
    """Stands in for ``looks.PhotoLooks``: a beard fit per person (None: face not read)."""

    def __init__(self, fits):
        self.fits = fits

    def fit(self, i, attribute, value):
        return self.fits[i]

    def get(self, i, attribute):
        return Guess("unknown")


def _cue(monkeypatch, fits):
    monkeypatch.setattr(looks_scoring, "photo_looks", lambda image, people: _Beards(fits))
    people = [Person(box=(10.0 * i, 0, 10.0 * i + 8, 30)) for i in range(len(fits))]
    image = np.zeros((30, 30, 3), np.uint8)
    cues = looks_scoring.score_looks(parse("the person with a beard"), people, image)
    return next(c for c in cues if c.weight == "facial_hair")


def test_a_beard_read_on_someone_is_judged(monkeypatch):
    cue = _cue(monkeypatch, [0.0, 1.0, None])
    assert not cue.missing and cue.fits[1] > cue.fits[2] > cue.fits[0]


@pytest.mark.parametrize("fits", [[0.0, 0.0], [0.0, None], [0.1, None], [None, None]])
def test_no_beard_read_leaves_the_word_unjudged(monkeypatch, fits):
    """A white beard reads as skin: faces read without one never deny it, nor hand it to a face
    that could not be read."""
    cue = _cue(monkeypatch, fits)
    assert cue.missing and not cue.can_deny


PKG7 = Path(__file__).resolve().parents[2] / "benchmarks" / "data" / "real_people_pkg7" / "images"


@pytest.mark.parametrize("photo", ["thumbor_Giunchedi_Filippo.jpg", "facedetection_test.jpg"])
def test_a_lone_bearded_man_is_the_man_with_the_beard(photo):
    """Real photos (npm/PyPI packages, fetched by scripts/fetch_real_people_pkg7.py): before the
    reader, 'the man with the beard' of the one man asked."""
    from rpipp_gui.imaging import load_image
    from rpipp_gui.people.finder import find_people
    from rpipp_gui.referring import resolve

    if not (PKG7 / photo).exists():
        pytest.skip("run scripts/fetch_real_people_pkg7.py first")
    rgb = load_image(PKG7 / photo).rgb
    people = find_people(rgb)
    res = resolve("the man with the beard", people, image=rgb)
    assert res.verdict == "matched" and len(res.selected) == 1
    assert "beard" not in res.unjudged
