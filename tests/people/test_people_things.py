"""Things the body detector sees besides people (people/things.py): which of its classes are kept,
and the cars of a real street photo."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PIL import Image

from rpipp_gui.people.body_options import ThingOptions
from rpipp_gui.people.things import find_things, labels, things_from_scores

MORE = Path(__file__).resolve().parents[2] / "benchmarks" / "data" / "real_people_more"


def _scores(rows: list[tuple[str, float, tuple]]) -> tuple[np.ndarray, np.ndarray, list[str]]:
    names = labels()
    boxes = np.array([box for _, _, box in rows], np.float32)
    probs = np.zeros((len(rows), len(names)), np.float32)
    for i, (name, score, _) in enumerate(rows):
        probs[i, names.index(name)] = score
    return boxes, probs, names


def test_kinds_are_kept_from_their_own_threshold():
    boxes, probs, names = _scores(
        [
            ("Car", 0.45, (10, 10, 60, 40)),
            ("Vehicle", 0.40, (12, 10, 60, 42)),  # the same car, read twice: one thing
            ("Bicycle", 0.40, (100, 50, 140, 90)),
            ("Dog", 0.45, (200, 80, 230, 100)),  # below the dogs' threshold
            ("Chair", 0.90, (300, 10, 400, 200)),  # chairs are never taken from this detector
            ("Footwear", 0.90, (50, 90, 60, 95)),  # worn, not a place
            ("Person", 0.90, (0, 0, 20, 80)),
        ]
    )
    things = things_from_scores(boxes, probs, names)
    assert [(t.kind, round(t.score, 2)) for t in things] == [("car", 0.45), ("bicycle", 0.4)]
    # another threshold keeps the dog
    strict = ThingOptions(threshold={"dog": 0.4})
    assert [t.kind for t in things_from_scores(boxes, probs, names, strict)] == ["dog"]


def test_the_cars_of_a_street_photo_are_found_and_a_chessboard_is_no_thing():
    rgb = np.asarray(Image.open(MORE / "vtest_0750.png").convert("RGB"))
    cars = find_things(rgb)
    # the white van and the light-blue car parked at the top right, nothing else
    assert [t.kind for t in cars] == ["car", "car"]
    assert all(t.box[0] > 600 and t.box[3] < 120 for t in cars)
    # a man holding a chessboard up: the detector calls the board a laptop, chair or table
    board = np.asarray(Image.open(MORE / "left02.jpg").convert("RGB"))
    assert find_things(board) == []


def test_nanodet_kinds_are_kept_from_their_own_floor():
    from rpipp_gui.people.nanodet import COCO_NAMES
    from rpipp_gui.people.things import NanoThingOptions, nano_floors, nano_things

    rows = [
        ("tie", 0.49, (10, 10, 20, 60)),
        ("tie", 0.40, (100, 10, 110, 60)),  # a collar's score: under the ties' floor
        ("wine glass", 0.55, (50, 50, 60, 70)),  # a cup
        ("chair", 0.45, (0, 0, 300, 300)),  # the chessboards' score: chairs are not taken
        ("person", 0.9, (0, 0, 50, 100)),
        ("bottle", 0.63, (200, 100, 210, 150)),
    ]
    boxes = np.array([b for *_, b in rows], np.float32)
    scores = np.array([s for _, s, _ in rows], np.float32)
    classes = np.array([COCO_NAMES.index(n) for n, *_ in rows], np.int64)
    things = nano_things(boxes, scores, classes)
    assert [(t.kind, round(t.score, 2)) for t in things] == [("bottle", 0.63), ("cup", 0.55), ("tie", 0.49)]
    floors = nano_floors()
    assert COCO_NAMES.index("chair") not in floors and COCO_NAMES.index("person") not in floors
    assert floors[COCO_NAMES.index("tie")] == NanoThingOptions().floor["tie"]
    chairs = NanoThingOptions(floor={"chair": 0.4})
    assert [t.kind for t in nano_things(boxes, scores, classes, chairs)] == ["chair"]


def test_no_ball_on_the_plaza_and_no_tie_on_a_collar():
    # vtest_0750: a white thing on the grass is a "sports ball" 0.42 to NanoDet, under the balls'
    # floor; "the man kicking the ball" there is a no-target sentence
    rgb = np.asarray(Image.open(MORE / "vtest_0750.png").convert("RGB"))
    assert [t for t in find_things(rgb) if t.kind == "ball"] == []
    from pkg_photos import PKG2, pkg_photo

    # faces.jpg: a V-neck collar is a tie 0.34; "the man in the suit and tie" is a no-target sentence
    faces = np.asarray(Image.open(pkg_photo("faces.jpg", PKG2)).convert("RGB"))
    assert [t for t in find_things(faces) if t.kind == "tie"] == []


def test_the_ssd_things_stay_when_nanodet_cannot_run():
    from rpipp_gui.errors import ModelError

    class Broken:
        def detect_classes(self, rgb, floors):
            raise ModelError("no model")

    rgb = np.asarray(Image.open(MORE / "vtest_0750.png").convert("RGB"))
    assert [t.kind for t in find_things(rgb, nanodet=Broken())] == ["car", "car"]
