"""Clothing colours on the pose core (issue 13): a mask that takes in a neighbour's clothes is read
on the person's own torso and legs where the keypoints are seen."""

from __future__ import annotations

import numpy as np

from rpipp_gui.people.person import HEAD_ONLY, Person
from rpipp_gui.referring import colors
from rpipp_gui.referring.clothing_core import CoreOptions, core_grid
from rpipp_gui.referring.colors import clothing_colours


def _keypoints(legs: bool = True) -> np.ndarray:
    """33x3 MediaPipe keypoints of a person standing at x 80..160: shoulders at y 100, hips at 250,
    knees at 330, ankles at 390 (legs unseen when ``legs`` is off)."""
    kp = np.zeros((33, 3), np.float32)
    kp[11], kp[12] = (90, 100, 0.9), (150, 100, 0.9)
    kp[23], kp[24] = (100, 250, 0.9), (140, 250, 0.9)
    if legs:
        kp[25], kp[26] = (100, 330, 0.9), (140, 330, 0.9)
        kp[27], kp[28] = (100, 390, 0.9), (140, 390, 0.9)
    return kp


def _scene() -> tuple[np.ndarray, Person]:
    """A woman in a blue top and white trousers (x 80..160) whose mask runs on over her
    neighbour's red coat and black trousers (x 0..80), on a gray wall."""
    img = np.full((400, 240, 3), 128, np.uint8)
    img[95:255, 80:160] = (30, 60, 200)  # blue top
    img[255:400, 80:160] = (240, 240, 240)  # white trousers
    img[95:255, 0:80] = (200, 20, 30)  # the neighbour's red coat
    img[255:400, 0:80] = (15, 15, 15)  # and black trousers
    mask = np.zeros((400, 240), bool)
    mask[60:400, 0:160] = True  # the finder's mask took the neighbour in
    return img, Person(box=(0, 60, 160, 400), mask=mask, keypoints=_keypoints())


def test_a_neighbours_coat_inside_the_mask_is_not_read():
    img, person = _scene()
    shares = clothing_colours(img, person)
    assert shares["upper"].get("blue", 0.0) > 0.9
    assert shares["upper"].get("red", 0.0) < 0.05
    assert shares["lower"].get("white", 0.0) > 0.8
    assert shares["lower"].get("black", 0.0) < 0.1


def test_without_the_core_the_neighbours_colours_are_read(monkeypatch):
    # the same scene read on the bands of the box (as before issue 13): the coat is half the top
    img, person = _scene()
    monkeypatch.setattr(colors, "core_grid", lambda *args: None)
    assert clothing_colours(img, person)["upper"].get("red", 0.0) > 0.3


def test_missing_keypoints_fall_back_to_the_bands():
    img, person = _scene()
    no_kp = Person(box=person.box, mask=person.mask)
    assert clothing_colours(img, no_kp)["upper"].get("red", 0.0) > 0.3
    no_legs = Person(box=person.box, mask=person.mask, keypoints=_keypoints(legs=False))
    assert core_grid(no_legs, "lower", (0, 0), (400, 240), 1) is None
    assert core_grid(no_legs, "upper", (0, 0), (400, 240), 1) is not None


def test_a_core_off_the_mask_falls_back_to_the_band():
    # keypoints that miss the mask (a pose from elsewhere): the band's mask pixels are read
    img, person = _scene()
    kp = _keypoints()
    kp[:, 0] += 200  # the skeleton off to the right, outside the mask
    moved = Person(box=person.box, mask=person.mask, keypoints=kp)
    assert clothing_colours(img, moved)["upper"].get("red", 0.0) > 0.3


def test_core_grid_follows_the_sparse_grid():
    _, person = _scene()
    full = core_grid(person, "upper", (0, 0), (400, 240), 1)
    sparse = core_grid(person, "upper", (0, 0), (200, 120), 2)
    assert full is not None and sparse is not None
    assert abs(full[::2, ::2].mean() - sparse.mean()) < 0.02
    assert not core_grid(person, "upper", (0, 0), (400, 240), 1, CoreOptions(enabled=False))


def test_sleeves_are_read_with_the_torso():
    # a navy jacket with red sleeves (arms seen): the sleeves count, the neighbour's coat does not
    img, person = _scene()
    img[95:255, 60:80] = (200, 20, 30)  # the neighbour's coat right beside the woman
    img[95:255, 80:160] = (20, 30, 90)  # navy body
    img[100:230, 80:96] = img[100:230, 144:160] = (200, 20, 30)  # red sleeves
    kp = person.keypoints.copy()
    kp[13], kp[14] = (88, 165, 0.9), (152, 165, 0.9)  # elbows
    kp[15], kp[16] = (88, 225, 0.9), (152, 225, 0.9)  # wrists
    sleeved = Person(box=person.box, mask=person.mask, keypoints=kp)
    red = clothing_colours(img, sleeved)["upper"].get("red", 0.0)
    torso_only = clothing_colours(img, person)["upper"].get("red", 0.0)
    assert 0.1 < red < 0.5 and red > torso_only + 0.1


def test_a_head_hidden_alone_wears_nothing_the_readers_can_see():
    """A face the finder could not segment is hidden as its head (Person.source HEAD_ONLY): its box
    is the head, whose lower bands would be the face; no clothing is read (pkg6's dim bar: two
    heads in the dark were listed in the window as 'black top, black below')."""
    img = np.full((200, 200, 3), 20, np.uint8)  # a dark bar
    img[60:110, 80:120] = (150, 110, 90)  # a face
    mask = np.zeros((200, 200), bool)
    mask[50:120, 74:126] = True
    head = Person(box=(74, 50, 126, 120), mask=mask, face_box=(80, 60, 120, 110), source=HEAD_ONLY)
    seen = clothing_colours(img, head)
    assert seen["upper"] == {} and seen["lower"] == {}
    body = Person(box=(74, 50, 126, 120), mask=mask, face_box=(80, 60, 120, 110), source="face+pose")
    assert clothing_colours(img, body)["upper"]  # the same box as a body reads its bands
