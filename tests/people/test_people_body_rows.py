"""A weak body box is a person when it stands in a row of people (body_rows.py): walkers on a street
keep their weak boxes, a thing beside one person (a helmet held beside an astronaut) does not."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from rpipp_gui.people.bodies import Body
from rpipp_gui.people.body_fusion import in_row
from rpipp_gui.people.body_masks import BodyMask, body_candidate
from rpipp_gui.people.body_rows import BodyRowOptions, row_mates
from rpipp_gui.people.options import FinderOptions
from rpipp_gui.people.person_masks import Candidate

# a street: walkers 120-150 px tall, their feet on about the same line (y 300-310)
WALKERS = [(40.0, 170.0, 90.0, 305.0), (100.0, 160.0, 150.0, 300.0), (230.0, 175.0, 280.0, 310.0)]
WEAK = (165.0, 168.0, 215.0, 302.0)  # a weak box among them
SHAPE = (400, 400)  # the working copy's (h, w)


def test_a_weak_box_among_walkers_has_them_as_row_mates():
    assert row_mates(WEAK, WALKERS) == 3


def test_a_weak_box_beside_one_person_has_one_mate_at_most():
    astronaut = (100.0, 40.0, 200.0, 300.0)
    helmet = (205.0, 150.0, 255.0, 215.0)  # held at his chest: short, its bottom far above his feet
    assert row_mates(helmet, [astronaut]) == 0
    clutter = (205.0, 60.0, 290.0, 298.0)  # about as tall, on his floor: one mate, not a row
    assert row_mates(clutter, [astronaut]) == 1 < BodyRowOptions().mates


@pytest.mark.parametrize(
    "other",
    [
        (100.0, 20.0, 170.0, 305.0),  # twice as tall: someone nearer the camera
        (100.0, 250.0, 130.0, 300.0),  # a third as tall: someone far away (or a child)
        (100.0, 100.0, 150.0, 240.0),  # as tall, but standing 62 px higher (0.46 of the box)
        (900.0, 170.0, 950.0, 305.0),  # as tall, on the same line, but 5.5 box heights away
        WEAK,  # the box itself
        (168.0, 170.0, 212.0, 300.0),  # another box on the same person
    ],
)
def test_people_of_another_height_ground_or_place_are_not_row_mates(other):
    assert row_mates(WEAK, [other], BodyRowOptions(reach=5.0)) == 0


def test_boxes_of_one_person_count_once():
    walker = WALKERS[0]
    again = (42.0, 175.0, 92.0, 306.0)  # the second detector's box on the same walker
    assert row_mates(WEAK, [walker, again]) == 1


def test_boxes_the_bottom_border_cuts_show_no_feet_and_make_no_row():
    # people around a table, every box cut by the bottom border of a 310-row photo
    seated = [(40.0, 170.0, 90.0, 309.0), (230.0, 175.0, 280.0, 310.0)]
    box = (165.0, 168.0, 215.0, 302.0)
    assert row_mates(box, seated) == 2  # without the photo's height they look like a row
    assert row_mates(box, seated, photo_h=310) == 0
    assert row_mates((165.0, 168.0, 215.0, 309.0), WALKERS, photo_h=310) == 0  # cut itself
    assert row_mates(box, WALKERS, photo_h=400) == 3


def test_options_are_checked():
    with pytest.raises(ValueError):
        BodyRowOptions(mates=0)
    with pytest.raises(ValueError):
        BodyRowOptions(height=0.9)
    with pytest.raises(ValueError):
        BodyRowOptions(floor=1.5)


def _cand(box) -> Candidate:
    """A found person whose mask fills ``box`` (ints) on a crop 10 px larger on each side."""
    x0, y0, x1, y1 = (int(v) for v in box)
    prob = np.zeros((y1 - y0 + 20, x1 - x0 + 20), np.float32)
    prob[10:-10, 10:-10] = 1.0
    return Candidate(prob, (x0 - 10, y0 - 10, x1 + 10, y1 + 10), 0.9, "face+pose")


def test_the_finder_counts_the_other_bodies_and_the_people_found():
    opts = FinderOptions()
    boxes = [WEAK, WALKERS[0]]
    # one other body alone is not a row...
    assert not in_row(0, boxes, 0.42, [], SHAPE, opts, opts.body_row.floor)
    # ...with a person found (a face-seeded walker, no body box of their own) it is
    assert in_row(0, boxes, 0.42, [_cand(WALKERS[2])], SHAPE, opts, opts.body_row.floor)
    # a person found on the same walker as the body box is still one mate
    assert not in_row(0, boxes, 0.42, [_cand(WALKERS[0])], SHAPE, opts, opts.body_row.floor)
    # under the floor, or switched off: no; a box to hide whole needs more (box_floor)
    assert not in_row(0, boxes, 0.3, [_cand(WALKERS[2])], SHAPE, opts, opts.body_row.floor)
    assert not in_row(0, boxes, 0.42, [_cand(WALKERS[2])], SHAPE, opts, opts.body_row.box_floor)
    assert in_row(0, boxes, 0.6, [_cand(WALKERS[2])], SHAPE, opts, opts.body_row.box_floor)
    off = dataclasses.replace(opts, body_row=BodyRowOptions(on=False))
    assert not in_row(0, boxes, 0.42, [_cand(WALKERS[2])], SHAPE, off, off.body_row.floor)


def test_a_box_the_row_vouches_for_is_hidden_whole_without_person_pixels():
    covered = np.zeros((400, 400), bool)
    covered[168:302, 205:215] = True  # the walker beside reaches 10 px into its box
    body = Body(WEAK, 0.6, whole=0.3)  # NanoDet agreed; not sure on the photo alone
    empty = BodyMask(np.zeros((140, 60), np.float32), (160, 165, 220, 305), None, 0.0, "body+selfie")
    assert body_candidate(empty, covered, body) is None  # not apart from everyone (seen_apart)
    cand = body_candidate(empty, covered, body, sure=True)
    assert cand is not None and cand.source == "body"
    got = cand.mask((400, 400), 0.5)
    assert got[170:300, 166:204].all() and not got[168:302, 205:215].any()


@pytest.mark.slow
def test_two_people_of_the_balloon_crowd_are_found_by_their_row():
    # real_people_pkg6's Hot_Air_Balloons: people watching the balloons, seen from behind at 46-61 px;
    # the body detector's boxes on p8 (0.42) and p10 (0.45) get a mask only from the selfie model
    from PIL import Image
    from pkg_photos import PKG, pkg_photo

    from rpipp_gui.people import find_people
    from rpipp_gui.people.person import box_iou

    path = pkg_photo("rmagick_Hot_Air_Balloons_H.jpg", PKG.with_name("real_people_pkg6"))
    rgb = np.asarray(Image.open(path).convert("RGB"))
    watchers = [(323, 332, 341, 388), (351, 344, 369, 403)]  # p8, p10 of its people.tsv

    def found(options: FinderOptions) -> list[bool]:
        people = find_people(rgb, options)
        return [any(box_iou(p.box, w) >= 0.5 for p in people) for w in watchers]

    assert found(FinderOptions()) == [True, True]
    assert found(dataclasses.replace(FinderOptions(), body_row=BodyRowOptions(on=False))) == [False, False]
