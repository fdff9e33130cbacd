"""Groups ("the couple walking away in the distance"): standing together first, then the words."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from rpipp_gui.referring import geometry as geo
from rpipp_gui.referring import groups

MORE = Path(__file__).resolve().parents[2] / "benchmarks" / "data" / "real_people_more"

# a near pair at the left (spread 0.29), one person alone, a distant pair at the right (spread 0.33):
# the two pairs stand about as close (0.29 is not below 0.6 x 0.33)
BOXES = np.array(
    [
        (100, 250, 180, 560),
        (190, 250, 270, 560),
        (420, 200, 470, 400),
        (600, 120, 640, 270),
        (650, 120, 690, 270),
    ],
    np.float64,
)


def _tightest(fits):
    lay = geo.layout(BOXES, (800, 600))
    return groups.tightest(lay, [0, 1, 2, 3, 4], 2, fits=None if fits is None else np.array(fits))


def test_two_pairs_about_as_close_are_told_apart_by_the_words():
    # the distant pair fits the judged words clearly better: it is the group, though the near
    # pair stands a little closer
    members, clear, nxt = _tightest([0.6, 0.55, 0.9, 0.8, 0.8])
    assert set(members) == {3, 4} and clear and set(nxt) == {0, 1}
    # both pairs fit about as well: unsure, both named
    members, clear, nxt = _tightest([0.8, 0.75, 0.9, 0.8, 0.8])
    assert not clear and {*members, *nxt} == {0, 1, 3, 4}
    # no word judges: standing together alone cannot tell them apart (closest first)
    members, clear, nxt = _tightest(None)
    assert set(members) == {0, 1} and not clear and set(nxt) == {3, 4}


def test_a_clearly_closer_group_stays_the_group_whatever_the_words():
    # the one alone (fit 1.0) with anyone is much looser than the pairs; and a pair standing much
    # closer than the other is the group even when the other fits better (standing together first)
    boxes = BOXES.copy()
    boxes[1] = (150, 250, 230, 560)  # the near pair now overlaps: spread 0.16 < 0.6 x 0.33
    lay = geo.layout(boxes, (800, 600))
    members, clear, _ = groups.tightest(lay, [0, 1, 2, 3, 4], 2, fits=np.array([0.6, 0.6, 1.0, 0.9, 0.9]))
    assert set(members) == {0, 1} and clear


@pytest.mark.slow
@pytest.mark.skipif(not (MORE / "people.tsv").exists(), reason="real_people_more is missing")
def test_the_distant_couple_walking_away_not_the_pair_walking_towards_the_camera():
    # vtest_0150: the distant pair walking away (p6, p7) and a man walking towards the camera with
    # a woman half behind him (p3, p4) stand about as close; the words pick the distant pair
    from rpipp_gui.app import App, ModelConfig
    from rpipp_gui.people.annotations import best_match, read_people
    from rpipp_gui.referring import resolve

    app = App(ModelConfig())
    context = app.open(MORE / "vtest_0150.png")
    people = app.find_people(context)
    annotated = read_people(MORE / "people.tsv")["vtest_0150.png"]
    res = resolve("the couple walking away in the distance", people, image=context.rgb)
    assert res.verdict == "matched", res.explanation
    got = {best_match(people[i].box, annotated) for i in res.selected}
    assert got == {"p6", "p7"}, res.explanation
