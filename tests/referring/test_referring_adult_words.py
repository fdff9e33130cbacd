"""A grown-up's noun ("the woman", "the man", "the mum") does not fit a face the age model reads
surely a child (``LooksScoringOptions.adult_child``): a girl read 1.00 child and 1.00 female was
"the woman holding the baby" (real_people_pkg11 no-target, a silent guess)."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from referring_scenes import GenderOnlyFaces

from rpipp_gui.people.person import Person
from rpipp_gui.referring import looks_scoring, parse, resolve
from rpipp_gui.referring.looks import UNKNOWN, Guess
from rpipp_gui.referring.looks_scoring import LOOKS_SCORING_OPTIONS


class _Faces(GenderOnlyFaces):
    """A ``looks.photo_looks`` stand-in: per person p(female) and p(child) (None: not read)."""

    def __init__(self, p_female, p_child):
        super().__init__(p_female)
        self.p_child = p_child

    def get(self, i, attribute):
        p = self.p_child[i]
        if attribute != "age" or p is None:
            return Guess(UNKNOWN)
        scores = (("child", p), ("teen", 0.0), ("adult", 1 - p), ("old", 0.0), ("young", p))
        return Guess("child" if p >= 0.5 else "adult", max(p, 1 - p), scores)


def _people(n):
    return [Person(box=(40.0 * i, 0, 40.0 * i + 30, 90)) for i in range(n)]


IMAGE = np.zeros((90, 200, 3), np.uint8)


def _use(monkeypatch, p_female, p_child):
    monkeypatch.setattr(looks_scoring, "photo_looks", lambda image, people: _Faces(p_female, p_child))


def test_a_girl_read_surely_a_child_is_not_the_woman(monkeypatch):
    _use(monkeypatch, [1.0], [1.0])
    r = resolve("the woman holding the baby", _people(1), image=IMAGE)
    assert r.verdict == "nobody"
    _use(monkeypatch, [1.0, 1.0], [1.0, 0.02])
    r = resolve("the woman with dark curly hair", _people(2), image=IMAGE)
    assert r.verdict == "matched" and r.selected == (1,)


def test_child_words_and_young_adults_keep_their_readings(monkeypatch):
    _use(monkeypatch, [1.0, 1.0], [1.0, 0.02])
    assert resolve("the girl", _people(2), image=IMAGE).selected == (0,)
    _use(monkeypatch, [0.0], [1.0])  # "young man": a child adjective, the face may read a child
    assert resolve("the young man", _people(1), image=IMAGE).verdict == "matched"
    _use(monkeypatch, [1.0], [0.9])  # read a child, but not surely: the woman still fits
    assert resolve("the woman", _people(1), image=IMAGE).verdict == "matched"


@settings(max_examples=60, deadline=None)
@given(
    p_female=st.lists(st.one_of(st.none(), st.floats(0, 1)), min_size=1, max_size=4),
    data=st.data(),
)
def test_only_faces_read_surely_a_child_lose_the_adult_word(p_female, data):
    """The woman cue's fits equal the plain gender fits, except 0 on faces read surely a child."""
    n = len(p_female)
    p_child = data.draw(st.lists(st.one_of(st.none(), st.floats(0, 1)), min_size=n, max_size=n))
    faces = _Faces(p_female, p_child)
    saved = looks_scoring.photo_looks
    try:
        looks_scoring.photo_looks = lambda image, people: faces
        (cue,) = looks_scoring.score_looks(parse("the woman"), _people(n), IMAGE)
        looks_scoring.photo_looks = lambda image, people: _Faces(p_female, [None] * n)
        (plain,) = looks_scoring.score_looks(parse("the woman"), _people(n), IMAGE)
    finally:
        looks_scoring.photo_looks = saved
    for i in range(n):
        surely = p_child[i] is not None and p_child[i] >= LOOKS_SCORING_OPTIONS.adult_child
        if surely and plain.known[i]:
            assert cue.fits[i] == 0.0
        else:
            assert cue.fits[i] == plain.fits[i]
