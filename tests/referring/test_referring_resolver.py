"""resolve() on boxes only and on synthetic people with masks, keypoints and clothes."""

from __future__ import annotations

import numpy as np
import pytest
from referring_scenes import blank, exclusive, figure

from rpipp_gui.referring import Person, resolve

# Three adults in a row, one child (small box) at x=300, one person sitting (squat box).
ROW = [Person(box=(10, 50, 110, 400)), Person(box=(200, 60, 300, 400)), Person(box=(400, 40, 510, 400))]


def picks(text, people, **kw):
    return resolve(text, people, **kw).selected


def test_fixed_api_boxes_only():
    res = resolve("the man on the left", [Person(box=(0, 0, 10, 30)), Person(box=(50, 0, 60, 30))])
    assert res.selected == (0,)
    assert len(res.scores) == 2 and res.scores[0] > res.scores[1]
    assert res.explanation.startswith("#1: leftmost of 2 people")
    assert res.query.horizontal == ("left",) and not res.matched_nobody
    assert resolve(
        "the man on the right", [(0, 0, 10, 30), (50, 0, 60, 30)], image_size=(100, 40)
    ).selected == (1,)


@pytest.mark.parametrize(
    "text, want",
    [
        ("the man on the left", 0), ("far right guy", 2), ("the one in the middle", 1),
        ("second from the right", 1), ("second from left", 1), ("third person", 2), ("last one", 2),
        ("first on the left", 0), ("hide the guy on the right", 2),
    ],
)  # fmt: skip
def test_position_and_order(text, want):
    assert picks(text, ROW)[0] == want


def test_depth_size_posture_from_boxes():
    near_far = [Person(box=(0, 100, 200, 600)), Person(box=(300, 80, 360, 250))]
    assert picks("the woman in front", near_far) == (0,)
    assert picks("the guy in the back", near_far) == (1,)
    assert picks("the small one", near_far) == (1,)
    assert picks("the big one", near_far) == (0,)
    kid = [Person(box=(0, 0, 100, 300)), Person(box=(150, 180, 220, 300)), Person(box=(300, 0, 400, 300))]
    assert picks("the kid", kid) == (1,)
    posture = [Person(box=(0, 0, 80, 300)), Person(box=(150, 150, 330, 300))]
    assert picks("the man sitting", posture) == (1,)
    assert picks("the man standing", posture) == (0,)
    assert picks("person lying down", [Person(box=(0, 0, 80, 300)), Person(box=(100, 250, 400, 300))]) == (1,)


def test_plurals_counts_and_exceptions():
    assert set(picks("both on the left", ROW)) == {0, 1}
    assert set(picks("the two on the right", ROW)) == {1, 2}
    assert set(picks("everyone", ROW)) == {0, 1, 2}
    assert set(picks("all of them", ROW)) == {0, 1, 2}
    assert set(picks("everyone except the man on the left", ROW)) == {1, 2}
    assert set(picks("all but the one in the middle", ROW)) == {0, 2}
    kid = [Person(box=(0, 0, 100, 300)), Person(box=(150, 180, 220, 300)), Person(box=(300, 0, 400, 300))]
    assert set(picks("blur everyone except the child", kid)) == {0, 2}


@pytest.mark.parametrize("text", ["the dog", "the fifth person", "the four people on the left", "a cat"])
def test_sentences_that_match_nobody(text):
    res = resolve(text, ROW)
    assert res.matched_nobody and res.selected == ()
    assert res.explanation


def test_nobody_in_the_photo_and_determinism():
    assert resolve("the man", []).matched_nobody
    twins = [Person(box=(0, 0, 10, 30)), Person(box=(0, 0, 10, 30))]
    first = resolve("the man", twins)
    assert first == resolve("the man", twins) and len(first.selected) == 1


@pytest.fixture(scope="module")
def dressed():
    """Four synthetic people: red/blue, white/black, green/black sitting, child yellow/blue."""
    img = blank(800, 420)
    people = [
        figure(img, 100, 400, 320, "red", "blue"),
        figure(img, 300, 400, 330, "white", "black"),
        figure(img, 480, 400, 300, "green", "black", posture="sitting"),
        figure(img, 700, 400, 170, "yellow", "blue"),
    ]
    return img, exclusive(people)


