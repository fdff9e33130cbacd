"""A body box the finder would drop (no mask to make, not sure on the photo) is looked at once more
as the export's privacy check will see it, with the people found painted grey (body_masks.py
``seen_once_hidden``): hiding everyone must not leave a person the check finds."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from PIL import Image
from pkg_photos import pkg2_photo

from rpipp_gui.people.bodies import Body
from rpipp_gui.people.body_masks import BodyMask, body_candidate, seen_once_hidden
from rpipp_gui.people.body_rows import BodyRowOptions
from rpipp_gui.people.options import BodyMaskOptions, FinderOptions
from rpipp_gui.people.person import box_iou


class _Detector:
    """Sees a person at ``box`` scoring ``hidden`` when the pixels at ``painted`` are grey, else
    ``shown``; records the images it was given."""

    def __init__(self, box, painted, shown: float, hidden: float) -> None:
        self.box, self.painted, self.shown, self.hidden = box, painted, shown, hidden
        self.seen: list[np.ndarray] = []

    def detect(self, rgb: np.ndarray, threshold: float | None = None) -> list[Body]:
        self.seen.append(rgb)
        y, x = self.painted
        score = self.hidden if (rgb[y, x] == 128).all() else self.shown
        return [Body(self.box, score)] if score >= (threshold or 0.0) else []


def _scene():
    work = np.full((200, 300, 3), 40, np.uint8)
    covered = np.zeros((200, 300), bool)
    covered[40:190, 20:90] = True  # someone found before, on the left
    return work, covered


def test_a_weak_box_the_detector_is_sure_of_once_the_others_are_hidden_becomes_a_box_person():
    work, covered = _scene()
    body = Body((200.0, 40.0, 260.0, 190.0), 0.41, whole=0.41)
    detector = _Detector((202.0, 42.0, 258.0, 190.0), (100, 50), shown=0.41, hidden=0.44)
    seen = seen_once_hidden(detector, work, covered, body)
    assert seen.whole == pytest.approx(0.44) and (detector.seen[0][covered] == 128).all()
    assert (work[covered] == 40).all()  # the working copy itself is left alone
    empty = BodyMask(np.zeros((150, 60), np.float32), (200, 40, 260, 190), None, 0.07, "body+selfie")
    assert body_candidate(empty, covered, body) is None  # dropped, as before
    assert body_candidate(empty, covered, seen).source == "body"  # hidden whole


@pytest.mark.parametrize(
    ("hidden", "box", "options"),
    [
        (0.419, (202.0, 42.0, 258.0, 190.0), BodyMaskOptions()),  # not sure even then
        (0.44, (120.0, 42.0, 170.0, 190.0), BodyMaskOptions()),  # somewhere else
        (0.44, (202.0, 42.0, 258.0, 190.0), BodyMaskOptions(hidden_look=False)),  # switched off
    ],
)
def test_the_second_look_changes_nothing_unless_it_is_sure_of_the_same_box(hidden, box, options):
    work, covered = _scene()
    body = Body((200.0, 40.0, 260.0, 190.0), 0.41, whole=0.41)
    assert seen_once_hidden(_Detector(box, (100, 50), 0.41, hidden), work, covered, body, options) is body


def test_a_sure_box_needs_no_second_look():
    work, covered = _scene()
    detector = _Detector((200.0, 40.0, 260.0, 190.0), (100, 50), 0.5, 0.5)
    body = Body((200.0, 40.0, 260.0, 190.0), 0.5, whole=0.5)
    assert seen_once_hidden(detector, work, covered, body) is body and not detector.seen


@pytest.mark.slow
def test_the_man_walking_away_at_the_border_of_bus_jpg_is_found():
    from rpipp_gui.people import find_people

    rgb = np.asarray(Image.open(pkg2_photo("bus.jpg")).convert("RGB"))
    people = find_people(rgb)
    walking_away = (667, 395, 810, 880)  # real_people_pkg2's p4, in black, cut by the right border
    assert any(box_iou(p.box, walking_away) >= 0.5 for p in people)
    off = dataclasses.replace(BodyMaskOptions(), hidden_look=False, seen_apart=1.0)
    # the row he walks in (body_rows.py) and his box seen plainly apart from everyone
    # (seen_apart) find him too: all off, he is lost
    no_row = BodyRowOptions(on=False)
    before = find_people(rgb, dataclasses.replace(FinderOptions(), body_mask=off, body_row=no_row))
    assert not any(box_iou(p.box, walking_away) >= 0.5 for p in before)
    by_row = find_people(rgb, dataclasses.replace(FinderOptions(), body_mask=off))
    assert any(box_iou(p.box, walking_away) >= 0.5 for p in by_row)
    apart = dataclasses.replace(off, seen_apart=BodyMaskOptions().seen_apart)
    by_tile = find_people(rgb, dataclasses.replace(FinderOptions(), body_mask=apart, body_row=no_row))
    assert any(box_iou(p.box, walking_away) >= 0.5 for p in by_tile)


def test_a_box_not_shaped_like_a_person_is_not_looked_at_again():
    # a wide box (a car, a bench) would be dropped by body_candidate however sure the detector
    # became once the others are hidden: no detector run for it
    work, covered = _scene()
    body = Body((150.0, 120.0, 290.0, 190.0), 0.41, whole=0.41)
    detector = _Detector((150.0, 120.0, 290.0, 190.0), (100, 50), shown=0.41, hidden=0.9)
    assert seen_once_hidden(detector, work, covered, body) is body and not detector.seen
    sure = dataclasses.replace(body, whole=0.9)
    empty = BodyMask(np.zeros((70, 140), np.float32), (150, 120, 290, 190), None, 0.0, "body+selfie")
    assert body_candidate(empty, covered, sure) is None  # what the look would have come to
