"""People placed by things the photo shows ("the man next to the car", "the woman on the bicycle"):
the parser's reading, the box fits, the verdict with things found or not, and a real street photo."""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from rpipp_gui.people.things import Thing
from rpipp_gui.referring import Person, parse, resolve
from rpipp_gui.referring.things import pair_fit

# three people standing apart on one ground line, 120 px tall
ROW = [Person(box=(x, 100, x + 40, 220)) for x in (10, 300, 600)]
CAR = Thing("car", (350.0, 150.0, 500.0, 222.0), 0.5)  # parked just right of the middle one
BIKE = Thing("bicycle", (590.0, 160.0, 660.0, 225.0), 0.5)  # under the right one


@pytest.mark.parametrize(
    "text, kind, how",
    [("the man next to the car", "car", "near"), ("the woman on the bicycle", "bicycle", "on"),
     ("the man riding a bike", "bicycle", "on"), ("the person with the dog", "dog", "near"),
     ("the girl left of the white van", "car", "left_of"), ("the man right of the car", "car", "right_of"),
     ("the kid in front of the car", "car", "in_front_of"), ("the man sitting on the chair", "chair", "on"),
     ("the man next to the sign", None, None), ("the man next to the woman", None, None)],
)  # fmt: skip
def test_the_parser_reads_the_thing_and_how(text, kind, how):
    q = parse(text)
    assert (q.thing, q.thing_how) == (kind, how)
    if kind:
        assert q.thing_words[-1] in q.unjudged  # the thing's name: unjudged until it is found


def test_box_fits():
    person = np.array([300.0, 100, 340, 220])
    car = np.array(CAR.box)
    assert pair_fit(person, car, "near") > 0.9  # 10 px apart
    assert pair_fit(person, car, "left_of") > 0.9 and pair_fit(person, car, "right_of") == 0.0
    far = np.array([10.0, 100, 50, 220])
    assert pair_fit(far, car, "near") == 0.0  # 300 px away: 2.5 of their heights
    assert pair_fit(np.array([600.0, 100, 640, 220]), np.array(BIKE.box), "on") == 1.0
    assert pair_fit(far, np.array(BIKE.box), "on") == 0.0


def test_a_person_next_to_a_thing_found_is_judged():
    res = resolve("the man next to the car", ROW, things=lambda: [CAR])
    assert res.verdict == "matched" and res.selected == (1,)
    assert "near the car" in res.explanation and "car" not in res.unjudged
    res = resolve("the woman on the bicycle", ROW, things=lambda: [CAR, BIKE])
    assert res.verdict == "matched" and res.selected == (2,)
    assert resolve("the person left of the car", ROW, things=lambda: [CAR]).selected == (1,)
    res = resolve("everyone except the man next to the car", ROW, things=lambda: [CAR])
    assert res.verdict == "matched" and set(res.selected) == {0, 2}


@pytest.mark.parametrize(
    "things",
    [None, lambda: [], lambda: [BIKE], lambda: [Thing("car", (900.0, 400.0, 1000.0, 450.0), 0.5)]],
    ids=["not looked for", "none found", "another kind", "found by nobody"],
)
def test_a_thing_not_found_by_anyone_leaves_its_words_unjudged(things):
    res = resolve("the man next to the car", ROW, image_size=(1100, 500), things=things)
    assert res.verdict == "unsure" and "car" in res.unjudged
    assert "could not judge: car" in res.explanation


def test_things_are_looked_for_only_when_a_sentence_names_one():
    asked = []

    def things():
        asked.append(1)
        return [CAR]

    resolve("the man on the left", ROW, things=things)
    resolve("the man next to the sign", ROW, things=things)  # not a thing the detector finds
    assert asked == []
    resolve("the man next to the car", ROW, things=things)
    assert asked


@pytest.mark.slow
def test_the_person_in_front_of_the_car_on_a_real_street_photo():
    from rpipp_gui.referring.engines import InstancesEngine

    more = Path(__file__).resolve().parents[2] / "benchmarks" / "data" / "real_people_more"
    with open(more / "people.tsv", encoding="utf-8") as f:
        rows = [r for r in csv.reader(f, delimiter="\t") if r and r[0] == "vtest_0750.png"]
    ids = [r[1] for r in rows]
    engine = InstancesEngine()
    rgb = np.asarray(Image.open(more / "vtest_0750.png").convert("RGB"))
    engine.set_image(rgb, [Person(box=tuple(float(v) for v in r[2:6])) for r in rows])
    # p7: the distant person in front of the light-blue car parked at the top right
    for text in ("the person in front of the blue car", "the person right of the white van"):
        res = engine.resolve(text)
        assert res.verdict == "matched" and [ids[i] for i in res.selected] == ["p7"], text
    res = engine.resolve("the man on the bicycle")  # no bicycle: not judged, asked about
    assert res.verdict == "unsure" and "bicycle" in res.unjudged
