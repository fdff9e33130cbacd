"""The words point to different people (``VerdictOptions.disagree``): a pick set apart by the gender
word alone, while a look read from the photo fits them poorly and someone else well, is unsure
between the two (held-out pkg8 "the woman in the plaid shirt" hid a blurred passer-by the face model
read as a woman, beside the plaid man)."""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from rpipp_gui.referring import verdict as vd
from rpipp_gui.referring.looks_scoring import LooksCue
from rpipp_gui.referring.query import parse
from rpipp_gui.referring.scoring import Evidence

OFF = replace(vd.VERDICT_OPTIONS, disagree=None)


def _cue(name, fits, guessed=False) -> LooksCue:
    fits = np.asarray(fits, float)
    return LooksCue(
        name, name, "gender" if guessed else "pattern", fits, np.ones(len(fits), bool), "", guessed=guessed
    )


def _evidence(gender, look, other=None) -> Evidence:
    cues = [_cue("woman", gender, guessed=True), _cue("patterned", look)]
    judged = [(2.0, c.fits, c.known) for c in cues]
    if other is not None:
        judged.append((3.0, np.asarray(other, float), np.ones(len(gender), bool)))
    return Evidence(judged=judged, looks=cues, gender_cue=0)


def test_the_gender_word_against_a_seen_look_is_unsure_between_the_two():
    q = parse("the woman in the plaid shirt")
    ev = _evidence([1.0, 0.0], [0.0, 0.62])
    v = vd.single(q, [0, 1], ev)
    assert v.kind == vd.UNSURE and set(v.candidates) == {0, 1}
    assert vd.single(q, [0, 1], ev, OFF).kind == vd.MATCHED  # the rule is what asks


def test_a_look_that_agrees_keeps_the_match():
    q = parse("the woman in the plaid shirt")
    assert vd.single(q, [0, 1], _evidence([1.0, 0.0], [0.7, 0.1])).kind == vd.MATCHED


def test_a_pick_another_judged_word_sets_apart_is_left_as_it_was():
    q = parse("the woman in the plaid shirt on the left")
    ev = _evidence([1.0, 0.0], [0.0, 0.62], other=[1.0, 0.0])
    assert vd.single(q, [0, 1], ev).kind == vd.MATCHED
