"""Things that are not people are not reported: real photos of OpenCV's sample data (copies in
tests/people/data/no_people, see its README) that the finder once took people from, and the one
real person whose finding rests on the rules that now turn those down."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from rpipp_gui.people.faces import Face, unvouched_large

NO_PEOPLE = Path(__file__).resolve().parent / "data" / "no_people"
MORE = Path(__file__).resolve().parents[2] / "benchmarks" / "data" / "real_people_more"


@pytest.mark.slow
@pytest.mark.parametrize(
    "photo",
    [
        "leuvenB_480.jpg",  # a gabled house front: a selfie region pose did not confirm ('selfie')
        "box_in_scene_384.jpg",  # a pile of boxes: the same ('selfie')
        "apple_320.jpg",  # an apple MediaPipe took for a face ('face+selfie')
        "aloeGT_640.png",  # a disparity map: its pot, cut by the bottom border ('body')
    ],
)
def test_photos_of_things_give_nobody(finder, photo):
    rgb = np.asarray(Image.open(NO_PEOPLE / photo).convert("RGB"))
    assert finder.set_image(rgb) == []


@pytest.mark.slow
def test_a_man_only_selfie_segmentation_finds_is_still_found(finder):
    # right13.jpg: the man behind the chessboard is a selfie region that pose does not confirm;
    # the body detector sees him on the crops around it (0.33), the house and the boxes above 0-0.23
    from rpipp_gui.people.annotations import read_people, score_photo

    annotated = read_people(MORE / "people.tsv")["right13.jpg"]
    people = finder.set_image(np.asarray(Image.open(MORE / "right13.jpg").convert("RGB")))
    score = score_photo(annotated, [p.box for p in people], None)
    assert score.found == [True] and not score.false and not score.duplicates


def test_a_large_face_only_mediapipe_sees_needs_centerface_on_it():
    big = Face((100.0, 100.0, 400.0, 400.0), 0.65, None, "mediapipe")  # 0.6 of the short side
    small = Face((10.0, 10.0, 40.0, 40.0), 0.7, None, "mediapipe")
    by_centerface = Face((100.0, 100.0, 400.0, 400.0), 0.9, None, "centerface")
    none = np.zeros((0, 5), np.float32)
    assert unvouched_large([big, small, by_centerface], none, (500, 600), 0.25, 0.3) == [big]
    weak = np.array([[120, 110, 390, 410, 0.12]], np.float32)  # CenterFace, weakly, on the same face
    assert unvouched_large([big], weak, (500, 600), 0.25, 0.3) == []
    inside = np.array([[240, 240, 260, 260, 0.12]], np.float32)  # a small box on its centre
    assert unvouched_large([big], inside, (500, 600), 0.25, 0.3) == []
    apart = np.array([[450, 10, 480, 40, 0.3]], np.float32)
    assert unvouched_large([big], apart, (500, 600), 0.25, 0.3) == [big]
