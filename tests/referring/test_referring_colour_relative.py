"""A colour one person wears plainly leaves a weaker reading of it on someone else only a part fit
(``ScoringOptions.colour_relative``, issue-13z: real_people_pkg3 face_detection_input, a burgundy
hoodie read 0.73 red and a beige sweater in warm light 0.33 red, both fit fully and "the guy in the
maroon hoodie" asked between them); without anyone wearing it plainly a weak share keeps its fit."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from imaging_helpers import colour_scene

from rpipp_gui.referring.colour_fit import colour_fit
from rpipp_gui.referring.query import parse
from rpipp_gui.referring.scoring import SCORING_OPTIONS

RED = (200, 30, 30)
NAVY = (20, 30, 90)
BEIGE = (190, 160, 120)


def _scene(tops: list[tuple[int, int, int]], red_share: dict[int, float]):
    """colour_scene with person k's outfit red on its left ``red_share[k]`` of the columns."""
    img, people = colour_scene(tops)
    for k, share in red_share.items():
        x0 = int(people[k].box[0])
        img[60:390, x0 : x0 + int(round(120 * share))] = RED
    return img, people


def _fit(sentence: str, img, people, options=SCORING_OPTIONS):
    return colour_fit(parse(sentence), people, img, 0.2, options)


def test_a_plain_red_wins_over_a_part_red():
    img, people = _scene([RED, BEIGE], {1: 0.35})
    fit, missing, _ = _fit("the guy in the maroon hoodie", img, people)
    assert missing is None
    assert fit[0] == 1.0 and fit[1] < 0.6
    off = replace(SCORING_OPTIONS, colour_relative=0.0)  # the rule off: both fit almost fully
    fit_off, _, _ = _fit("the guy in the maroon hoodie", img, people, off)
    assert fit_off[1] > 0.8


def test_a_part_red_alone_keeps_its_fit():
    img, people = _scene([NAVY, BEIGE], {1: 0.35})
    fit, missing, _ = _fit("the man in the red shirt", img, people)
    assert missing is None
    assert fit[1] == pytest.approx(0.35 / SCORING_OPTIONS.colour_full, abs=0.05)
    assert fit[0] < 0.1


def test_two_people_in_red_both_fit():
    img, people = _scene([RED, RED, NAVY], {})
    fit, _, _ = _fit("the two men in red", img, people)
    assert fit[0] == fit[1] == 1.0 and fit[2] < 0.1


@settings(max_examples=25, deadline=None)
@given(a=st.floats(0.05, 1.0), b=st.floats(0.05, 1.0))
def test_the_larger_share_never_fits_less(a: float, b: float):
    img, people = _scene([NAVY, NAVY], {0: a, 1: b})
    fit, _, _ = _fit("the person in red", img, people)
    wide = [int(round(120 * a)), int(round(120 * b))]
    if wide[0] > wide[1]:
        assert fit[0] >= fit[1]
    elif wide[1] > wide[0]:
        assert fit[1] >= fit[0]
    assert np.all((fit >= 0) & (fit <= 1))