@pytest.mark.parametrize(
    "text, want",
    [
        ("the man in red", (0,)), ("the guy with the white shirt", (1,)), ("person in green", (2,)),
        ("the kid in yellow", (3,)), ("the one with black pants who is sitting", (2,)),
        ("the woman sitting", (2,)), ("the child", (3,)), ("man in white shirt and black pants", (1,)),
    ],
)  # fmt: skip
def test_colours_posture_and_age_on_synthetic_people(dressed, text, want):
    img, people = dressed
    assert picks(text, people, image=img) == want


def test_colours_hold_in_shade_and_nobody_wears_a_missing_colour(dressed):
    img, people = dressed
    shade = (img.astype(np.float32) * 0.55).astype(np.uint8)
    assert picks("the man in red", people, image=shade) == (0,)
    assert picks("the person in the blue pants on the right", people, image=shade) == (3,)
    res = resolve("the woman in purple", people, image=img)
    assert res.matched_nobody and "purple" in res.explanation
    assert set(picks("everyone in black pants", people, image=img)) == {1, 2}
    assert picks("the man left of the person in white", people, image=img) == (0,)


def test_far_side_picks_whoever_stands_a_body_width_further_out():
    # two people at the right, the rightmost one box width further out: "far right" is that one;
    # two about level at the edge (a tenth of a width apart) stay both candidates
    people = [Person(box=(x, 100, x + 30, 190)) for x in (100, 300, 640, 670)]
    res = resolve("the man at the far right", people, image_size=(768, 576))
    assert res.verdict == "matched" and res.selected == (3,)
    level = [Person(box=(x, 100, x + 30, 190)) for x in (100, 300, 667, 670)]
    assert resolve("the man at the far right", level, image_size=(768, 576)).verdict == "unsure"


def test_standing_people_of_different_box_shapes_do_not_pick_a_group():
    # six people standing, box aspects 2.0 to 3.6 (walkers' legs apart): "standing" tells none
    # apart, so "the three people standing" asks; one sitting (aspect 1) among them is told apart
    widths = (40, 36, 32, 30, 26, 22)
    people = [Person(box=(20 + 100 * k, 100, 20 + 100 * k + wd, 180)) for k, wd in enumerate(widths)]
    assert resolve("the three people standing", people, image_size=(700, 300)).verdict == "unsure"
    sitting = Person(box=(300, 120, 380, 180))
    res = resolve("the person standing", [people[0], sitting], image_size=(700, 300))
    assert res.verdict == "matched" and res.selected == (0,)


def test_at_the_front_is_whoever_stands_clearly_nearest():
    # five walkers of about the same size on a plaza seen from above; one's feet are most of a
    # body height lower (nearer): "the man at the front" is them, "at the back" the highest one
    feet = (230, 225, 232, 295, 150)
    people = [Person(box=(60 + 120 * k, f - 72, 90 + 120 * k, f)) for k, f in enumerate(feet)]
    front = resolve("the man at the front", people, image_size=(768, 576))
    assert front.verdict == "matched" and front.selected == (3,)
    back = resolve("the man at the back", people, image_size=(768, 576))
    assert back.verdict == "matched" and back.selected == (4,)


def test_the_couple_stand_together_and_kissing_is_not_judged():
    # "the couple" are two people together; what they do ("kissing") cannot be seen, so the
    # pair chosen by standing together alone is asked about, never hidden silently
    people = [Person(box=(x, 100, x + 30, 190)) for x in (20, 200, 236, 420, 600)]
    assert parse_together("the couple walking away") and parse_together("the pair on the left")
    res = resolve("the couple kissing", people, image_size=(700, 300))
    assert res.verdict == "unsure" and set(res.candidates) >= {1, 2}


def parse_together(text):
    from rpipp_gui.referring.query import parse

    q = parse(text)
    return q.together and q.count == 2
