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
