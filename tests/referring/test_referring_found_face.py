"""A person without a face box (an annotated box, a body found without a face) has the face the face
reader finds in their head region taken as their face box when their clothing colours are read
(issue-13ae, ``ClothingOptions.face_found``): the upper band starts below its chin, and the skin is
left out. Before, the upper band of a close-up or of a body cut at the knees (18-55 % of the box)
read mostly face, neck and shoulders: with the annotated boxes, "the woman on the right in the green
top" (real_people_pkg sample6) and "the smiling man in the black polo" (pkg4 single_face) ended as
"nobody wears ..."."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from pkg_photos import pkg_photo

from rpipp_gui.people.person import Person
from rpipp_gui.referring import colors, face_attributes
from rpipp_gui.referring.face_attributes import FaceReading

SKIN = (224, 172, 140)
GREEN = (30, 150, 60)
FACE = (30.0, 8.0, 70.0, 80.0)


def _close_up() -> tuple[np.ndarray, Person]:
    """A 100x200 box: face, neck and bare shoulders (skin) down to row 100, a green top below."""
    img = np.zeros((200, 100, 3), np.uint8)
    img[:100] = SKIN
    img[100:] = GREEN
    return img, Person(box=(0.0, 0.0, 100.0, 200.0))


class _Reader:
    def __init__(self, box):
        self.box = box
        self.asked = 0

    def find_face(self, image, person):
        self.asked += 1
        if self.box is None:
            return None
        return FaceReading(self.box, np.zeros((5, 2), np.float32), 0.9, 0.0)


@pytest.fixture
def reader(monkeypatch):
    r = _Reader(FACE)
    monkeypatch.setattr(face_attributes, "face_reader", lambda: r)
    return r


def test_the_upper_band_starts_below_a_found_face(reader):
    img, person = _close_up()
    green = colors.clothing_colours(img, person)["upper"].get("green", 0.0)
    assert reader.asked == 1 and green > 0.8
    off = replace(colors.CLOTHING_OPTIONS, face_found=False)
    assert colors.clothing_colours(img, person, off)["upper"].get("green", 0.0) < 0.3


def test_a_person_with_a_face_box_is_not_searched_again(reader):
    img, person = _close_up()
    colors.clothing_colours(img, replace(person, face_box=FACE))
    assert reader.asked == 0


def test_no_face_found_reads_the_box_as_before(monkeypatch):
    r = _Reader(None)
    monkeypatch.setattr(face_attributes, "face_reader", lambda: r)
    img, person = _close_up()
    off = replace(colors.CLOTHING_OPTIONS, face_found=False)
    assert colors.clothing_colours(img, person) == colors.clothing_colours(img, person, off)
    assert r.asked == 1


def test_the_green_top_of_an_annotated_box_is_seen():
    """real_people_pkg sample6 with its annotated boxes: the woman on the right in the green top."""
    from rpipp_gui.app import App, ModelConfig
    from rpipp_gui.people.annotations import read_people

    path = pkg_photo("sample6.jpg")
    boxes = read_people(path.parents[1] / "people.tsv")["images/sample6.jpg"]
    app = App(ModelConfig())
    ctx = app.open(path)
    ctx = app.with_people([Person(box=a.box) for a in boxes], ctx)
    d = app.decide("the woman on the right in the green top", ctx)
    assert d.verdict == "matched" and d.people == (3,)
